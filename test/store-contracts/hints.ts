// The HintStore contract (push hints, issue 14): a token per vendor, made once; a hint with the right
// token makes a free vendor due now, and one for a leased vendor waits for that poll's write, whichever
// way it is written (a changed poll, a failure, or a batch of quiet polls).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../../src/store/store.ts";
import { at, success, vendorInput } from "./fixtures.ts";

export function hintStoreContract(name: string, open: () => Promise<Store>): void {
  describe(`HintStore contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
      await store.addVendor(vendorInput("acme"), at(0));
      await store.addVendor(vendorInput("beta"), at(0));
    });
    afterEach(async () => {
      await store.close();
    });

    /** Polls the vendor once so that it is next due at minute 60, as the fixtures' polls are. */
    async function polledUntil60(slug: string) {
      await store.savePoll(success(slug, at(1)));
      expect((await store.getVendor(slug))!.nextPollAt).toBe(at(60));
    }

    it("makes a token once per vendor, long and random, and none for an unknown vendor", async () => {
      const token = await store.hintToken("acme");
      expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(await store.hintToken("acme")).toBe(token);
      expect(await store.hintToken("beta")).not.toBe(token);
      expect(await store.hintToken("nobody")).toBeNull();
    });

    it("a hint with the vendor's token makes a free vendor due now and notes it; a wrong one changes nothing", async () => {
      await polledUntil60("acme");
      await polledUntil60("beta");
      const token = (await store.hintToken("acme"))!;
      const before = await store.getVendor("acme");
      expect(await store.hintVendor("acme", "x".repeat(32), at(5))).toBe(false);
      expect(await store.hintVendor("acme", "", at(5))).toBe(false);
      expect(await store.hintVendor("beta", token, at(5))).toBe(false); // another vendor's token
      expect(await store.hintVendor("nobody", token, at(5))).toBe(false);
      expect(await store.getVendor("acme")).toEqual(before);
      expect(before!.lastHintAt).toBeNull();

      expect(await store.hintVendor("acme", token, at(5))).toBe(true);
      expect(await store.getVendor("acme")).toMatchObject({ nextPollAt: at(5), lastHintAt: at(5) });
      expect((await store.claimDueVendors(at(5), at(6), 10, "w1")).map((v) => v.slug)).toEqual(["acme"]);
    });

    it("never brings a due time later, and never frees a leased vendor for a second claim", async () => {
      const token = (await store.hintToken("acme"))!;
      expect(await store.hintVendor("acme", token, at(5))).toBe(true); // due at 0 already: stays so
      expect((await store.getVendor("acme"))!.nextPollAt).toBe(at(0));
      expect((await store.claimDueVendors(at(1), at(31), 10, "w1")).map((v) => v.slug)).toEqual([
        "acme",
        "beta",
      ]);
      expect(await store.hintVendor("acme", token, at(2))).toBe(true);
      expect((await store.getVendor("acme"))!.nextPollAt).toBe(at(31));
      expect(await store.claimDueVendors(at(3), at(33), 10, "w2")).toEqual([]);
    });

    it("a hint during a poll makes the vendor due when that poll is written, changed or quiet; a failure keeps its backoff", async () => {
      const token = (await store.hintToken("acme"))!;
      const claimAndHint = async (minute: number) => {
        expect(
          (await store.claimDueVendors(at(minute), at(minute + 30), 10, "w1")).map((v) => v.slug),
        ).toContain("acme");
        expect(await store.hintVendor("acme", token, at(minute + 1))).toBe(true);
      };
      // A changed poll: due at its own time, not at its next one.
      await claimAndHint(0);
      await store.savePoll(success("acme", at(2)));
      expect((await store.getVendor("acme"))!.nextPollAt).toBe(at(2));
      // A quiet one, written in a batch with another vendor's.
      await claimAndHint(2);
      await store.markPolled([
        { vendor: "acme", polledAt: at(4), nextPollAt: at(60) },
        { vendor: "beta", polledAt: at(4), nextPollAt: at(61) },
      ]);
      expect((await store.getVendor("acme"))!.nextPollAt).toBe(at(4));
      expect((await store.getVendor("beta"))!.nextPollAt).toBe(at(61));
      // A failed one keeps its backoff (or the server's Retry-After), and the hint is used up.
      await claimAndHint(4);
      await store.savePoll({
        vendor: "acme",
        polledAt: at(6),
        nextPollAt: at(40),
        outcome: { ok: false, error: "HTTP 429", failures: 1 },
        events: [],
      });
      expect((await store.getVendor("acme"))!.nextPollAt).toBe(at(40));
      // The next poll's write keeps the rhythm.
      await store.claimDueVendors(at(40), at(70), 10, "w1");
      await store.savePoll(success("acme", at(41)));
      expect((await store.getVendor("acme"))!.nextPollAt).toBe(at(60));
    });
  });
}

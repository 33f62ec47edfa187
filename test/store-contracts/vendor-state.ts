// The VendorStore contract, continued: a vendor's lease, pause and version as the scheduler and caches see them.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RecordStore, VendorStore } from "../../src/store/store.ts";
import { at, vendorInput, type Closable } from "./fixtures.ts";
import { seedHistory } from "./history-fixtures.ts";

type VendorStateStore = VendorStore & Pick<RecordStore, "savePoll"> & Closable;

export function vendorStateCases(open: () => Promise<VendorStateStore>): void {
  describe("claimDueVendors", () => {
    let store: VendorStateStore;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it("leases due vendors, most overdue first, and only once", async () => {
      await store.addVendor(vendorInput("late"), at(0));
      await store.addVendor(vendorInput("later"), at(1));
      await store.addVendor(vendorInput("exact"), at(2));
      await store.addVendor(vendorInput("future"), at(3));
      expect(await store.claimDueVendors(at(2), at(10), 0)).toEqual([]);
      const first = await store.claimDueVendors(at(2), at(10), 2);
      expect(first.map((v) => v.slug).sort()).toEqual(["late", "later"]);
      expect(first.every((v) => v.nextPollAt === at(10))).toBe(true);
      const second = await store.claimDueVendors(at(2), at(10), 10);
      expect(second.map((v) => v.slug)).toEqual(["exact"]);
      expect(await store.claimDueVendors(at(2), at(10), 10)).toEqual([]);
      expect((await store.getVendor("late"))?.nextPollAt).toBe(at(10));
      expect((await store.getVendor("future"))?.nextPollAt).toBe(at(3));
      // Once the lease runs out they are due again.
      expect((await store.claimDueVendors(at(10), at(20), 10)).map((v) => v.slug).sort()).toEqual([
        "exact",
        "future",
        "late",
        "later",
      ]);
    });

    it("drops a quiet poll's write that comes after the vendor was claimed again", async () => {
      await store.addVendor(vendorInput("late"), at(0));
      const [first] = await store.claimDueVendors(at(0), at(5), 10);
      const [second] = await store.claimDueVendors(at(6), at(12), 10); // the first lease ran out
      const write = { vendor: "late", polledAt: at(1), nextPollAt: at(30) };
      await store.markPolled([{ ...write, leaseUntil: first!.nextPollAt }]);
      expect((await store.getVendor("late"))?.nextPollAt).toBe(at(12)); // the newer lease holds
      await store.markPolled([
        { ...write, polledAt: at(7), nextPollAt: at(40), leaseUntil: second!.nextPollAt },
      ]);
      expect((await store.getVendor("late"))?.nextPollAt).toBe(at(40));
    });

    it("after the clock went back, makes due now the vendors polled 'later', unless leased", async () => {
      for (const slug of ["ahead", "leased", "behind"]) await store.addVendor(vendorInput(slug), at(0));
      await store.markPolled([
        { vendor: "ahead", polledAt: at(30), nextPollAt: at(31) },
        { vendor: "leased", polledAt: at(30), nextPollAt: at(31) },
        { vendor: "behind", polledAt: at(5), nextPollAt: at(31) }, // a long interval, set in time
      ]);
      await store.claimDueVendors(at(31), at(40), 10, "host/1/w"); // all three …
      await store.markPolled([
        { vendor: "ahead", polledAt: at(31), nextPollAt: at(32) },
        { vendor: "behind", polledAt: at(5), nextPollAt: at(31) },
      ]); // … and "leased" still polling
      // The clock is set back to minute 10.
      expect(await store.rescheduleAfterClockStep(at(10))).toBe(1);
      expect((await store.getVendor("ahead"))?.nextPollAt).toBe(at(10));
      expect((await store.getVendor("leased"))?.nextPollAt).toBe(at(40));
      expect((await store.getVendor("behind"))?.nextPollAt).toBe(at(31));
      const claimed = await store.claimDueVendors(at(10), at(15), 10, "host/1/w");
      expect(claimed.map((v) => [v.slug, v.dueAt])).toEqual([["ahead", at(10)]]);
      expect(await store.rescheduleAfterClockStep(at(10))).toBe(0); // claimed, so leased
    });

    it("counts as polled 'later' only what was polled after the margin given", async () => {
      for (const slug of ["far", "near"]) await store.addVendor(vendorInput(slug), at(0));
      await store.markPolled([
        { vendor: "far", polledAt: at(30), nextPollAt: at(31) },
        { vendor: "near", polledAt: at(10), nextPollAt: at(31) }, // another host's clock, a little ahead
      ]);
      expect(await store.rescheduleAfterClockStep(at(9), at(11))).toBe(1);
      expect((await store.getVendor("far"))?.nextPollAt).toBe(at(9));
      expect((await store.getVendor("near"))?.nextPollAt).toBe(at(31));
    });

    it("never gives the same vendor to two concurrent claims", async () => {
      const slugs = Array.from({ length: 24 }, (_, i) => `v${String(i).padStart(2, "0")}`);
      for (const slug of slugs) await store.addVendor(vendorInput(slug), at(0));
      const claimed: string[] = [];
      for (let round = 0; round < 4 && claimed.length < slugs.length; round++) {
        const batches = await Promise.all(
          Array.from({ length: 6 }, () => store.claimDueVendors(at(1), at(30), 3)),
        );
        claimed.push(...batches.flat().map((v) => v.slug));
      }
      expect(new Set(claimed).size).toBe(claimed.length);
      expect(claimed.sort()).toEqual(slugs);
    });
  });

  describe("pause", () => {
    let store: VendorStateStore;
    beforeEach(async () => {
      store = await open();
      for (const slug of ["acme", "beta", "gamma"])
        await store.addVendor({ slug, name: slug, url: `https://${slug}.example`, platform: "feed" }, at(0));
    });
    afterEach(async () => {
      await store.close();
    });

    it("starts unpaused, and pause/resume show on the vendor", async () => {
      expect((await store.getVendor("acme"))?.paused).toBe(false);
      expect(await store.setVendorPaused("acme", true)).toBe(true);
      expect((await store.getVendor("acme"))?.paused).toBe(true);
      expect((await store.listVendors()).map((v) => [v.slug, v.paused])).toEqual([
        ["acme", true],
        ["beta", false],
        ["gamma", false],
      ]);
      expect(await store.setVendorPaused("acme", false)).toBe(true);
      expect((await store.getVendor("acme"))?.paused).toBe(false);
    });

    it("answers false for a vendor that does not exist", async () => {
      expect(await store.setVendorPaused("nobody", true)).toBe(false);
    });

    it("never leases a paused vendor, and leases it again once resumed", async () => {
      await store.setVendorPaused("beta", true);
      const first = await store.claimDueVendors(at(1), at(30), 10);
      expect(first.map((v) => v.slug)).toEqual(["acme", "gamma"]);
      // Still due (its next poll time never moved), but paused: nothing to lease.
      expect(await store.claimDueVendors(at(2), at(30), 10)).toEqual([]);
      await store.setVendorPaused("beta", false);
      const resumed = await store.claimDueVendors(at(3), at(30), 10);
      expect(resumed.map((v) => [v.slug, v.paused])).toEqual([["beta", false]]);
    });

    it("keeps the pause across an upsert of the user's fields", async () => {
      await store.setVendorPaused("gamma", true);
      await store.upsertVendor(
        { slug: "gamma", name: "Gamma", url: "https://g.example", platform: "feed" },
        at(1),
      );
      expect(await store.getVendor("gamma")).toMatchObject({ name: "Gamma", paused: true });
    });
  });

  describe("version", () => {
    let store: VendorStateStore;
    beforeEach(async () => {
      store = await open();
      await seedHistory(store);
    });
    afterEach(async () => {
      await store.close();
    });

    it("versions a vendor's row: every poll, failure or edit changes it", async () => {
      expect(await store.getVendorVersion("nope")).toBeNull();
      const versions = [await store.getVendorVersion("acme")];
      await store.savePoll({
        vendor: "acme",
        polledAt: at(70),
        nextPollAt: at(71),
        outcome: { ok: true },
        events: [],
      });
      versions.push(await store.getVendorVersion("acme"));
      await store.savePoll({
        vendor: "acme",
        polledAt: at(72),
        nextPollAt: at(73),
        outcome: { ok: false, error: "HTTP 503", failures: 1 },
        events: [],
      });
      versions.push(await store.getVendorVersion("acme"));
      await store.upsertVendor(
        { slug: "acme", name: "Acme Inc", url: "https://acme.example", platform: "feed" },
        at(74),
      );
      versions.push(await store.getVendorVersion("acme"));
      expect(versions.every((v) => typeof v === "string")).toBe(true);
      expect(new Set(versions).size).toBe(4);
      expect(await store.getVendorVersion("acme")).toBe(versions[3]);
    });
  });

  describe("markPolled", () => {
    let store: VendorStateStore;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it("records many quiet polls at once: polled, read, fresh, due again; a removed vendor is skipped", async () => {
      await store.addVendor(vendorInput("fresh"), at(0));
      await store.addVendor(vendorInput("stale"), at(0));
      await store.savePoll({
        vendor: "stale",
        polledAt: at(1),
        nextPollAt: at(2),
        outcome: { ok: true },
        events: [],
      });
      await store.savePoll({
        vendor: "stale",
        polledAt: at(3),
        nextPollAt: at(4),
        outcome: { ok: false, error: "HTTP 503", failures: 2 },
        events: [],
      });
      await store.markPolled([
        { vendor: "fresh", polledAt: at(5), nextPollAt: at(6) },
        { vendor: "gone", polledAt: at(5), nextPollAt: at(6) },
        { vendor: "stale", polledAt: at(5), nextPollAt: at(7) },
      ]);
      const fresh = await store.getVendor("fresh");
      expect(fresh).toMatchObject({
        lastPolledAt: at(5),
        lastOkAt: at(5),
        baselineAt: at(5),
        nextPollAt: at(6),
      });
      const stale = await store.getVendor("stale");
      expect(stale).toMatchObject({
        lastPolledAt: at(5),
        lastOkAt: at(5),
        baselineAt: at(1),
        stale: false,
        failures: 0,
        lastError: null,
        nextPollAt: at(7),
      });
      expect(await store.getVendor("gone")).toBeNull();
      await store.markPolled([]);
    });

    it("records a vendor twice in one batch as its last poll", async () => {
      await store.addVendor(vendorInput("twice"), at(0));
      await store.markPolled([
        { vendor: "twice", polledAt: at(5), nextPollAt: at(6) },
        { vendor: "twice", polledAt: at(8), nextPollAt: at(9) },
      ]);
      expect(await store.getVendor("twice")).toMatchObject({
        lastPolledAt: at(8),
        baselineAt: at(8),
        nextPollAt: at(9),
      });
    });
  });

  describe("moveClaims", () => {
    let store: VendorStateStore;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it("gives claimed vendors back at their due time, unless their lease has changed hands", async () => {
      await store.addVendor(vendorInput("mine"), at(1));
      await store.addVendor(vendorInput("theirs"), at(2));
      const claimed = await store.claimDueVendors(at(3), at(30), 10);
      expect(claimed.map((v) => [v.slug, v.dueAt])).toEqual([
        ["mine", at(1)],
        ["theirs", at(2)],
      ]);
      const moved = await store.moveClaims([
        { vendor: "mine", leaseUntil: at(30), to: at(1) },
        { vendor: "theirs", leaseUntil: at(29), to: at(2) }, // not the lease it holds now
        { vendor: "gone", leaseUntil: at(30), to: at(1) },
      ]);
      expect(moved).toEqual(["mine"]);
      expect((await store.getVendor("mine"))?.nextPollAt).toBe(at(1));
      expect((await store.getVendor("theirs"))?.nextPollAt).toBe(at(30));
      expect((await store.claimDueVendors(at(3), at(40), 10)).map((v) => v.slug)).toEqual(["mine"]);
      expect(await store.moveClaims([])).toEqual([]);
    });

    it("renews a lease still held, and not one whose poll has written its next due time", async () => {
      await store.addVendor(vendorInput("long"), at(1));
      await store.addVendor(vendorInput("done"), at(1));
      await store.claimDueVendors(at(3), at(30), 10);
      await store.markPolled([{ vendor: "done", polledAt: at(4), nextPollAt: at(61) }]);
      const renew = (vendor: string) => ({ vendor, leaseUntil: at(30), to: at(50) });
      expect(await store.moveClaims([renew("long"), renew("done")])).toEqual(["long"]);
      expect((await store.getVendor("long"))?.nextPollAt).toBe(at(50));
      expect((await store.getVendor("done"))?.nextPollAt).toBe(at(61));
      expect(await store.claimDueVendors(at(45), at(80), 10)).toEqual([]);
    });
  });
}

// The StatsStore contract (issue 11): each incident's earliest update time, read in one batch without
// its updates; incidents without updates and unknown ids are absent; a batch over the limit is refused.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../../src/store/store.ts";
import { FIRST_UPDATES_BATCH } from "../../src/store/stats-store.ts";
import { at, incident, success, update, vendorInput } from "./fixtures.ts";

export function statsStoreContract(name: string, open: () => Promise<Store>): void {
  describe(`StatsStore contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
      await store.addVendor(vendorInput("acme"), at(0));
      await store.addVendor(vendorInput("beta"), at(0));
    });
    afterEach(async () => {
      await store.close();
    });

    it("gives each incident's earliest update time, whatever order the updates were written in", async () => {
      const updates = [update("u3", 30), update("u1", 10), update("u2", 20)];
      await store.savePoll(
        success("acme", at(40), {
          incidents: [incident("acme", "a1", { updates }), incident("acme", "a2", { updates: [] })],
        }),
      );
      await store.savePoll(
        success("beta", at(40), { incidents: [incident("beta", "b1", { updates: [update("v", 5)] })] }),
      );
      const ids = ["acme:a1", "acme:a2", "beta:b1", "nobody:x"];
      expect(await store.listFirstUpdateTimes(ids)).toEqual(
        new Map([
          ["acme:a1", at(10)],
          ["beta:b1", at(5)],
        ]),
      );
      expect(await store.listFirstUpdateTimes([])).toEqual(new Map());
    });

    it(`refuses more than ${FIRST_UPDATES_BATCH} ids at once`, async () => {
      const ids = Array.from({ length: FIRST_UPDATES_BATCH + 1 }, (_, k) => `id-${k}`);
      await expect(store.listFirstUpdateTimes(ids)).rejects.toMatchObject({ kind: "input" });
      expect((await store.listFirstUpdateTimes(ids.slice(1))).size).toBe(0);
    });
  });
}

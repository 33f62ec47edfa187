// The Store contract for pausing vendors (migration 0003), run on every database.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../src/store/store.ts";

const at = (m: number): string => new Date(Date.UTC(2026, 7, 1, 10, m)).toISOString();

export function storePauseContract(name: string, open: () => Promise<Store>): void {
  describe(`Store pause contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
      for (const slug of ["acme", "beta", "gamma"])
        await store.addVendor({ slug, name: slug, url: `https://${slug}.example`, platform: "feed" }, at(0));
    });
    afterEach(() => store.close());

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
}

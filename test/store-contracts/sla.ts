// The SlaStore contract (issue 11): targets per vendor and component (null: the whole vendor), replaced
// on a second set, removed one at a time and with their vendor; the partial-outage weight per vendor.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SlaTarget } from "../../src/domain/sla.ts";
import type { Store } from "../../src/store/store.ts";
import { at, vendorInput } from "./fixtures.ts";

const target = (vendor: string, component: string | null, extra: Partial<SlaTarget> = {}): SlaTarget => ({
  vendor,
  component,
  targetPercent: 99.9,
  credits: [],
  claimDays: null,
  ...extra,
});

export function slaStoreContract(name: string, open: () => Promise<Store>): void {
  describe(`SlaStore contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
      await store.addVendor(vendorInput("acme"), at(0));
      await store.addVendor(vendorInput("beta"), at(0));
    });
    afterEach(async () => {
      await store.close();
    });

    it("keeps targets per vendor and component, replaces one on a second set, lists them in order", async () => {
      const credits = [
        { below: 99, creditPercent: 10 },
        { below: 95.5, creditPercent: 25 },
      ];
      expect(
        await store.setSla(target("beta", "API", { targetPercent: 99.95, credits, claimDays: 30 })),
      ).toBe(true);
      expect(await store.setSla(target("acme", "Web"))).toBe(true);
      expect(await store.setSla(target("acme", null, { targetPercent: 99 }))).toBe(true);
      expect(await store.setSla(target("acme", "Web", { targetPercent: 99.5 }))).toBe(true);
      expect(await store.setSla(target("nobody", null))).toBe(false);
      expect(await store.listSlas()).toEqual([
        target("acme", null, { targetPercent: 99 }),
        target("acme", "Web", { targetPercent: 99.5 }),
        target("beta", "API", { targetPercent: 99.95, credits, claimDays: 30 }),
      ]);
    });

    it("removes one target, and a vendor's targets with the vendor", async () => {
      await store.setSla(target("acme", null));
      await store.setSla(target("acme", "Web"));
      await store.setSla(target("beta", null));
      expect(await store.removeSla("acme", "Web")).toBe(true);
      expect(await store.removeSla("acme", "Web")).toBe(false);
      expect(await store.removeSla("beta", "Web")).toBe(false);
      await store.removeVendor("beta");
      expect(await store.listSlas()).toEqual([target("acme", null)]);
    });

    it("keeps a vendor's partial-outage weight, null by default and when cleared", async () => {
      expect(await store.partialOutageWeight("acme")).toBeNull();
      expect(await store.setPartialOutageWeight("acme", 0.3)).toBe(true);
      expect(await store.setPartialOutageWeight("nobody", 0.3)).toBe(false);
      expect(await store.partialOutageWeight("acme")).toBe(0.3);
      expect(await store.partialOutageWeight("beta")).toBeNull();
      await store.setPartialOutageWeight("acme", null);
      expect(await store.partialOutageWeight("acme")).toBeNull();
    });
  });
}

// What the dashboard and the API say about a vendor right now: its roll-up status and why.

import type { ComponentSnapshot, ComponentStatus, Incident } from "../domain/model.ts";
import { rollUpStatus } from "../domain/roll-up.ts";
import type { Store } from "../store/store.ts";
import type { Vendor } from "../domain/vendor.ts";

export interface VendorStatus {
  vendor: Vendor;
  status: ComponentStatus;
  components: ComponentSnapshot[];
}

export async function loadVendorStatus(store: Store, vendor: Vendor): Promise<VendorStatus> {
  return statusOf(store, vendor, await store.listComponents(vendor.slug));
}

/** Every vendor's status: the components of all in one read, open incidents only where there are any. */
export async function loadAllVendorStatuses(store: Store): Promise<VendorStatus[]> {
  const [vendors, components] = await Promise.all([store.listVendors(), store.listAllComponents()]);
  return Promise.all(vendors.map((vendor) => statusOf(store, vendor, components.get(vendor.slug) ?? [])));
}

async function statusOf(
  store: Store,
  vendor: Vendor,
  components: ComponentSnapshot[],
): Promise<VendorStatus> {
  // A page never read yet says nothing about the vendor: unknown, not operational.
  if (vendor.baselineAt === null) return { vendor, components, status: "unknown" };
  const open = vendor.openIncidents > 0 ? await listOpenIncidents(store, vendor.slug) : [];
  return { vendor, components, status: rollUpStatus(components, vendor.watchedComponents, open) };
}

async function listOpenIncidents(store: Store, slug: string): Promise<Incident[]> {
  const page = await store.listIncidents(slug, { limit: 500, kind: "incident", status: "open" });
  return page.items;
}

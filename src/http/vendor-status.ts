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
  const components = await store.listComponents(vendor.slug);
  // A page never read yet says nothing about the vendor: unknown, not operational.
  if (vendor.baselineAt === null) return { vendor, components, status: "unknown" };
  const open = vendor.openIncidents > 0 ? await listOpenIncidents(store, vendor.slug) : [];
  return { vendor, components, status: rollUpStatus(components, vendor.watchedComponents, open) };
}

export async function loadAllVendorStatuses(store: Store): Promise<VendorStatus[]> {
  const vendors = await store.listVendors();
  return Promise.all(vendors.map((vendor) => loadVendorStatus(store, vendor)));
}

async function listOpenIncidents(store: Store, slug: string): Promise<Incident[]> {
  const page = await store.listIncidents(slug, { limit: 500, kind: "incident", status: "open" });
  return page.items;
}

// What the dashboard and the API say about a vendor right now: its roll-up status and why.

import { isClosedStatus } from "../domain/model.ts";
import type { ComponentSnapshot, ComponentStatus, Incident } from "../domain/model.ts";
import { rollUpStatus } from "../domain/roll-up.ts";
import type { Store, Vendor } from "../store/store.ts";

export interface VendorStatus {
  vendor: Vendor;
  status: ComponentStatus;
  components: ComponentSnapshot[];
}

// Same rule as the store's open count. Open incidents sit at the top of a newest-first history; a page this deep holds them in practice.
const OPEN_INCIDENT_SCAN = 50;

export async function loadVendorStatus(store: Store, vendor: Vendor): Promise<VendorStatus> {
  const components = await store.listComponents(vendor.slug);
  const open = vendor.openIncidents > 0 ? await listOpenIncidents(store, vendor.slug) : [];
  return { vendor, components, status: rollUpStatus(components, vendor.watchedComponents, open) };
}

export async function loadAllVendorStatuses(store: Store): Promise<VendorStatus[]> {
  const vendors = await store.listVendors();
  return Promise.all(vendors.map((vendor) => loadVendorStatus(store, vendor)));
}

async function listOpenIncidents(store: Store, slug: string): Promise<Incident[]> {
  const page = await store.listIncidents(slug, { limit: OPEN_INCIDENT_SCAN, kind: "incident" });
  return page.items.filter((i) => i.resolvedAt === null && !isClosedStatus(i.status));
}

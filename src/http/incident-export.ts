// The outage history as a file (GET /api/v1/incidents?format=, pingoru export incidents): every incident
// the filters match, newest first, read from the store one keyset page at a time (without their
// updates, which no column needs) and written as it goes, so an export holds one page, not the list.

import { INCIDENT_EXPORT_COLUMNS, incidentExportRow, type ExportFormat } from "../domain/export-rows.ts";
import type { IncidentSummary, Page, Store } from "../store/store.ts";
import { rowExport, type RecordExport } from "./export-stream.ts";
import { checkOutageVendors, outageQuery, vendorNames, type OutageFilter } from "./outage-query.ts";

/**
 * Incidents read per store query. A page and its rows are garbage once written; at 500 (the store's
 * largest page) they lived long enough to be moved to V8's old generation, and a CLI export of 100,000
 * peaked 5–10 MB higher, no faster.
 */
export const EXPORT_PAGE_SIZE = 200;

/**
 * Checks the filter and reads the first page before returning, so bad input or an unreachable store
 * fails before the first byte is sent; the rest is read as the chunks are consumed.
 */
export async function openIncidentExport(
  store: Store,
  filter: OutageFilter,
  format: ExportFormat,
  pageSize = EXPORT_PAGE_SIZE,
): Promise<RecordExport> {
  await checkOutageVendors(store, filter);
  const first = await store.listAllIncidentSummaries(outageQuery(filter, pageSize, null));
  const namesOf = vendorNames(store);
  async function* pages() {
    let page: Page<IncidentSummary> = first;
    for (;;) {
      const names = await namesOf(page.items.map((i) => i.vendor));
      yield page.items.map((i) => incidentExportRow(i, names.get(i.vendor)!));
      if (page.next === null) return;
      page = await store.listAllIncidentSummaries(outageQuery(filter, pageSize, page.next));
    }
  }
  return rowExport(format, INCIDENT_EXPORT_COLUMNS, pages());
}

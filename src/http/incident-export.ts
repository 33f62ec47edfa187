// The outage history as a file (GET /api/v1/incidents?format=, pingoru export incidents): every incident
// the filters match, newest first, read from the store one keyset page at a time (without their
// updates, which no column needs) and written as it goes, so an export holds one page, not the list.

import type { Context } from "hono";
import {
  EXPORT_FORMATS,
  EXPORT_MEDIA,
  incidentExportHeader,
  incidentExportLine,
  type ExportFormat,
} from "../domain/export-rows.ts";
import { PingoruError } from "../lib/errors.ts";
import type { IncidentSummary, Page, Store } from "../store/store.ts";
import { checkOutageVendors, outageQuery, vendorNames, type OutageFilter } from "./outage-query.ts";

/** Incidents read per store query: the store's largest page. */
export const EXPORT_PAGE_SIZE = 500;

export interface RecordExport {
  /** The export's text, a page of rows per piece (the CSV header first). */
  chunks: AsyncGenerator<string, void, undefined>;
  /** How many rows the chunks handed out so far hold. */
  written(): number;
}

/** Missing or empty: no export (the JSON page); an unknown format is bad input (400). */
export function parseExportFormat(text: string | undefined): ExportFormat | null {
  if (text === undefined || text === "") return null;
  const format = EXPORT_FORMATS.find((f) => f === text);
  if (format === undefined)
    throw new PingoruError(
      "input",
      `format must be one of ${EXPORT_FORMATS.join(", ")}, got ${JSON.stringify(text.slice(0, 40))}`,
    );
  return format;
}

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
  let written = 0;
  async function* chunks() {
    const header = incidentExportHeader(format);
    if (header !== "") yield header;
    let page: Page<IncidentSummary> = first;
    for (;;) {
      if (page.items.length > 0) {
        const names = await namesOf(page.items.map((i) => i.vendor));
        written += page.items.length;
        yield page.items.map((i) => incidentExportLine(format, i, names.get(i.vendor)!)).join("");
      }
      if (page.next === null) return;
      page = await store.listAllIncidentSummaries(outageQuery(filter, pageSize, page.next));
    }
  }
  return { chunks: chunks(), written: () => written };
}

/** The export as a streamed attachment named `pingoru-<name>.<extension>`. */
export function exportResponse(c: Context, format: ExportFormat, exported: RecordExport, name: string) {
  const { contentType, extension } = EXPORT_MEDIA[format];
  const text = new TextEncoder();
  const body = ReadableStream.from(
    (async function* () {
      for await (const chunk of exported.chunks) yield text.encode(chunk);
    })(),
  );
  return c.body(body, 200, {
    "content-type": contentType,
    "content-disposition": `attachment; filename="pingoru-${name}.${extension}"`,
    "cache-control": "no-store",
  });
}

// An export as a stream of text (pingoru export …, ?format= on the API): the CSV header, then each
// batch of rows as it is read, so an export holds one batch (a store page, a vendor), not the list.

import type { Context } from "hono";
import {
  EXPORT_FORMATS,
  EXPORT_MEDIA,
  exportHeader,
  exportLine,
  type ExportCell,
  type ExportFormat,
} from "../domain/export-rows.ts";
import { PingoruError } from "../lib/errors.ts";

export interface RecordExport {
  /** The export's text, a batch of rows per piece (the CSV header first). */
  chunks: AsyncGenerator<string, void, undefined>;
  /** How many rows the chunks handed out so far hold. */
  written(): number;
}

/** Missing or empty: no export (the JSON answer); an unknown format is bad input (400). */
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

/** The rows of each batch, read when the chunks are consumed, written in the format. */
export function rowExport<C extends string>(
  format: ExportFormat,
  columns: readonly C[],
  batches: AsyncIterable<readonly Record<C, ExportCell>[]>,
): RecordExport {
  let written = 0;
  async function* chunks() {
    const header = exportHeader(format, columns);
    if (header !== "") yield header;
    for await (const rows of batches) {
      if (rows.length === 0) continue;
      written += rows.length;
      yield rows.map((row) => exportLine(format, columns, row)).join("");
    }
  }
  return { chunks: chunks(), written: () => written };
}

/**
 * rowExport, with the first batch read before returning, so an unreachable store fails before the
 * first byte is sent (a one-line error, not a truncated 200 download); the rest is read as it goes.
 */
export async function openRowExport<C extends string>(
  format: ExportFormat,
  columns: readonly C[],
  batches: AsyncIterable<readonly Record<C, ExportCell>[]>,
): Promise<RecordExport> {
  const iterator = batches[Symbol.asyncIterator]();
  const first = await iterator.next();
  async function* all() {
    if (first.done === true) return;
    yield first.value;
    for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) yield next.value;
  }
  return rowExport(format, columns, all());
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

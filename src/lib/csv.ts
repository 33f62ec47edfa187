// CSV as RFC 4180 describes it (CRLF line ends, quoted fields with doubled quotes), made safe to open in a
// spreadsheet: text that would start a formula is neutralised, since a vendor's words can reach one.

/** A field's value: text is quoted and neutralised as needed; numbers are written as they are; null is empty. */
export type CsvValue = string | number | null;

export const CSV_LINE_END = "\r\n";

/** A cell that starts with one of these is read as a formula (or re-parsed into one) by spreadsheets. */
const FORMULA_START = /^[=+\-@\t\r]/;
/** Characters that make a field need quotes. */
const NEEDS_QUOTES = /[",\r\n]/;

/** One field, quoted when RFC 4180 requires it; text that could start a formula is prefixed with ' inside quotes. */
export function csvField(value: CsvValue): string {
  if (value === null) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (FORMULA_START.test(value)) return quote(`'${value}`);
  return NEEDS_QUOTES.test(value) ? quote(value) : value;
}

/** One record: its fields joined with commas, ended with CRLF. */
export function csvRecord(values: readonly CsvValue[]): string {
  return values.map(csvField).join(",") + CSV_LINE_END;
}

function quote(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

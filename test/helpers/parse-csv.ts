// Test-only: RFC 4180 text read back into records, to check what the exports write.
import { expect } from "vitest";

/** Reads RFC 4180 text back into records (quoted fields, doubled quotes, CRLF between records). */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let fields: string[] = [];
  let field = "";
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"') {
      // Inside quotes, quotes come in pairs until the closing one.
      const end =
        i +
        1 +
        text
          .slice(i + 1)
          .replaceAll('""', "\0\0")
          .indexOf('"');
      field = text.slice(i + 1, end).replaceAll('""', '"');
      i = end + 1;
    } else if (text.startsWith(",", i)) {
      fields.push(field);
      field = "";
      i++;
    } else if (text.startsWith("\r\n", i)) {
      records.push([...fields, field]);
      fields = [];
      field = "";
      i += 2;
    } else {
      const stop = text.slice(i).search(/,|\r\n/);
      field = stop === -1 ? text.slice(i) : text.slice(i, i + stop);
      i = stop === -1 ? text.length : i + stop;
    }
  }
  expect(fields, "the text ends with CRLF").toEqual([]);
  return records;
}

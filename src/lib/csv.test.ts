import { describe, expect, it } from "vitest";
import { csvField, csvRecord } from "./csv.ts";

describe("csvField", () => {
  it.each([
    ["plain", "plain"],
    ["", ""],
    ["a b", "a b"],
    ["it's", "it's"],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["two\r\nlines", '"two\r\nlines"'],
    ["back\rslash", '"back\rslash"'],
    // A spreadsheet would run these: the leading character is kept, behind a quote mark, inside quotes.
    ['=HYPERLINK("http://evil.example","x")', `"'=HYPERLINK(""http://evil.example"",""x"")"`],
    ["+1 555", `"'+1 555"`],
    ["-2+3", `"'-2+3"`],
    ["@SUM(A1)", `"'@SUM(A1)"`],
    ["\t=1", `"'\t=1"`],
    ["\r=1", `"'\r=1"`],
    // Only the first character counts.
    ["a=b", "a=b"],
    [" =1", " =1"],
  ])("writes %j as %j", (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it.each([
    [null, ""],
    [0, "0"],
    [5400, "5400"],
    [-30, "-30"],
    [1.5, "1.5"],
    [Number.NaN, ""],
  ])("writes the value %j as %j", (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });
});

describe("csvRecord", () => {
  it("joins fields with commas and ends with CRLF", () => {
    expect(csvRecord(["a", 1, null, "b,c", "=x"])).toBe(`a,1,,"b,c","'=x"\r\n`);
  });

  it("writes an empty record as an empty line", () => {
    expect(csvRecord([])).toBe("\r\n");
  });
});

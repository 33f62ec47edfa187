import { describe, expect, it } from "vitest";
import { parseCursor, parseKind, parseLimit } from "./query.ts";

describe("parseLimit", () => {
  it.each([
    [undefined, 50],
    ["", 50],
    ["abc", 50],
    ["0", 1],
    ["-3", 1],
    ["1", 1],
    ["120", 120],
    ["500", 500],
    ["9999", 500],
    ["7.9", 7],
  ])("%s → %i", (text, want) => {
    expect(parseLimit(text)).toBe(want);
  });
});

describe("parseKind", () => {
  it.each([
    [undefined, null],
    ["", null],
    ["incident", "incident"],
    ["maintenance", "maintenance"],
  ])("%s → %s", (text, want) => {
    expect(parseKind(text)).toBe(want);
  });
  it("rejects anything else as bad input", () => {
    expect(() => parseKind("Incident")).toThrow(expect.objectContaining({ kind: "input" }));
  });
});

describe("parseCursor", () => {
  it("treats empty as absent", () => {
    expect(parseCursor("")).toBeNull();
    expect(parseCursor(undefined)).toBeNull();
    expect(parseCursor("abc")).toBe("abc");
  });
});

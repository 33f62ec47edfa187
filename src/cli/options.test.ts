import { describe, expect, it } from "vitest";
import { count, parseSeconds } from "./options.ts";

describe("count", () => {
  it.each([
    [0, "0 incidents"],
    [1, "1 incident"],
    [2, "2 incidents"],
  ])("%i → %s", (n, text) => {
    expect(count(n, "incident")).toBe(text);
  });
});

describe("parseSeconds", () => {
  it("takes 1 s to a day", () => {
    expect(parseSeconds("1")).toBe(1);
    expect(parseSeconds("86400")).toBe(86_400);
  });

  it.each(["0", "86401", "999999999999", "soon", ""])("refuses %j in one line", (text) => {
    expect(() => parseSeconds(text)).toThrow(/^invalid interval: .* \(seconds, from 1 to 86400\)$/);
  });
});

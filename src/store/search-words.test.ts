import { describe, expect, it } from "vitest";
import { documentWords, MAX_QUERY_WORDS, queryWords, searchWords } from "./search-words.ts";

describe("searchWords", () => {
  it.each<[string, string[]]>([
    ["Database latency", ["database", "latency"]],
    ["api.github.com/v3 a_b C++ e-mail", ["api", "github", "com", "v3", "a", "b", "c", "e", "mail"]],
    ["Café DÉJÀ Ünïcödé Ångström ﬁle x²", ["cafe", "deja", "unicode", "angstrom", "file", "x2"]],
    ["Ελληνικά ΆΈ", ["ελληνικα", "αε"]],
    ["Москва ЁЙ", ["москва", "ёй"]],
    ["हिन्दी 日本語のテキスト 東京", ["हिन्दी", "日本語のテキスト", "東京"]],
    [
      "99.9% — «quoted» 'x' \"y\" NEAR(a) -b c* d:* e&f|!g",
      ["99", "9", "quoted", "x", "y", "near", "a", "b", "c", "d", "e", "f", "g"],
    ],
    ["again AGAIN Again", ["again"]],
    ["\u0000\t\n%_*", []],
  ])("%j → %j", (text, words) => {
    expect(searchWords(text)).toEqual(words);
  });

  it("cuts a very long word, alike in documents and queries", () => {
    const long = "a".repeat(500);
    expect(searchWords(long)).toEqual(["a".repeat(60)]);
    expect(queryWords(long)).toEqual(documentWords(long, []));
  });
});

describe("queryWords", () => {
  it(`keeps the first ${MAX_QUERY_WORDS} distinct words`, () => {
    const words = Array.from({ length: 50 }, (_, n) => `w${n}`);
    expect(queryWords(["w0", ...words].join(" "))).toEqual(words.slice(0, MAX_QUERY_WORDS));
  });
});

describe("documentWords", () => {
  it("reads HTML as its text: no tags, attributes or entities; a bare < stays text", () => {
    expect(
      documentWords("Outage <b>now</b>", [
        '<p>Fixed. <a href="https://x.example/?a=1&amp;b=2">Details</a>&nbsp;here</p>',
        "latency < 5 ms and > 2",
      ]),
    ).toEqual(["outage", "now", "fixed", "details", "here", "latency", "5", "ms", "and", "2"]);
  });

  it("keeps an incident's words under a bound, the first ones first", () => {
    const many = Array.from({ length: 60_000 }, (_, n) => `word${n}`).join(" ");
    const words = documentWords("Title", [many]);
    expect(words[0]).toBe("title");
    expect(words.length).toBeGreaterThan(20_000);
    expect(words.length).toBeLessThan(60_000);
    expect(words.reduce((bytes, w) => bytes + Buffer.byteLength(w) + 1, 0)).toBeLessThanOrEqual(256 * 1024);
  });
});

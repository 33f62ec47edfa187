import { describe, expect, it } from "vitest";
import { PingoruError } from "../lib/errors.ts";
import type { HttpResponse } from "../lib/http-client.ts";
import { MAX_JSON_DEPTH, jsonDeeperThan, parseJsonBody } from "./payload.ts";
import { sharedFixture } from "../../test/helpers/fixture-http.ts";

const response = (body: string): HttpResponse => ({
  url: "https://status.example/api/v2/summary.json",
  status: 200,
  headers: {},
  body,
  notModified: false,
});

describe("jsonDeeperThan", () => {
  it.each([
    ["[]", 1, false],
    ["[[]]", 1, true],
    ['{"a": {"b": [1, 2]}}', 3, false],
    ['{"a": {"b": [1, 2]}}', 2, true],
    ['["[[[[[[", "{{{{"]', 1, false], // brackets inside strings do not count
    ['["\\\\", [[]]]', 2, true], // an escaped backslash ends before the quote that closes the string
    ['["\\"[[[", []]', 2, false], // an escaped quote does not close the string
  ])("%s deeper than %i: %s", (text, max, expected) => {
    expect(jsonDeeperThan(text, max)).toBe(expected);
  });
});

describe("parseJsonBody", () => {
  it("refuses 4 MB of nested brackets as a typed parse error, before building anything", () => {
    const error = (() => {
      try {
        parseJsonBody(response("[".repeat(4 * 1024 * 1024)));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(PingoruError);
    expect(error).toMatchObject({ kind: "parse" });
    expect((error as Error).message).toBe(
      `JSON from https://status.example/api/v2/summary.json nests deeper than ${MAX_JSON_DEPTH} levels`,
    );
  });

  it("reads real recorded payloads as before", () => {
    for (const name of ["statuspage/github-incidents.json", "incidentio/openai-api-v2-summary.json"])
      expect(parseJsonBody(response(sharedFixture(name)))).toBeTypeOf("object");
  });
});

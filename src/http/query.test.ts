import { describe, expect, it } from "vitest";
import {
  INCIDENT_FILTER_PARAMS,
  incidentQuery,
  parseCursor,
  parseIncidentFilter,
  parseKind,
  parseLimit,
} from "./query.ts";

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

describe("parseIncidentFilter", () => {
  const none = { kind: null, status: null, component: null, from: null, to: null };
  it("reads exactly the parameters it documents (the OpenAPI test checks the same list)", () => {
    expect(Object.keys(parseIncidentFilter({}))).toEqual([...INCIDENT_FILTER_PARAMS]);
  });
  it.each([
    [{}, none],
    [{ kind: "", status: "", component: "", from: "", to: "" }, none],
    [{ status: "open" }, { ...none, status: "open" }],
    [
      { status: "resolved", kind: "maintenance" },
      { ...none, status: "resolved", kind: "maintenance" },
    ],
    [{ component: "c-api" }, { ...none, component: "c-api" }],
    [
      { from: "2024-02-29", to: "2024-03-01" },
      { ...none, from: "2024-02-29", to: "2024-03-01" },
    ],
    [
      { from: "2024-05-01T14:00", to: "2024-05-01T14:00:00.000Z" },
      { ...none, from: "2024-05-01T14:00", to: "2024-05-01T14:00:00.000Z" },
    ],
  ])("%j → %j", (query, want) => {
    expect(parseIncidentFilter(query)).toEqual(want);
  });

  it.each([
    ["kind", "outage"],
    ["status", "closed"],
    ["status", "Open"],
    ["from", "2024-02-30"],
    ["from", "2023-02-29"],
    ["to", "2024-5-1"],
    ["to", "yesterday"],
    ["from", "2024-05-01T24:00"],
    ["from", "2024-05-01T14:00+02:00"],
    ["to", "2024-05-01T14"],
  ])("rejects %s=%s as bad input naming the parameter", (name, value) => {
    expect(() => parseIncidentFilter({ [name]: value })).toThrow(
      expect.objectContaining({ kind: "input", message: expect.stringMatching(new RegExp(`^${name} `)) }),
    );
  });
});

describe("incidentQuery", () => {
  it("turns the inclusive UTC dates into [from 00:00, the day after to 00:00)", () => {
    const filter = {
      kind: null,
      status: "open" as const,
      component: "x",
      from: "2024-02-28",
      to: "2024-02-29",
    };
    expect(incidentQuery(filter, 7, "cursor")).toEqual({
      limit: 7,
      before: "cursor",
      kind: null,
      status: "open",
      component: "x",
      since: "2024-02-28T00:00:00.000Z",
      until: "2024-03-01T00:00:00.000Z",
    });
  });

  it("turns UTC times into [from, to] to the millisecond: from = to is one instant", () => {
    const filter = {
      kind: null,
      status: null,
      component: null,
      from: "2024-05-01T14:00",
      to: "2024-05-01T14:00Z",
    };
    expect(incidentQuery(filter, 7, null)).toEqual(
      expect.objectContaining({ since: "2024-05-01T14:00:00.000Z", until: "2024-05-01T14:00:00.001Z" }),
    );
  });

  it("rejects a window whose from is after its to (a date to runs to the end of its day)", () => {
    expect(parseIncidentFilter({ from: "2024-05-01T23:59", to: "2024-05-01" }).to).toBe("2024-05-01");
    expect(() => parseIncidentFilter({ from: "2024-05-02", to: "2024-05-01T23:59" })).toThrow(
      expect.objectContaining({
        kind: "input",
        message: expect.stringMatching(/^from must not be after to/),
      }),
    );
  });
});

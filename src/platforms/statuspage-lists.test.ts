import { describe, expect, it } from "vitest";
import { sharedFixture } from "../../test/helpers/fixture-http.ts";
import type { HttpResponse } from "../lib/http-client.ts";
import type { IncidentMemo } from "./platform.ts";
import { changeToken, mapIncidentList } from "./statuspage-lists.ts";

const text = sharedFixture("statuspage/github-incidents.json");
const response = (body: string): HttpResponse => ({
  url: "https://status.example.com/api/v2/incidents.json",
  status: 200,
  headers: {},
  body,
  notModified: false,
});
const BASE = "https://www.githubstatus.com";

function read(body: string, previous?: IncidentMemo) {
  const next: IncidentMemo = new Map();
  return { incidents: mapIncidentList(response(body), "incidents", BASE, { previous, next }), memo: next };
}

describe("mapIncidentList", () => {
  it("reuses the mapping of every incident whose change token is the same, and only those", () => {
    const first = read(text);
    const page = JSON.parse(text);
    page.incidents[3].incident_updates[0].body = "Edited after the fact.";
    page.incidents[3].incident_updates[0].updated_at = "2026-08-01T00:00:00.000Z";
    const second = read(JSON.stringify(page), first.memo);
    const reused = second.incidents.filter((incident, i) => incident === first.incidents[i]);
    expect(reused).toHaveLength(first.incidents.length - 1);
    expect(second.incidents[3]).not.toBe(first.incidents[3]);
    expect(second.incidents[3]!.updates.at(-1)!.message).toBe("Edited after the fact.");
  });

  it("maps exactly as a fresh read does", () => {
    const fresh = read(text).incidents;
    const page = JSON.parse(text);
    page.incidents[0].name = "Renamed";
    page.incidents[0].updated_at = "2026-08-01T00:00:00.000Z";
    const warm = read(JSON.stringify(page), read(text).memo).incidents;
    expect(warm.slice(1)).toEqual(fresh.slice(1));
    expect(warm[0]!.title).toBe("Renamed");
  });

  it("still validates what it has not seen: a bad incident is a shape error naming it", () => {
    const page = JSON.parse(text);
    page.incidents[7].created_at = "not a time";
    page.incidents[7].updated_at = "2026-08-01T00:00:00.000Z";
    expect(() => read(JSON.stringify(page), read(text).memo)).toThrow(/incidents\.7.*created_at/);
  });

  it.each([
    ["no updated_at", { id: "a", incident_updates: [] }],
    ["an update without updated_at", { id: "a", updated_at: "t", incident_updates: [{ id: "u" }] }],
    ["not an object", "a"],
  ])("has no change token with %s (always re-read)", (_, raw) => {
    expect(changeToken(raw)).toBeNull();
  });
});

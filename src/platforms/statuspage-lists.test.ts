import { describe, expect, it } from "vitest";
import { sharedFixture } from "../../test/helpers/fixture-http.ts";
import type { HttpResponse } from "../lib/http-client.ts";
import { mapIncidentList } from "./statuspage-lists.ts";

const text = sharedFixture("statuspage/github-incidents.json");
const response = (body: string): HttpResponse => ({
  url: "https://status.example.com/api/v2/incidents.json",
  status: 200,
  headers: {},
  body,
  notModified: false,
});
const BASE = "https://www.githubstatus.com";

const read = (body: string) => mapIncidentList(response(body), "incidents", BASE);

describe("mapIncidentList", () => {
  it("maps every incident of the list, in its order", () => {
    const incidents = read(text);
    expect(incidents.map((i) => i.id)).toEqual(JSON.parse(text).incidents.map((i: { id: string }) => i.id));
  });

  it("validates each incident on its own: a bad incident is a shape error naming it", () => {
    const page = JSON.parse(text);
    page.incidents[7].created_at = "not a time";
    expect(() => read(JSON.stringify(page))).toThrow(/incidents\.7.*created_at/);
  });
});

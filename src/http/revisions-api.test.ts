// GET /api/v1/incidents/:id/revisions and the marks on the Incident JSON, through the real app over a
// real store whose revisions were written by savePoll.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Revision } from "../domain/revisions.ts";
import { openStore } from "../store/open-store.ts";
import type { Store } from "../store/store.ts";
import { createApp } from "./app.ts";
import { NOW, OUTAGE, seedRecord } from "../../test/helpers/seed-record.ts";

const revision = (id: string, seenAt: string, extra: Partial<Revision>): Revision => ({
  id,
  vendor: "acme",
  incidentId: OUTAGE.id,
  updateId: null,
  componentId: null,
  field: "message",
  oldValue: null,
  newValue: null,
  seenAt,
  ...extra,
});
const REVISIONS = [
  revision("r1", "2024-05-02T09:00:00.000Z", {
    updateId: "u2",
    oldValue: "<p>Old text</p>",
    newValue: "New text",
  }),
  revision("r2", "2024-05-02T10:00:00.000Z", {
    incidentId: null,
    componentId: "c-api",
    field: "component_name",
    oldValue: "API",
    newValue: "Public API",
  }),
  revision("r3", "2024-05-02T10:00:00.000Z", {
    incidentId: null,
    componentId: "c-docs",
    field: "component_name",
    oldValue: "Docs",
    newValue: "Guides",
  }),
  revision("r4", "2024-05-02T11:00:00.000Z", {
    updateId: "u3",
    field: "deleted_by_vendor",
    oldValue: "false",
    newValue: "true",
  }),
];

let store: Store;
let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  store = await openStore(":memory:");
  await seedRecord(store);
  await store.savePoll({
    vendor: "acme",
    polledAt: "2024-05-02T11:00:00.000Z",
    nextPollAt: "2024-05-02T11:01:00.000Z",
    outcome: { ok: true, revisions: REVISIONS },
    events: [],
  });
  app = createApp({ store, now: () => NOW, pollIntervalSeconds: 60 });
});
afterAll(() => store.close());

// Bodies are checked by value below, so a loose type keeps the assertions readable.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const get = async (path: string, status = 200): Promise<Json> => {
  const res = await app.request(path);
  expect(res.status).toBe(status);
  return res.json();
};

describe("GET /api/v1/incidents/:id/revisions", () => {
  it("lists the incident's revisions and the renames of the components it affected, oldest first", async () => {
    expect(await get(`/api/v1/incidents/${OUTAGE.id}/revisions`)).toEqual({
      incident_id: OUTAGE.id,
      revisions: [
        {
          id: "r1",
          incident_id: OUTAGE.id,
          update_id: "u2",
          component_id: null,
          field: "message",
          old_value: "<p>Old text</p>",
          new_value: "New text",
          seen_at: "2024-05-02T09:00:00.000Z",
        },
        {
          id: "r2",
          incident_id: null,
          update_id: null,
          component_id: "c-api",
          field: "component_name",
          old_value: "API",
          new_value: "Public API",
          seen_at: "2024-05-02T10:00:00.000Z",
        },
        {
          id: "r4",
          incident_id: OUTAGE.id,
          update_id: "u3",
          component_id: null,
          field: "deleted_by_vendor",
          old_value: "false",
          new_value: "true",
          seen_at: "2024-05-02T11:00:00.000Z",
        },
      ],
    });
  });

  it("is empty for an incident the vendor never changed, and 404 for an unknown one", async () => {
    expect(await get("/api/v1/incidents/acme-slow/revisions")).toEqual({
      incident_id: "acme-slow",
      revisions: [],
    });
    expect(await get("/api/v1/incidents/nope/revisions", 404)).toEqual({ error: 'no incident "nope"' });
  });

  it("marks the edited and the deleted update on the incident, here and in the vendor's list", async () => {
    const one = await get(`/api/v1/incidents/${OUTAGE.id}`);
    expect(one).toMatchObject({ edited_by_vendor: false, deleted_by_vendor: false });
    const marks = (i: { updates: { id: string; edited_by_vendor: boolean; deleted_by_vendor: boolean }[] }) =>
      i.updates.map((u) => [u.id, u.edited_by_vendor, u.deleted_by_vendor]);
    expect(marks(one)).toEqual([
      ["u1", false, false],
      ["u2", true, false],
      ["u3", false, true],
    ]);
    const list = await get("/api/v1/vendors/acme/incidents?limit=500");
    expect(marks(list.incidents.find((i: { id: string }) => i.id === OUTAGE.id))).toEqual(marks(one));
  });
});

// Issue 16: what the vendor changed afterwards. GitHub's recorded incidents.json on a real loopback
// server, polled into a real store; between two polls the vendor edits an update's text, moves an
// incident's start, takes an incident down and drops its oldest one off the list (which is not a
// deletion). The record keeps the original, marks the change, and serves it — on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../../src/store/store.ts";
import { startFakeVendor, type FakeVendor } from "../helpers/fake-vendor.ts";
import { pgRun, pgSchemaOpener } from "../helpers/postgres.ts";
import { openHarness, type Harness } from "./harness.ts";
import { GITHUB_INCIDENTS, GITHUB_SUMMARY } from "./notify-fixtures.ts";

interface RawIncident {
  id: string;
  started_at: string;
  incident_updates: { id: string; body: string }[];
}
const recorded = JSON.parse(GITHUB_INCIDENTS) as { incidents: RawIncident[] };
const EDITED = "9tpgqq1h4bs7"; // its newest update's text is rewritten
const MOVED = "vv9vvksmj4s9"; // its start moves an hour earlier
const DELETED = "s65j9gslmfm8"; // taken down, though the list still covers its time
const OLDEST = recorded.incidents.at(-1)!.id; // falls off the end of the list: not deleted
const NEW_TEXT = "We rewrote this update after the fact.";

/** The recorded page as the vendor serves it after its edits. */
function editedPage(): string {
  const incidents = structuredClone(recorded.incidents)
    .filter((i) => i.id !== DELETED && i.id !== OLDEST)
    .map((i) => {
      if (i.id === EDITED) i.incident_updates[0]!.body = NEW_TEXT;
      if (i.id === MOVED) i.started_at = new Date(Date.parse(i.started_at) - 3600_000).toISOString();
      return i;
    });
  return JSON.stringify({ ...JSON.parse(GITHUB_INCIDENTS), incidents });
}

const pg = pgSchemaOpener();
const databases: [string, (() => Promise<Store>) | undefined, boolean][] = [
  ["SQLite", undefined, true],
  ["PostgreSQL", pg.open, pgRun],
];
afterAll(async () => {
  if (pgRun) await pg.drop();
});

describe.each(databases)("a vendor that edits and deletes after the fact, on %s", (_, open, run) => {
  let vendor: FakeVendor;
  let h: Harness;
  const find = async (vendorId: string) =>
    (await h.incidents("github")).find((i) => i.vendorIncidentId === vendorId)!;

  beforeAll(async () => {
    if (!run) return;
    vendor = await startFakeVendor({
      "/api/v2/summary.json": GITHUB_SUMMARY,
      "/api/v2/incidents.json": GITHUB_INCIDENTS,
    });
    h = await openHarness({ start: "2026-08-01T00:00:00.000Z", ...(open ? { open } : {}) });
    await h.add({ url: vendor.url, slug: "github" });
  });
  afterAll(async () => {
    if (!run) return;
    await h.close();
    await vendor.close();
  });

  it.runIf(run)(
    "records each change as a revision, keeps the original, and emits incident.edited",
    async () => {
      const before = new Map((await h.incidents("github")).map((i) => [i.vendorIncidentId, i]));
      vendor.serve("/api/v2/incidents.json", editedPage());
      h.clock.advance(600);
      const seenAt = h.clock.now.toISOString();
      const outcome = await h.poll("github");

      const edited = await find(EDITED);
      const editedUpdate = recorded.incidents.find((i) => i.id === EDITED)!.incident_updates[0]!;
      const oldText = before.get(EDITED)!.updates.find((u) => u.id === editedUpdate.id)!.message;
      expect(edited.updates.find((u) => u.id === editedUpdate.id)!.message).toBe(NEW_TEXT);
      const moved = await find(MOVED);
      const oldStart = before.get(MOVED)!.startedAt;
      expect(Date.parse(oldStart) - Date.parse(moved.startedAt)).toBe(3600_000);
      // Taken down and fallen off alike stay in the record, untouched.
      expect(await find(DELETED)).toEqual(before.get(DELETED));
      expect(await find(OLDEST)).toEqual(before.get(OLDEST));

      const revisions = (id: string) => h.api(`/api/v1/incidents/${id}/revisions`);
      expect(await revisions(edited.id)).toEqual({
        incident_id: edited.id,
        revisions: [
          expect.objectContaining({
            update_id: editedUpdate.id,
            field: "message",
            old_value: oldText,
            new_value: NEW_TEXT,
            seen_at: seenAt,
          }),
        ],
      });
      expect(await revisions(moved.id)).toMatchObject({
        revisions: [
          { update_id: null, field: "started_at", old_value: oldStart, new_value: moved.startedAt },
        ],
      });
      const deletedId = before.get(DELETED)!.id;
      expect(await revisions(deletedId)).toMatchObject({
        revisions: [{ update_id: null, field: "deleted_by_vendor", old_value: "false", new_value: "true" }],
      });
      expect(await revisions(before.get(OLDEST)!.id)).toMatchObject({ revisions: [] });

      type Json = { deleted_by_vendor: boolean; edited_by_vendor: boolean; updates: Json[]; id: string };
      const api = (id: string) => h.api(`/api/v1/incidents/${id}`) as Promise<Json>;
      expect(await api(deletedId)).toMatchObject({ deleted_by_vendor: true, edited_by_vendor: false });
      expect(await api(moved.id)).toMatchObject({ deleted_by_vendor: false, edited_by_vendor: true });
      const editedJson = await api(edited.id);
      expect(editedJson).toMatchObject({ deleted_by_vendor: false, edited_by_vendor: false });
      expect(editedJson.updates.filter((u) => u.edited_by_vendor).map((u) => u.id)).toEqual([
        editedUpdate.id,
      ]);
      const history = (await h.api("/api/v1/vendors/github/incidents?limit=500")) as { incidents: Json[] };
      expect(history.incidents.filter((i) => i.deleted_by_vendor).map((i) => i.id)).toEqual([deletedId]);

      const editedEvents = outcome.events.filter((e) => e.type === "incident.edited");
      expect(editedEvents.map((e) => e.incidentId).sort()).toEqual([edited.id, moved.id, deletedId].sort());
      expect(outcome.events.filter((e) => e.type !== "incident.edited")).toEqual([]);
    },
  );

  it.runIf(run)("records nothing more when the vendor serves the same again", async () => {
    const count = async () =>
      (await h.store.listRevisions((await h.incidents("github")).map((i) => i.id))).length;
    const revisions = await count();
    h.clock.advance(600);
    vendor.serve("/api/v2/summary.json", GITHUB_SUMMARY.replace('"GitHub"', '"GitHub "'));
    const outcome = await h.poll("github");
    expect(outcome.events).toEqual([]);
    expect(await count()).toBe(revisions);
  });

  it.runIf(run)(
    "an incident the vendor lists again is no longer marked deleted, and both marks stay",
    async () => {
      vendor.serve("/api/v2/incidents.json", GITHUB_INCIDENTS);
      h.clock.advance(600);
      await h.poll("github");
      const back = await find(DELETED);
      expect(await h.api(`/api/v1/incidents/${back.id}`)).toMatchObject({ deleted_by_vendor: false });
      const { revisions } = (await h.api(`/api/v1/incidents/${back.id}/revisions`)) as {
        revisions: { new_value: string }[];
      };
      expect(revisions.map((r) => r.new_value)).toEqual(["true", "false"]);
    },
  );
});

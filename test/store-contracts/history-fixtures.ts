// A vendor history for the readers' suites (history filters, the stream's end, vendor versions):
// incidents chosen to tell the filters apart, and two events.
import type { AffectedComponent, ChangeEvent, Incident } from "../../src/domain/model.ts";
import type { RecordStore, VendorStore } from "../../src/store/store.ts";
import { at } from "./fixtures.ts";

const hit = (id: string | null, name = `Component ${id}`): AffectedComponent => ({
  id,
  name,
  worstStatus: "major_outage",
});

function incident(vendor: string, key: string, extra: Partial<Incident>): Incident {
  return {
    id: `${vendor}:${key}`,
    vendor,
    vendorIncidentId: key,
    kind: "incident",
    title: `Incident ${key}`,
    status: "resolved",
    impact: "minor",
    url: null,
    startedAt: at(0),
    resolvedAt: null,
    scheduledFor: null,
    scheduledUntil: null,
    detectedAt: at(1),
    seenLive: true,
    detectionLagSeconds: 60,
    postmortemPublishedAt: null,
    postmortemUrl: null,
    listedOperational: [],
    affectedComponents: [],
    updates: [],
    ...extra,
  };
}

// started → resolved: a 0→30 (c1), m 10→20 (maintenance, c1), b 40→open (c2; c1 listed), d 50→55 post-mortem
// (C1 and c10: neither is c1), p 45, "postmortem" with no resolved time (still counts as resolved).
const RECORD = [
  incident("acme", "a", { startedAt: at(0), resolvedAt: at(30), affectedComponents: [hit("c1")] }),
  incident("acme", "m", {
    kind: "maintenance",
    status: "completed",
    impact: "maintenance",
    startedAt: at(10),
    resolvedAt: at(20),
    affectedComponents: [hit("c1")],
  }),
  // b names c1 only as operational (issue 16): not affected, so not in c1's history.
  incident("acme", "b", {
    status: "identified",
    startedAt: at(40),
    affectedComponents: [hit("c2")],
    listedOperational: [{ id: "c1", name: "Component c1" }],
  }),
  incident("acme", "p", { status: "postmortem", startedAt: at(45), resolvedAt: null }),
  incident("acme", "d", {
    status: "postmortem",
    startedAt: at(50),
    resolvedAt: at(55),
    affectedComponents: [hit("C1"), hit("c10"), hit(null, 'id":"c1')],
  }),
  incident("beta", "z", { startedAt: at(5), resolvedAt: at(6), affectedComponents: [hit("c1")] }),
];

export const changed = (id: string, type: ChangeEvent["type"]): ChangeEvent => ({
  id,
  type,
  vendor: "acme",
  incidentId: null,
  componentId: type === "component.changed" ? "c1" : null,
  at: at(3),
  data: {},
});

/** Vendors acme and beta, polled once with their part of RECORD; acme's poll stored events e1 and e2. */
export async function seedHistory(
  store: Pick<VendorStore, "addVendor"> & Pick<RecordStore, "savePoll">,
): Promise<void> {
  for (const slug of ["acme", "beta"])
    await store.addVendor({ slug, name: slug, url: `https://${slug}.example`, platform: "feed" }, at(0));
  for (const vendor of ["acme", "beta"])
    await store.savePoll({
      vendor,
      polledAt: at(60),
      nextPollAt: at(61),
      outcome: { ok: true, incidents: RECORD.filter((i) => i.vendor === vendor) },
      events: vendor === "acme" ? [changed("e1", "incident.opened"), changed("e2", "component.changed")] : [],
    });
}

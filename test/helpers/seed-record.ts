// Test-only: seeds a real store with a small, known record through its public methods.

import type { ChangeEvent, ComponentSnapshot, Incident, UpdateSnapshot } from "../../src/domain/model.ts";
import type { Store } from "../../src/store/store.ts";

export const NOW = new Date("2024-05-03T12:00:00.000Z");

export function makeIncident(overrides: Partial<Incident> & Pick<Incident, "id" | "vendor">): Incident {
  return {
    vendorIncidentId: `v-${overrides.id}`,
    kind: "incident",
    title: `Incident ${overrides.id}`,
    status: "resolved",
    impact: "minor",
    url: `https://status.example.com/incidents/${overrides.id}`,
    startedAt: "2024-04-01T00:00:00.000Z",
    resolvedAt: "2024-04-01T01:00:00.000Z",
    scheduledFor: null,
    scheduledUntil: null,
    detectedAt: "2024-04-01T00:02:00.000Z",
    seenLive: true,
    detectionLagSeconds: 120,
    postmortemPublishedAt: null,
    postmortemUrl: null,
    listedOperational: [],
    affectedComponents: [],
    updates: [],
    ...overrides,
  };
}

function component(
  id: string,
  name: string,
  group: string | null,
  position: number,
  status: ComponentSnapshot["status"],
) {
  return { id, name, group, position, status, rawStatus: status };
}

export const ACME_COMPONENTS: ComponentSnapshot[] = [
  component("c-api", "API", "Core", 0, "operational"),
  component("c-web", "Web app", "Core", 1, "degraded_performance"),
  component("c-docs", "Docs", null, 2, "operational"),
];

const OUTAGE_UPDATES: UpdateSnapshot[] = [
  {
    id: "u1",
    status: "investigating",
    at: "2024-05-01T10:05:00.000Z",
    message: "We are <script>alert('x')</script>investigating errors.\nDetails: https://acme.example/errors",
    components: [{ id: "c-api", name: "API", status: "partial_outage" }],
  },
  {
    id: "u2",
    status: "identified",
    at: "2024-05-01T10:40:00.000Z",
    message: "<p>Cause <strong>identified</strong>: a bad deploy.</p>",
    components: [{ id: "c-api", name: "API", status: "major_outage" }],
  },
  {
    id: "u3",
    status: "resolved",
    at: "2024-05-01T11:30:00.000Z",
    message: "All systems are back to normal.",
    components: [{ id: "c-api", name: "API", status: "operational" }],
  },
];

export const OUTAGE = makeIncident({
  id: "acme-outage",
  vendor: "acme",
  title: "API errors <b>& timeouts",
  impact: "major",
  startedAt: "2024-05-01T10:00:00.000Z",
  resolvedAt: "2024-05-01T11:30:00.000Z",
  detectedAt: "2024-05-01T10:06:00.000Z",
  detectionLagSeconds: 360,
  affectedComponents: [{ id: "c-api", name: "API", worstStatus: "major_outage" }],
  updates: OUTAGE_UPDATES,
});

export const SLOW_WEB = makeIncident({
  id: "acme-slow",
  vendor: "acme",
  title: "Web app is slow",
  status: "investigating",
  impact: "minor",
  startedAt: "2024-05-03T11:00:00.000Z",
  resolvedAt: null,
  detectedAt: "2024-05-03T11:01:00.000Z",
  detectionLagSeconds: 60,
  affectedComponents: [{ id: "c-web", name: "Web app", worstStatus: "degraded_performance" }],
  listedOperational: [{ id: "c-api", name: "API" }],
  updates: [
    {
      id: "s1",
      status: "investigating",
      at: "2024-05-03T11:00:00.000Z",
      message: "Looking into it.",
      components: [],
    },
  ],
});

export const MAINTENANCE = makeIncident({
  id: "acme-maint",
  vendor: "acme",
  kind: "maintenance",
  title: "Database upgrade",
  status: "completed",
  impact: "maintenance",
  startedAt: "2024-04-20T02:00:00.000Z",
  resolvedAt: "2024-04-20T03:00:00.000Z",
  seenLive: false,
  detectionLagSeconds: null,
});

/** Older resolved history, one per day in March: more than one page of the vendor page's history. */
export const HISTORY = Array.from({ length: 24 }, (_, i) =>
  makeIncident({
    id: `acme-old-${i}`,
    vendor: "acme",
    startedAt: `2024-03-${String(i + 1).padStart(2, "0")}T08:00:00.000Z`,
    resolvedAt: `2024-03-${String(i + 1).padStart(2, "0")}T09:00:00.000Z`,
    seenLive: false,
    detectionLagSeconds: null,
  }),
);

export const QUIET_OPEN = makeIncident({
  id: "quiet-down",
  vendor: "quiet",
  title: "Everything is down",
  status: "identified",
  impact: "critical",
  startedAt: "2024-05-03T10:00:00.000Z",
  resolvedAt: null,
});

export const EVENTS: ChangeEvent[] = ["e1", "e2", "e3"].map((id, i) => ({
  id,
  type: i === 0 ? "incident.opened" : i === 1 ? "component.changed" : "incident.resolved",
  vendor: "acme",
  incidentId: i === 1 ? null : "acme-outage",
  componentId: i === 1 ? "c-api" : null,
  at: `2024-05-01T10:0${i}:00.000Z`,
  data: { n: i },
}));

/** acme: components, open + resolved incidents, a maintenance, history; quiet: no components, stale. */
export async function seedRecord(store: Store): Promise<void> {
  const at = "2024-05-03T11:59:00.000Z";
  await store.addVendor(
    { slug: "acme", name: "Acme", url: "https://status.acme.example", platform: "statuspage" },
    at,
  );
  await store.addVendor(
    { slug: "quiet", name: "Quiet Co", url: "https://quiet.example", platform: "feed" },
    at,
  );
  await store.savePoll({
    vendor: "acme",
    polledAt: at,
    nextPollAt: "2024-05-03T12:00:00.000Z",
    outcome: {
      ok: true,
      components: ACME_COMPONENTS,
      incidents: [OUTAGE, SLOW_WEB, MAINTENANCE, ...HISTORY],
    },
    events: EVENTS,
  });
  await store.savePoll({
    vendor: "quiet",
    polledAt: "2024-05-03T11:00:00.000Z",
    nextPollAt: "2024-05-03T12:00:00.000Z",
    outcome: { ok: true, incidents: [QUIET_OPEN] },
    events: [],
  });
  await store.savePoll({
    vendor: "quiet",
    polledAt: "2024-05-03T11:58:00.000Z",
    nextPollAt: "2024-05-03T12:00:00.000Z",
    outcome: { ok: false, error: "HTTP 503 from https://quiet.example", failures: 1 },
    events: [],
  });
}

/** Two more acme incidents, resolved 3 and 10 days before NOW: the dashboard's recent list has only the first. */
export async function seedResolvedDaysAgo(store: Store): Promise<void> {
  const resolved = (id: string, title: string, day: string) =>
    makeIncident({
      id,
      vendor: "acme",
      title,
      status: "resolved",
      impact: "major",
      startedAt: `2024-04-${day}T09:00:00.000Z`,
      resolvedAt: `2024-04-${day}T12:00:00.000Z`,
    });
  await store.savePoll({
    vendor: "acme",
    polledAt: "2024-05-03T11:59:30.000Z",
    nextPollAt: "2024-05-03T12:00:00.000Z",
    outcome: {
      ok: true,
      incidents: [resolved("acme-3d", "Logins failed", "30"), resolved("acme-10d", "Old outage", "23")],
    },
    events: [],
  });
}

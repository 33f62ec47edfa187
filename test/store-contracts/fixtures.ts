// Builders shared by the store contract suites: vendors, components, incidents, events, polls.
import { expect } from "vitest";
import type { ChangeEvent, ComponentSnapshot, Incident, UpdateSnapshot } from "../../src/domain/model.ts";
import type { NewVendor } from "../../src/domain/vendor.ts";
import type { PollWrite } from "../../src/store/store.ts";

/** What every suite's store has besides its part's methods: a way to close it after each test. */
export interface Closable {
  close(): Promise<void>;
}

/** Minute `m` after 2026-08-01T10:00Z, as the store must return it. */
export const at = (m: number): string => new Date(Date.UTC(2026, 7, 1, 10, m)).toISOString();

export const vendorInput = (slug: string, extra: Partial<NewVendor> = {}): NewVendor => ({
  slug,
  name: `Vendor ${slug}`,
  url: `https://status.${slug}.example`,
  platform: "statuspage",
  ...extra,
});

export const component = (
  id: string,
  position: number,
  extra: Partial<ComponentSnapshot> = {},
): ComponentSnapshot => ({
  id,
  name: `Component ${id}`,
  group: null,
  position,
  status: "operational",
  rawStatus: "operational",
  ...extra,
});

export const update = (id: string, minute: number, extra: Partial<UpdateSnapshot> = {}): UpdateSnapshot => ({
  id,
  status: "investigating",
  at: at(minute),
  message: `update ${id}`,
  components: [],
  ...extra,
});

export function incident(vendor: string, vendorIncidentId: string, extra: Partial<Incident> = {}): Incident {
  return {
    id: `${vendor}:${vendorIncidentId}`,
    vendor,
    vendorIncidentId,
    kind: "incident",
    title: `Incident ${vendorIncidentId}`,
    status: "investigating",
    impact: "minor",
    url: `https://status.${vendor}.example/incidents/${vendorIncidentId}`,
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
    updates: [update(`${vendorIncidentId}-u1`, 0)],
    ...extra,
  };
}

/** A resolved critical incident shaped like GitHub's real 2026-07-19 Actions outage. */
export const realistic = (vendor: string): Incident =>
  incident(vendor, "8vfyvq16hzh9", {
    title: "Incident with GitHub Actions — runners «unreachable» 🚨",
    status: "resolved",
    impact: "critical",
    startedAt: "2026-07-19T23:34:03.450Z",
    resolvedAt: "2026-07-20T04:44:03.085Z",
    detectedAt: "2026-07-19T23:35:00.000Z",
    detectionLagSeconds: 57,
    affectedComponents: [
      { id: "br0l2tvcx85d", name: "Actions", worstStatus: "partial_outage" },
      { id: null, name: "Self-hosted runners", worstStatus: "major_outage" },
    ],
    listedOperational: [{ id: "vu9p8frk8k8g", name: "Pages" }],
    updates: [
      update("83ls308hx2hb", 0, {
        at: "2026-07-20T03:27:10.160Z",
        message: "We’re seeing recovery across all impacted Actions runners.",
        components: [{ id: "br0l2tvcx85d", name: "Actions", status: "partial_outage" }],
      }),
      update("5zvgnr96zst6", 0, {
        status: "monitoring",
        at: "2026-07-20T03:34:48.538Z",
        message: 'Mitigated. <a href="https://x.example/?a=1&amp;b=2">Details</a> <script>alert(1)</script>',
        components: [
          { id: "br0l2tvcx85d", name: "Actions", status: "operational" },
          { id: null, name: "Self-hosted runners", status: "major_outage" },
        ],
      }),
      update("nkwym3dbqyqv", 0, {
        status: "resolved",
        at: "2026-07-20T04:44:03.085Z",
        message: "Between 23:05 UTC and 03:55 UTC…\n\nÜnïcödé ✓ 日本語 — \"quoted\" 'single' \\ backslash",
        components: [],
      }),
    ],
  });

export const event = (id: string, vendor: string, extra: Partial<ChangeEvent> = {}): ChangeEvent => ({
  id,
  type: "incident.opened",
  vendor,
  incidentId: null,
  componentId: null,
  at: at(5),
  data: { id, nested: { list: [1, "two", null] } },
  ...extra,
});

export const success = (
  vendor: string,
  polledAt: string,
  outcome: Partial<PollWrite["outcome"]> = {},
  events: ChangeEvent[] = [],
): PollWrite => ({
  vendor,
  polledAt,
  nextPollAt: at(60),
  outcome: { ok: true, ...outcome } as PollWrite["outcome"],
  events,
});

export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail("expected a rejection"),
    (error: unknown) => error,
  );
}

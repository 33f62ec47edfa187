// GitHub's recorded Statuspage payloads, with new incidents and updates a test adds on top, and a
// dispatcher wired to a harness's store and clock with the real channels.
import { createChannel } from "../../src/notify/channels/index.ts";
import { createDispatcher, type Dispatcher, type DispatcherOptions } from "../../src/notify/dispatcher.ts";
import type { Delivery } from "../../src/domain/notification.ts";
import type { Store } from "../../src/store/store.ts";
import type { FakeVendor } from "../helpers/fake-vendor.ts";
import { sharedFixture } from "../helpers/fixture-http.ts";

export const GITHUB_SUMMARY = sharedFixture("statuspage/github-summary.json");
const recorded = JSON.parse(sharedFixture("statuspage/github-incidents.json"));
/** The recorded page: 50 incidents, all resolved — the history a new vendor brings. */
export const GITHUB_INCIDENTS = JSON.stringify(recorded);

export interface RawIncident {
  id: string;
  name: string;
  status: string;
  incident_updates: Record<string, unknown>[];
  [key: string]: unknown;
}

/** A new open incident on Actions, shaped like the recorded ones. */
export function newIncident(key: string, at: string, name = `E2E incident ${key}`): RawIncident {
  return {
    ...recorded.incidents[0],
    id: `e2einc${key}`,
    name,
    status: "investigating",
    impact: "minor",
    created_at: at,
    updated_at: at,
    started_at: at,
    resolved_at: null,
    monitoring_at: null,
    incident_updates: [update(`e2einc${key}`, `e2eupd${key}-1`, "investigating", at)],
  };
}

/** The incident with one more update (newest first, as Statuspage lists them). */
export function withUpdate(incident: RawIncident, status: string, at: string): RawIncident {
  const id = `${incident.id.replace("e2einc", "e2eupd")}-${incident.incident_updates.length + 1}`;
  return {
    ...incident,
    status,
    updated_at: at,
    resolved_at: status === "resolved" ? at : null,
    incident_updates: [update(incident.id, id, status, at), ...incident.incident_updates],
  };
}

function update(incidentId: string, id: string, status: string, at: string) {
  return {
    id,
    incident_id: incidentId,
    status,
    body: `Update ${id}: ${status}.`,
    created_at: at,
    updated_at: at,
    display_at: at,
    affected_components: [
      {
        code: "br0l2tvcx85d",
        name: "Actions",
        old_status: "operational",
        new_status: "degraded_performance",
      },
    ],
  };
}

/**
 * Serves the page as Statuspage does: incidents.json with these incidents on top of the recorded
 * history, and the summary listing the unresolved ones (a poller may read the summary alone while it
 * is unchanged, as `serve` does).
 */
export function servePage(vendor: FakeVendor, fresh: readonly RawIncident[]): void {
  const summary = JSON.parse(GITHUB_SUMMARY);
  const unresolved = fresh.filter((incident) => !["resolved", "postmortem"].includes(incident.status));
  vendor.serve("/api/v2/summary.json", JSON.stringify({ ...summary, incidents: unresolved }));
  vendor.serve("/api/v2/incidents.json", incidentsJson(fresh));
}

/** incidents.json with these incidents on top of the recorded history. */
export function incidentsJson(fresh: readonly RawIncident[]): string {
  return JSON.stringify({ ...recorded, incidents: [...fresh, ...recorded.incidents] });
}

/** The real dispatcher and channels over a test's store and clock; errors fail the test. */
export function testDispatcher(
  store: Store,
  now: () => Date,
  overrides: Partial<DispatcherOptions> = {},
): Dispatcher {
  return createDispatcher({
    store,
    channelFor: (config) => createChannel(config, { allowPrivateTargets: true }),
    now,
    random: () => 0.5,
    tickMs: 250,
    concurrency: 8,
    leaseSeconds: 20,
    publicUrl: "https://pingoru.example",
    onError: (error) => {
      throw error;
    },
    ...overrides,
  });
}

/** Ticks until no enabled channel's oldest pending delivery is due (a tick sends one per channel). */
export async function drain(dispatcher: Dispatcher, store: Store, now: () => Date): Promise<void> {
  for (let i = 0; i < 100; i++) {
    await dispatcher.tick();
    const disabled = new Set((await store.listChannels()).filter((c) => c.disabledReason).map((c) => c.id));
    const heads = new Map<string, Delivery>();
    // Newest first, so the last one seen per channel is its oldest: the only one it may send next.
    for (const d of (await store.listDeliveries({ limit: 500, status: "pending" })).items)
      heads.set(d.channel, d);
    const due = [...heads.values()].filter(
      (d) => !disabled.has(d.channel) && Date.parse(d.nextAttemptAt) <= now().getTime(),
    );
    if (due.length === 0) return;
  }
  throw new Error("deliveries still due after 100 ticks");
}

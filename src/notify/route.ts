// Routing: which subscriptions hear about which of one poll's events, grouped into deliveries. Pure.
import type {
  ChangeEvent,
  ComponentSnapshot,
  ComponentStatus,
  Impact,
  Incident,
  Iso,
} from "../domain/model.ts";
import { stableId } from "../lib/hash.ts";
import { concernedComponents } from "../domain/affected.ts";
import type { Delivery, Subscription } from "../domain/notification.ts";
import { expectingMaintenance, type MaintenanceWindow } from "../domain/maintenance.ts";

/** A component that changes and changes back within this window is one message (or none), not two. */
export const DEFAULT_FLAP_WINDOW_SECONDS = 120;

export interface RouteInput {
  events: readonly ChangeEvent[];
  /** The incidents the events concern, by Pingoru incident id (as stored after this poll). */
  incidents: ReadonlyMap<string, Incident>;
  /** The vendor's components as this poll saw them (for component names). */
  components: readonly ComponentSnapshot[];
  subscriptions: readonly Subscription[];
  now: Iso;
  flapWindowSeconds?: number;
  /** The vendor's maintenances going on as this poll saw them: changes of components they name are expected. */
  maintenances?: readonly MaintenanceWindow[];
}

const IMPACT_RANK: Record<Impact, number> = { none: 0, maintenance: 0, minor: 1, major: 2, critical: 3 };

const STATUS_IMPACT: Record<ComponentStatus, Impact> = {
  operational: "none",
  under_maintenance: "none",
  unknown: "none",
  degraded_performance: "minor",
  partial_outage: "major",
  major_outage: "critical",
};

/**
 * The deliveries one poll's events cause: per subscription, one for each incident, each component
 * and the vendor's source events — in the order the events first appear. Ids are deterministic, so
 * routing the same events again yields the same deliveries (which the store writes once).
 */
export function routeEvents(input: RouteInput): Delivery[] {
  const deliveries: Delivery[] = [];
  for (const subscription of input.subscriptions) {
    const groups = new Map<string, ChangeEvent[]>();
    for (const event of input.events) {
      if (!matches(event, subscription, input)) continue;
      const key = groupKey(event);
      const group = groups.get(key);
      if (group) group.push(event);
      else groups.set(key, [event]);
    }
    for (const events of groups.values()) deliveries.push(toDelivery(subscription, events, input));
  }
  return deliveries;
}

/**
 * The vendor's watched components (DESIGN: "watch only these for roll-up and alerts") act as the
 * component list of every subscription that names none of its own for that vendor.
 */
export function withWatchedComponents(
  subscriptions: readonly Subscription[],
  vendor: string,
  watched: readonly string[] | null,
): Subscription[] {
  if (watched === null || watched.length === 0) return [...subscriptions];
  return subscriptions.map((s) =>
    s.components?.[vendor] ? s : { ...s, components: { ...s.components, [vendor]: [...watched] } },
  );
}

function groupKey(event: ChangeEvent): string {
  // An SLA event stands for one target's month: a message of its own.
  if (event.type.startsWith("sla.")) return JSON.stringify([event.vendor, "sla", event.id]);
  if (event.incidentId !== null) return JSON.stringify([event.vendor, "incident", event.incidentId]);
  if (event.componentId !== null) return JSON.stringify([event.vendor, "component", event.componentId]);
  return JSON.stringify([event.vendor, "source"]);
}

function toDelivery(subscription: Subscription, events: ChangeEvent[], input: RouteInput): Delivery {
  const first = events[0]!;
  const eventIds = events.map((event) => event.id);
  // Only a delivery of component changes alone waits: an incident's news is never held back.
  const flapping = events.every((event) => event.type === "component.changed");
  const waitSeconds = flapping ? (input.flapWindowSeconds ?? DEFAULT_FLAP_WINDOW_SECONDS) : 0;
  const expected = flapping ? expectedBy(subscription, events, input) : undefined;
  return {
    id: stableId(subscription.id, ...[...eventIds].sort()),
    subscription: subscription.id,
    channel: subscription.channel,
    vendor: first.vendor,
    incidentId: first.incidentId,
    componentId: first.incidentId === null ? first.componentId : null,
    eventIds,
    status: expected ? "suppressed" : "pending",
    attempts: 0,
    createdAt: input.now,
    nextAttemptAt: new Date(Date.parse(input.now) + waitSeconds * 1000).toISOString(),
    deliveredAt: null,
    lastError: expected ? `${EXPECTED_PREFIX} "${expected.title}"` : null,
  };
}

/** The reason a component change named by a maintenance going on is suppressed (delivery log). */
export const EXPECTED_PREFIX = "expected: during maintenance";

/**
 * A component's changes while a maintenance going on names it are expected: not sent, unless the
 * subscription asks (notify_during_maintenance). Only when every change of the delivery is expected.
 */
function expectedBy(
  subscription: Subscription,
  events: readonly ChangeEvent[],
  input: RouteInput,
): MaintenanceWindow | undefined {
  if (subscription.notifyDuringMaintenance || !input.maintenances?.length) return undefined;
  const windows = events.map((event) => {
    const name = input.components.find((c) => c.id === event.componentId)?.name ?? event.data.name;
    return expectingMaintenance(input.maintenances!, {
      id: event.componentId,
      name: typeof name === "string" ? name : undefined,
    });
  });
  return windows.every((w) => w !== undefined) ? windows[0] : undefined;
}

function matches(event: ChangeEvent, subscription: Subscription, input: RouteInput): boolean {
  // A reminder goes to the subscriptions that asked for one this long before (domain/maintenance.ts).
  if (event.type === "maintenance.reminder") {
    if (subscription.remindBeforeMinutes !== event.data.remind_before_minutes) return false;
  } else if (!subscription.events.includes(event.type)) return false;
  if (subscription.vendors !== null && !subscription.vendors.includes(event.vendor)) return false;
  if (event.type === "component.changed") {
    const from = event.data.from as ComponentStatus | undefined;
    const to = event.data.to as ComponentStatus | undefined;
    if (from === "unknown" || to === "unknown") return false;
  }
  const incident = event.incidentId === null ? undefined : input.incidents.get(event.incidentId);
  return inComponents(event, incident, subscription, input) && atLeastImpact(event, incident, subscription);
}

function inComponents(
  event: ChangeEvent,
  incident: Incident | undefined,
  subscription: Subscription,
  input: RouteInput,
): boolean {
  const wanted = subscription.components?.[event.vendor];
  if (wanted === undefined || event.type.startsWith("source.")) return true;
  const names = new Set(wanted.map(normalizeName));
  if (event.type === "component.changed") {
    const name = input.components.find((c) => c.id === event.componentId)?.name ?? event.data.name;
    return typeof name === "string" && names.has(normalizeName(name));
  }
  // An incident that names no component may concern any of them: it passes. One naming components
  // only as operational concerns those (a maintenance not yet started), not every other one.
  // Likewise an SLA target on the whole vendor (component null) concerns every component.
  const concerned = incident === undefined ? eventComponents(event) : concernedComponents(incident);
  return concerned.length === 0 || concerned.some((c) => names.has(normalizeName(c.name)));
}

/**
 * A reminder names its maintenance's components itself (a quiet poll has no incident at hand), and an
 * SLA event its target's component.
 */
function eventComponents(event: ChangeEvent): { name: string }[] {
  const names =
    event.type === "maintenance.reminder"
      ? event.data.components
      : event.type.startsWith("sla.")
        ? [event.data.component]
        : undefined;
  return Array.isArray(names) ? names.filter((n) => typeof n === "string").map((name) => ({ name })) : [];
}

function atLeastImpact(
  event: ChangeEvent,
  incident: Incident | undefined,
  subscription: Subscription,
): boolean {
  if (subscription.minImpact === null) return true;
  // Only incidents and component changes have an impact; the others are sent at any minimum.
  if (["maintenance.", "source.", "sla."].some((family) => event.type.startsWith(family))) return true;
  return IMPACT_RANK[eventImpact(event, incident)] >= IMPACT_RANK[subscription.minImpact];
}

/** A component change weighs as much as the worse side of it: recovering from an outage matters too. */
function eventImpact(event: ChangeEvent, incident: Incident | undefined): Impact {
  if (event.type === "component.changed") {
    const from = STATUS_IMPACT[event.data.from as ComponentStatus] ?? "none";
    const to = STATUS_IMPACT[event.data.to as ComponentStatus] ?? "none";
    return IMPACT_RANK[from] > IMPACT_RANK[to] ? from : to;
  }
  const impact = incident?.impact ?? (event.data.impact as Impact | undefined);
  return impact !== undefined && impact in IMPACT_RANK ? impact : "none";
}

function normalizeName(name: string): string {
  return name.trim().toLowerCase();
}

// Maintenance notifications (issue 14), the pure rules: when a maintenance is going on (its components'
// changes are expected), and which reminders are due before one starts.
import { stableId } from "../lib/hash.ts";
import type { ChangeEvent, IncidentKind, IncidentSnapshot, IncidentStatus, Iso } from "./model.ts";
import type { Subscription } from "./notification.ts";
import { incidentId } from "./record.ts";

/** The longest reminder lead a subscription may ask for (a week). */
export const MAX_REMIND_MINUTES = 7 * 24 * 60;

interface MaintenanceTimes {
  kind: IncidentKind;
  status: IncidentStatus;
  scheduledFor: Iso | null;
  scheduledUntil: Iso | null;
}

/**
 * Going on now: the vendor says so (in progress, verifying), or it is still "scheduled" but its window
 * has begun and not ended (vendors often start on time without saying).
 */
export function isMaintenanceInProgress(m: MaintenanceTimes, now: Iso): boolean {
  if (m.kind !== "maintenance") return false;
  if (m.status === "in_progress" || m.status === "verifying") return true;
  if (m.status !== "scheduled" || m.scheduledFor === null || m.scheduledFor > now) return false;
  return m.scheduledUntil === null || now < m.scheduledUntil;
}

/** A maintenance going on, with the components it names (by vendor id and by name). */
export interface MaintenanceWindow {
  title: string;
  componentIds: ReadonlySet<string>;
  componentNames: ReadonlySet<string>;
}

export function maintenanceWindow(
  title: string,
  components: readonly { id: string | null; name: string }[],
): MaintenanceWindow {
  return {
    title,
    componentIds: new Set(components.flatMap((c) => (c.id === null ? [] : [c.id]))),
    componentNames: new Set(components.map((c) => normalize(c.name))),
  };
}

/** The maintenance that names this component, if one going on does: its changes are expected. */
export function expectingMaintenance(
  windows: readonly MaintenanceWindow[],
  component: { id: string | null; name: string | undefined },
): MaintenanceWindow | undefined {
  return windows.find(
    (w) =>
      (component.id !== null && w.componentIds.has(component.id)) ||
      (component.name !== undefined && w.componentNames.has(normalize(component.name))),
  );
}

/** A maintenance not yet started, as a reminder needs it. */
export interface UpcomingMaintenance {
  /** Pingoru's incident id. */
  incidentId: string;
  title: string;
  scheduledFor: Iso;
  scheduledUntil: Iso | null;
  /** The component names it concerns (routing's component filter). */
  components: string[];
}

/**
 * The reminder lead times (minutes) the subscriptions that may hear of this vendor ask for, each once.
 * Every lead time gets its own reminder event, so each subscription is reminded at its own lead.
 */
export function reminderLeads(subscriptions: readonly Subscription[], vendor: string): number[] {
  const leads = subscriptions
    .filter((s) => s.vendors === null || s.vendors.includes(vendor))
    .flatMap((s) => (s.remindBeforeMinutes ? [s.remindBeforeMinutes] : []));
  return [...new Set(leads)].sort((a, b) => a - b);
}

/**
 * The `maintenance.reminder` events due now: for each upcoming maintenance and lead time N, once
 * `now` ≥ scheduled start − N minutes and before the start. The id is deterministic in (vendor,
 * maintenance, scheduled start, N): any poll, worker or restart that finds it due makes the same event,
 * which the store writes once; a maintenance moved to a new start gets a new reminder.
 */
export function dueReminders(
  vendor: string,
  upcoming: readonly UpcomingMaintenance[],
  leads: readonly number[],
  now: Iso,
): ChangeEvent[] {
  const events: ChangeEvent[] = [];
  const at = Date.parse(now);
  for (const m of upcoming) {
    const start = Date.parse(m.scheduledFor);
    if (!(at < start)) continue;
    for (const lead of leads) {
      if (at < start - lead * 60_000) continue;
      events.push({
        id: stableId(vendor, m.incidentId, "maintenance.reminder", m.scheduledFor, lead),
        type: "maintenance.reminder",
        vendor,
        incidentId: m.incidentId,
        componentId: null,
        at: now,
        data: {
          title: m.title,
          scheduled_for: m.scheduledFor,
          scheduled_until: m.scheduledUntil,
          remind_before_minutes: lead,
          minutes_left: Math.ceil((start - at) / 60_000),
          components: m.components,
        },
      });
    }
  }
  return events;
}

function normalize(name: string): string {
  return name.trim().toLowerCase();
}

/** A page's maintenances not yet started (status scheduled, with a start), for reminders. */
export function upcomingMaintenances(
  vendor: string,
  incidents: readonly IncidentSnapshot[],
): UpcomingMaintenance[] {
  return incidents.flatMap((i) =>
    i.kind === "maintenance" && i.status === "scheduled" && i.scheduledFor !== null
      ? [
          {
            incidentId: incidentId(vendor, i.id),
            title: i.title,
            scheduledFor: i.scheduledFor,
            scheduledUntil: i.scheduledUntil,
            components: [...new Set(namedComponents(i).map((c) => c.name))],
          },
        ]
      : [],
  );
}

/** A page's maintenances going on now, with the components each names. */
export function maintenanceWindows(incidents: readonly IncidentSnapshot[], now: Iso): MaintenanceWindow[] {
  return incidents
    .filter((i) => isMaintenanceInProgress(i, now))
    .map((i) => maintenanceWindow(i.title, namedComponents(i)));
}

function namedComponents(i: IncidentSnapshot) {
  return [...i.components, ...i.updates.flatMap((u) => u.components)];
}

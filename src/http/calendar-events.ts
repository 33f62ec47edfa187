// Scheduled maintenances → calendar events (one per maintenance, its UID from Pingoru's incident id).
// Pure: SEQUENCE and DTSTAMP come from the stored revision (store/calendar-store.ts), kept by fingerprint.
import { concernedComponents } from "../domain/affected.ts";
import { isClosedStatus, type Incident, type IncidentStatus } from "../domain/model.ts";
import { stableId } from "../lib/hash.ts";
import { formatUtc } from "../lib/human-time.ts";
import { toPlainText } from "../lib/plain-text.ts";
import type { IcsEvent } from "./ics.ts";

/** An event before its revision is known. */
export type CalendarEvent = Omit<IcsEvent, "sequence" | "stamp"> & { incidentId: string };

/** A maintenance with a window: what a calendar can show. */
export type ScheduledMaintenance = Incident & { scheduledFor: string };

export function isScheduledMaintenance(incident: Incident): incident is ScheduledMaintenance {
  return incident.kind === "maintenance" && incident.scheduledFor !== null;
}

const BEGUN: readonly IncidentStatus[] = ["in_progress", "verifying"];

/**
 * No platform has a "cancelled" status (Statuspage's are scheduled, in progress, verifying and
 * completed). A maintenance the vendor closed, or deleted (Pingoru ends it when it drops off the
 * page), before its window began and without ever being in progress was called off: CANCELLED.
 * One closed without a resolved time (posted already closed, no update) closed at an unknown time:
 * by the time Pingoru first stored it when it was closed then (not seen live), else unknown (not cancelled).
 */
export function isCancelled(m: ScheduledMaintenance): boolean {
  const closedBy = m.resolvedAt ?? (m.seenLive ? null : m.detectedAt);
  return (
    isClosedStatus(m.status) &&
    closedBy !== null &&
    closedBy < m.scheduledFor &&
    !m.updates.some((u) => BEGUN.includes(u.status))
  );
}

export function toCalendarEvent(m: ScheduledMaintenance, vendorName: string, base: string): CalendarEvent {
  const cancelled = isCancelled(m);
  return {
    incidentId: m.id,
    // Host-independent, so the same maintenance is one event however Pingoru is reached.
    uid: `${m.id}@pingoru`,
    start: m.scheduledFor,
    end: m.scheduledUntil !== null && m.scheduledUntil > m.scheduledFor ? m.scheduledUntil : null,
    summary: `${vendorName}: ${m.title}`,
    description: describe(m, cancelled),
    url: `${base}/incidents/${encodeURIComponent(m.id)}`,
    status: cancelled ? "CANCELLED" : "CONFIRMED",
  };
}

/** A vendor's update text in a calendar event, at most this long: 500 events must stay a small file. */
const MAX_UPDATE_CHARS = 2000;

function clipped(text: string): string {
  return text.length <= MAX_UPDATE_CHARS ? text : `${text.slice(0, MAX_UPDATE_CHARS - 1)}…`;
}

function describe(m: ScheduledMaintenance, cancelled: boolean): string {
  // What it affects, else (not yet started, the vendor listing them as operational) what it names.
  const components = concernedComponents(m).map((c) => c.name);
  const latest = m.updates.at(-1);
  return [
    `Affected components: ${components.length > 0 ? components.join(", ") : "none named"}`,
    `Status: ${cancelled ? "cancelled (ended before its window began)" : m.status.replace(/_/g, " ")}`,
    ...(latest === undefined
      ? []
      : ["", `Latest update (${formatUtc(latest.at)}):`, clipped(toPlainText(latest.message))]),
    ...(m.url === null ? [] : ["", `Vendor's page: ${m.url}`]),
  ].join("\n");
}

/** What a revision is: everything the event says but its link, which depends on the host asked. */
export function fingerprint(event: CalendarEvent): string {
  return stableId(event.uid, event.start, event.end, event.summary, event.description, event.status);
}

// What ties the messages about one thing together across deliveries: one incident, one component,
// one vendor's status page, or one SLA target's month. Used for mail threads, chat markers and alert dedup keys / aliases.
import type { Notification } from "../../domain/notification.ts";

export type Thread =
  | { kind: "incident"; id: string }
  | { kind: "component"; vendor: string; id: string }
  | { kind: "source"; vendor: string }
  | { kind: "sla"; vendor: string; component: string | null; month: string };

export function threadOf(n: Notification): Thread {
  const incidentId = n.events.find((e) => e.incidentId !== null)?.incidentId;
  if (incidentId) return { kind: "incident", id: incidentId };
  const sla = n.events.find((e) => e.type.startsWith("sla."));
  if (sla) {
    const component = typeof sla.data.component === "string" ? sla.data.component : null;
    return { kind: "sla", vendor: n.vendor.slug, component, month: String(sla.data.month) };
  }
  const componentId = n.events.find((e) => e.componentId !== null)?.componentId;
  if (componentId) return { kind: "component", vendor: n.vendor.slug, id: componentId };
  return { kind: "source", vendor: n.vendor.slug };
}

/** A key safe in Message-IDs, dedup keys and URL paths: "incident-<id>", "component-<vendor>-<id>". */
export function threadKey(n: Notification): string {
  const thread = threadOf(n);
  const raw =
    thread.kind === "incident"
      ? `incident-${thread.id}`
      : thread.kind === "component"
        ? `component-${thread.vendor}-${thread.id}`
        : thread.kind === "sla"
          ? `sla-${thread.vendor}-${thread.component ?? ""}-${thread.month}`
          : `source-${thread.vendor}`;
  return raw.replace(/[^A-Za-z0-9._-]/g, "_");
}

/** Human-readable marker for chat text: "incident <id>". */
export function threadMarker(n: Notification): string {
  const thread = threadOf(n);
  if (thread.kind === "incident") return `incident ${thread.id}`;
  if (thread.kind === "component") return `component ${thread.vendor}/${thread.id}`;
  if (thread.kind === "sla")
    return `SLA ${thread.vendor}${thread.component ? `/${thread.component}` : ""} ${thread.month}`;
  return `status page ${thread.vendor}`;
}

/** For alerting tools: the Pingoru incident id itself when there is one (dedup_key, alias). */
export function alertKey(n: Notification): string {
  const thread = threadOf(n);
  return thread.kind === "incident" ? thread.id : threadKey(n);
}

/**
 * What an alerting tool should do: open (trigger/create) the alert, close (resolve) it, or both
 * when one delivery saw it open and end (it still leaves a record in the tool).
 */
export function alertActions(n: Notification, resolved: boolean): ("open" | "close")[] {
  if (!resolved) return ["open"];
  const opened = n.events.some((e) => e.type === "incident.opened" || e.type === "maintenance.scheduled");
  return opened ? ["open", "close"] : ["close"];
}

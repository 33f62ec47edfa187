// What an SLA notification says (sla.breached, sla.claim_due): the target, the month's figures and the
// credit, from the event's own data (it stands for a month, not an incident). Pure.
import type { ChangeEvent } from "../domain/model.ts";
import type { Notification } from "../domain/notification.ts";
import { formatDuration, formatUtc } from "../lib/human-time.ts";

export function slaBody(event: ChangeEvent, notification: Notification) {
  const data = event.data;
  const month = text(data.month) ?? "";
  const target = num(data.target_percent);
  const component = text(data.component);
  // "GitHub Actions", or "GitHub" for a target on the whole vendor.
  const who = component === null ? notification.vendor.name : `${notification.vendor.name} ${component}`;
  const breached = event.type === "sla.breached";
  const downtime = formatDuration(num(data.downtime_seconds) ?? 0);
  const allowed = formatDuration(num(data.allowed_downtime_seconds) ?? 0);
  const credit = num(data.credit_percent);
  const claimBy = text(data.claim_by);
  const passedAt = text(data.breached_at);
  const incidents = Array.isArray(data.incident_ids) ? data.incident_ids.length : 0;
  const message = breached
    ? `${who} has been down ${downtime} in ${month}, more than the ` +
      `${allowed} its ${target}% target allows${passedAt === null ? "" : ` (passed ${formatUtc(passedAt)})`}.`
    : `${who} missed its ${target}% target in ${month}: a ${credit}% ` +
      `credit is due. Claim it by ${claimBy} (${num(data.days_left)} days left).`;
  const facts = [
    ...(component === null ? [] : [{ label: "Component", value: component }]),
    { label: "Month", value: month },
    { label: "Target", value: `${target}%` },
    ...(num(data.uptime_percent) === null
      ? []
      : [{ label: "Uptime", value: `${round(data.uptime_percent)}%` }]),
    { label: "Downtime", value: `${downtime} (${allowed} allowed)` },
    ...(credit === null ? [] : [{ label: "Credit", value: `${credit}%` }]),
    ...(claimBy === null ? [] : [{ label: "Claim by", value: claimBy }]),
    { label: "Incidents", value: String(incidents) },
  ];
  return {
    subject: "sla" as const,
    incidentId: null,
    title: breached
      ? `${who}: ${target}% SLA breached for ${month}`
      : `${who}: claim the ${credit}% SLA credit for ${month} by ${claimBy}`,
    message,
    severity: breached ? ("major" as const) : ("minor" as const),
    resolved: false,
    status: breached ? "breached" : "credit due",
    impact: null,
    components: [],
    startedAt: null,
    resolvedAt: null,
    durationSeconds: null,
    link: notification.link ?? notification.vendor.url,
    facts,
  };
}

function text(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

function num(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/** An uptime to three decimals, without trailing zeros (99.9, 99.931). */
function round(value: unknown): string {
  return String(Math.round((num(value) ?? 0) * 1000) / 1000);
}

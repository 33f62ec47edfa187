// Incident updates → feed entries (one per update), shared by the Atom, RSS and JSON Feed renderers. Pure.
import type { ComponentState, IncidentStatus } from "../domain/model.ts";
import type { RecentUpdate } from "../store/store.ts";
import { renderVendorText } from "./sanitize.ts";

export interface FeedEntry {
  /** A tag URI, stable for the same incident update on the same host. */
  id: string;
  title: string;
  /** Pingoru's page for the incident. */
  link: string;
  /** The vendor's own page for the incident, when known. */
  vendorLink: string | null;
  vendorName: string;
  status: IncidentStatus;
  at: string;
  /** Sanitized HTML: the vendor's message, then the components the update names (affected or not). */
  contentHtml: string;
}

export interface FeedMeta {
  title: string;
  /** The feed's own URL. */
  selfUrl: string;
  /** The HTML page the feed is about. */
  homeUrl: string;
  description: string;
  /** The newest entry's time, else when the feed was built. */
  updated: string;
}

const STATUS_WORDS: Record<IncidentStatus, string> = {
  investigating: "Investigating",
  identified: "Identified",
  monitoring: "Monitoring",
  resolved: "Resolved",
  postmortem: "Postmortem",
  scheduled: "Scheduled",
  in_progress: "In progress",
  verifying: "Verifying",
  completed: "Completed",
};

export function toFeedEntries(
  updates: readonly RecentUpdate[],
  vendorNames: ReadonlyMap<string, string>,
  base: string,
): FeedEntry[] {
  const authority = tagAuthority(base);
  return updates.map((r) => {
    const vendorName = vendorNames.get(r.vendor) ?? r.vendor;
    return {
      id: `tag:${authority},2026:incident/${encodeTag(r.incidentId)}/update/${encodeTag(r.update.id)}`,
      title: `${vendorName}: ${r.title} — ${STATUS_WORDS[r.update.status]}`,
      link: `${base}/incidents/${encodeURIComponent(r.incidentId)}`,
      vendorLink: r.incidentUrl,
      vendorName,
      status: r.update.status,
      at: r.update.at,
      contentHtml: renderVendorText(r.update.message) + componentsHtml(r.update.components),
    };
  });
}

function componentsHtml(components: readonly ComponentState[]): string {
  if (components.length === 0) return "";
  const items = components.map((c) => `<li>${escapeHtml(c.name)}: ${c.status.replace(/_/g, " ")}</li>`);
  return `<p>Components at this update:</p><ul>${items.join("")}</ul>`;
}

// A tag URI's authority is a host name: the public host, without port or brackets.
function tagAuthority(base: string): string {
  const host = new URL(base).hostname.replace(/^\[|\]$/g, "");
  return /^[a-z0-9.-]+$/i.test(host) ? host.toLowerCase() : "pingoru.invalid";
}

// Keeps ids readable while staying inside the characters a tag URI allows.
const encodeTag = (text: string) =>
  encodeURIComponent(text).replace(/[!'()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

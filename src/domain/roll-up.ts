// A vendor's one-word status: what a user glancing at the dashboard should believe. Pure.

import { worseStatus } from "./model.ts";
import type { ComponentSnapshot, ComponentStatus, Impact } from "./model.ts";

const IMPACT_STATUS: Record<Impact, ComponentStatus> = {
  critical: "major_outage",
  major: "partial_outage",
  minor: "degraded_performance",
  none: "operational",
  maintenance: "operational",
};

/**
 * The worst status among the watched components (all when `watched` is null). "unknown" only wins
 * when nothing is known, so one unmapped raw value cannot hide an outage or fake one. A page with no
 * (watched) components falls back to the impact of its open incidents.
 */
export function rollUpStatus(
  components: readonly ComponentSnapshot[],
  watched: readonly string[] | null,
  openIncidents: readonly { impact: Impact }[],
): ComponentStatus {
  const considered = watched === null ? components : components.filter((c) => isWatched(c, watched));
  if (considered.length === 0) return statusFromIncidents(openIncidents);
  let worst: ComponentStatus = "unknown";
  for (const component of considered) worst = worseStatus(worst, component.status);
  return worst;
}

// Config names components by name; ids are accepted too so either spelling works.
function isWatched(component: ComponentSnapshot, watched: readonly string[]): boolean {
  const name = component.name.trim().toLowerCase();
  return watched.some((w) => w === component.id || w.trim().toLowerCase() === name);
}

/** What an incident's impact says of a vendor whose components it does not name. */
export function impactStatus(impact: Impact): ComponentStatus {
  return IMPACT_STATUS[impact];
}

function statusFromIncidents(openIncidents: readonly { impact: Impact }[]): ComponentStatus {
  let worst: ComponentStatus = "operational";
  for (const incident of openIncidents) worst = worseStatus(worst, impactStatus(incident.impact));
  return worst;
}

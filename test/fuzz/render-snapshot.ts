// Renders what a read gave through Pingoru's own pages (vendor page top, incident page) and its
// notification HTML, as the record would hold it, and reports any live markup that survived.
import { gradeVendor } from "../../src/domain/grade.ts";
import { mergeSamples, summariseSamples } from "../../src/domain/stats.ts";
import type { ChangeEvent, Snapshot } from "../../src/domain/model.ts";
import { buildIncident, componentOrder } from "../../src/domain/record.ts";
import type { Vendor } from "../../src/domain/vendor.ts";
import { incidentPage } from "../../src/http/ui/incident-page.ts";
import { vendorNow } from "../../src/http/ui/vendor-now.ts";
import { renderNotification } from "../../src/notify/render.ts";
import { renderHtml } from "../../src/notify/render-formats.ts";
import { liveMarkup } from "./markup-check.ts";
import { parseUptimeRange } from "../../src/http/ui/uptime-range.ts";

const NOW = new Date("2026-06-01T00:00:00.000Z");

// Rendering is pure, so an incident rendered clean once is clean again: most of a mutated fixture is
// unchanged, and skipping what was already checked keeps a case cheap.
const checked = new Set<string>();

function vendorFor(snapshot: Snapshot, url: string): Vendor {
  return {
    slug: "fuzz",
    name: snapshot.pageName ?? "Fuzzed vendor",
    url,
    platform: "fuzz",
    feedUrl: null,
    intervalSeconds: null,
    watchedComponents: null,
    platformOptions: null,
    createdAt: NOW.toISOString(),
    baselineAt: NOW.toISOString(),
    lastPolledAt: NOW.toISOString(),
    lastOkAt: NOW.toISOString(),
    stale: false,
    lastError: null,
    failures: 0,
    nextPollAt: NOW.toISOString(),
    openIncidents: snapshot.incidents.length,
    paused: false,
    category: null,
    unstableIdsAt: null,
    notificationsHeld: null,
    breakerResetAt: null,
    lastHintAt: null,
  };
}

/** Problems found in the rendered pages and messages, each prefixed by where. */
export async function renderedProblems(snapshot: Snapshot, url: string): Promise<string[]> {
  if (checked.size > 20_000) checked.clear();
  const vendor = vendorFor(snapshot, url);
  const ctx = {
    vendor: vendor.slug,
    now: NOW.toISOString(),
    baseline: false,
    componentOrder: componentOrder(snapshot.components),
  };
  const incidents = snapshot.incidents.map((seen) => buildIncident(seen, null, ctx));
  const problems: string[] = [];
  const figures = summariseSamples(mergeSamples({ from: NOW, to: NOW }, []));
  const insights = {
    uptime: new Map(),
    figures,
    grade: gradeVendor(figures),
    coverageStart: null,
    range: parseUptimeRange({}, NOW),
  };
  const top = String(
    await vendorNow({
      status: { vendor, status: "unknown", components: snapshot.components },
      insights,
      open: incidents.slice(0, 10),
      now: NOW,
    }),
  );
  problems.push(...liveMarkup(top).map((p) => `vendor page: ${p}`));
  for (const incident of incidents) {
    const key = JSON.stringify([vendor.name, incident]);
    if (checked.has(key)) continue;
    const page = String(await incidentPage(incident, vendor, NOW));
    problems.push(...liveMarkup(page).map((p) => `incident page ${incident.vendorIncidentId}: ${p}`));
    const event: ChangeEvent = {
      id: "fuzz-event",
      type: "incident.opened",
      vendor: vendor.slug,
      incidentId: incident.id,
      componentId: null,
      at: NOW.toISOString(),
      data: { title: incident.title },
    };
    const message = renderHtml(
      renderNotification({
        deliveryId: "fuzz",
        vendor: { slug: vendor.slug, name: vendor.name, url },
        events: [event],
        incident,
        link: null,
      }),
    );
    problems.push(...liveMarkup(message).map((p) => `notification ${incident.vendorIncidentId}: ${p}`));
    if (problems.length === 0) checked.add(key);
  }
  return problems;
}

// "/vendors/:slug": the vendor's components now and its incident history, newest first.

import { html } from "hono/html";
import type { ComponentSnapshot, Incident, IncidentKind } from "../../domain/model.ts";
import type { Page } from "../../store/store.ts";
import type { VendorStatus } from "../vendor-status.ts";
import { componentStatusBadge, isWebUrl } from "./format.ts";
import { lastChecked } from "./home-page.ts";
import { incidentFacts } from "./incident-facts.ts";
import { layout } from "./layout.ts";

export interface VendorPageInput {
  status: VendorStatus;
  history: Page<Incident>;
  kind: IncidentKind | null;
  /** True when this is not the first page of the history. */
  paged: boolean;
  now: Date;
}

export function vendorPage({ status, history, kind, paged, now }: VendorPageInput) {
  const { vendor } = status;
  const body = html`<h1>${vendor.name} ${componentStatusBadge(status.status)}</h1>
    <p>
      ${
        isWebUrl(vendor.url)
          ? html`<a href="${vendor.url}" rel="noopener nofollow">${vendor.name}'s own status page</a> ·`
          : ""
      }
      Last checked ${lastChecked(vendor, now)}
    </p>
    ${
      vendor.stale
        ? html`<p class="notice" role="status">
            The last poll failed (${vendor.lastError ?? "unknown error"}); this is the last known state.
          </p>`
        : ""
    }
    <section aria-labelledby="components">
      <h2 id="components">Components</h2>
      ${componentGroups(status.components)}
    </section>
    <section aria-labelledby="history">
      <h2 id="history">
        ${kind === "maintenance" ? "Maintenance" : kind === "incident" ? "Incidents" : "History"}
      </h2>
      ${kindFilter(vendor.slug, kind)}
      ${
        history.items.length === 0
          ? html`<p class="muted">Nothing recorded${paged ? " before this point" : " yet"}.</p>`
          : html`<ol class="incidents">
              ${history.items.map((incident) => incidentCard(incident, now))}
            </ol>`
      }
      ${pager(vendor.slug, kind, history.next, paged)}
    </section>`;
  return layout({ title: vendor.name, body });
}

// Groups in the order their first component appears, so the vendor's own order is kept.
function componentGroups(components: ComponentSnapshot[]) {
  if (components.length === 0) return html`<p class="muted">This status page lists no components.</p>`;
  const groups = new Map<string | null, ComponentSnapshot[]>();
  for (const c of components) groups.set(c.group, [...(groups.get(c.group) ?? []), c]);
  // Ungrouped components get a heading only when grouped ones would otherwise seem to own them.
  const heading = (group: string | null) => group ?? (groups.size > 1 ? "Other components" : null);
  return [...groups].map(([group, members]) => {
    const title = heading(group);
    return html`${title === null ? "" : html`<h3>${title}</h3>`}
      <ul class="components" aria-label="${title ?? "Components"}">
        ${members.map((c) => html`<li><span>${c.name}</span> ${componentStatusBadge(c.status)}</li>`)}
      </ul>`;
  });
}

function incidentCard(incident: Incident, now: Date) {
  return html`<li class="card">
    <article>
      <h3><a href="/incidents/${encodeURIComponent(incident.id)}">${incident.title}</a></h3>
      ${incidentFacts(incident, now)}
    </article>
  </li>`;
}

function historyHref(slug: string, kind: IncidentKind | null, before: string | null): string {
  const query = new URLSearchParams();
  if (kind !== null) query.set("kind", kind);
  if (before !== null) query.set("before", before);
  const text = query.toString();
  return `/vendors/${encodeURIComponent(slug)}${text === "" ? "" : `?${text}`}#history`;
}

function kindFilter(slug: string, kind: IncidentKind | null) {
  const option = (value: IncidentKind | null, label: string) =>
    value === kind
      ? html`<strong aria-current="page">${label}</strong>`
      : html`<a href="${historyHref(slug, value, null)}">${label}</a>`;
  return html`<p>
    Show: ${option(null, "All")} · ${option("incident", "Incidents")} ·
    ${option("maintenance", "Maintenance")}
  </p>`;
}

function pager(slug: string, kind: IncidentKind | null, next: string | null, paged: boolean) {
  if (next === null && !paged) return "";
  return html`<nav class="pager" aria-label="History pages">
    ${paged ? html`<a href="${historyHref(slug, kind, null)}">Newest</a>` : html`<span></span>`}
    ${next === null ? "" : html`<a href="${historyHref(slug, kind, next)}" rel="next">Older</a>`}
  </nav>`;
}

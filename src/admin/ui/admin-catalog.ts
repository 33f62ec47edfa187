// "/admin": the "add from the catalog" search and its results, each one button away from being added.
import { html } from "hono/html";
import { csrfField, type AdminView } from "./admin-view.ts";

/** Enough to pick from; more means the words should be sharper. */
const CATALOG_SHOWN = 20;

// Each result posts its slug as the URL to the usual add: the catalog fills in page, platform and name.
export function catalogSearch({ catalog, csrf }: AdminView) {
  const results = catalog?.entries.slice(0, CATALOG_SHOWN) ?? [];
  return html`<form method="get" action="/admin" class="admin-form" role="search">
      <h3>Add from the catalog</h3>
      <label for="catalog-q">Service name or category</label>
      <input id="catalog-q" name="catalog" type="search" value="${catalog?.q ?? ""}" placeholder="github" />
      <button type="submit">Search</button>
    </form>
    ${
      catalog == null
        ? ""
        : results.length === 0
          ? html`<p class="muted" role="status">No catalog service matches “${catalog.q}”.</p>`
          : html`<ul class="admin-list catalog-results">
                ${results.map(
                  (e) =>
                    html`<li>
                      <strong>${e.name}</strong>
                      <span class="muted">${e.slug} · ${e.category} · ${e.platform} · ${e.url}</span>
                      <form method="post" action="/admin/vendors" class="inline-form">
                        ${csrfField(csrf)}
                        <input type="hidden" name="url" value="${e.slug}" />
                        <button type="submit">Add<span class="visually-hidden"> ${e.name}</span></button>
                      </form>
                    </li>`,
                )}
              </ul>
              ${
                catalog.entries.length > CATALOG_SHOWN
                  ? html`<p class="muted">${catalog.entries.length - CATALOG_SHOWN} more: add a word.</p>`
                  : ""
              }`
    }`;
}

// GET /api/v1/catalog?q=: the built-in catalog of well-known services, searched by words.
import { Hono } from "hono";
import { loadCatalog, searchCatalog, type CatalogEntry } from "../catalog/catalog.ts";

export function serializeCatalogEntry(entry: CatalogEntry) {
  return {
    slug: entry.slug,
    name: entry.name,
    category: entry.category,
    url: entry.url,
    platform: entry.platform,
    feed: entry.feed ?? null,
  };
}

/** `catalog` defaults to the built-in one; tests may pass their own. */
export function createCatalogApi(catalog?: readonly CatalogEntry[]): Hono {
  const api = new Hono();
  api.get("/catalog", (c) => {
    const q = (c.req.query("q") ?? "").slice(0, 200);
    const entries = searchCatalog(q, catalog ?? loadCatalog());
    return c.json({ entries: entries.map(serializeCatalogEntry) }, 200, {
      "cache-control": "public, max-age=300",
    });
  });
  return api;
}

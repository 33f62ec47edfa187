// The OpenAPI 3.1 description of the JSON API (/api/v1/*), served at /api/v1/openapi.json.
// Written by hand beside the routes; a test fails when a route under /api/v1 is missing here.
import { Hono } from "hono";
import { EXPORT_FORMATS, EXPORT_MEDIA, INCIDENT_EXPORT_COLUMNS } from "../domain/export-rows.ts";
import { MAX_REVISIONS_PER_SUBJECT } from "../domain/revisions.ts";
import { EVENT_TYPES } from "../domain/model.ts";
import { INCIDENT_OPENNESS } from "../store/store.ts";
import { error, json, limit, path, query, ref } from "./openapi-parts.ts";
import { SCHEMAS } from "./openapi-schemas.ts";
import { SLA_PATHS, SLA_SCHEMAS } from "./openapi-sla.ts";
import { STATS_PATHS, STATS_SCHEMAS } from "./openapi-stats.ts";
import { RANKED_IMPACTS } from "./outage-query.ts";
import { CATEGORIES } from "../catalog/categories.ts";
import { publicBase } from "./public-base.ts";
import { EVENT_FAMILIES } from "./query.ts";

// A date (the whole UTC day) or a UTC date-time, as the vendor history and the outage history read it.
const timeSchema = {
  anyOf: [
    { type: "string", format: "date" },
    { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,3})?)?Z?$" },
  ],
};
const windowParams = [
  query(
    "from",
    "A UTC date or date-time (inclusive): incidents going on then or later (open, or resolved at or after it).",
    timeSchema,
  ),
  query(
    "to",
    "A UTC date (to the end of that day) or date-time (inclusive): incidents that started by then.",
    timeSchema,
  ),
];
const kindParam = query("kind", "incident or maintenance; omitted means both.", {
  type: "string",
  enum: ["incident", "maintenance"],
});
const statusParam = query(
  "status",
  "open (not resolved yet) or resolved (resolved, post-mortem or completed).",
  {
    type: "string",
    enum: [...INCIDENT_OPENNESS],
  },
);

const PATHS = {
  "/vendors": {
    get: {
      summary: "Every vendor with its roll-up status",
      responses: { "200": json({ type: "array", items: ref("Vendor") }) },
    },
  },
  "/vendors/{slug}": {
    get: {
      summary: "One vendor and its components in the vendor's order",
      parameters: [path("slug")],
      responses: { "200": json(ref("VendorDetail")), "404": error("No such vendor.") },
    },
  },
  "/vendors/{slug}/incidents": {
    get: {
      summary: "A vendor's incidents and maintenances, newest first",
      parameters: [
        path("slug"),
        limit,
        query(
          "before",
          "The `next` cursor of the previous page; send the same filters with it to page within them.",
        ),
        kindParam,
        statusParam,
        query("component", "A component id: only incidents that affected it."),
        ...windowParams,
      ],
      responses: {
        "200": json(ref("IncidentPage")),
        "400": error("Bad kind, status, date or cursor."),
        "404": error("No such vendor."),
      },
    },
  },
  "/incidents": {
    get: {
      summary: "The outage history: every vendor's incidents and maintenances, newest first",
      description:
        "The vendor history's filters and paging across vendors; each incident names its vendor as {slug, name}. `from=to=<time>` (or `at=<time>`) answers what was going on at that moment.",
      parameters: [
        limit,
        query(
          "before",
          "The `next` cursor of the previous page; send the same filters with it to page within them.",
        ),
        {
          ...query("vendor", "A vendor slug; repeat it (or separate slugs with commas) for several."),
          schema: { type: "array", items: { type: "string" } },
          explode: true,
        },
        query("category", "Only vendors in this catalog category.", {
          type: "string",
          enum: [...CATEGORIES],
        }),
        query(
          "component",
          "A component name (exact, any vendor): only incidents that affected one so named.",
        ),
        kindParam,
        query("impact", "The least impact: minor means minor, major or critical; none means any.", {
          type: "string",
          enum: [...RANKED_IMPACTS],
        }),
        statusParam,
        ...windowParams,
        query("at", "One UTC instant: the same as from = to = it; not with from or to.", timeSchema),
        query(
          "q",
          "Words, each the start of a word in the title or any update's text, all of them (case and Latin accents ignored; punctuation only separates words; at most 200 characters).",
        ),
        query(
          "format",
          `csv or jsonl: every matching incident as one streamed file (limit and before do not apply), one row each: ${INCIDENT_EXPORT_COLUMNS.join(", ")}. CSV is RFC 4180 with a header; text that would start a spreadsheet formula is prefixed with '. Omitted: the JSON page.`,
          { type: "string", enum: [...EXPORT_FORMATS] },
        ),
      ],
      responses: {
        "200": {
          description: "The JSON page, or with format the export file (an attachment).",
          content: {
            ...json(ref("OutagePage")).content,
            [EXPORT_MEDIA.csv.contentType]: { schema: { type: "string" } },
            [EXPORT_MEDIA.jsonl.contentType]: { schema: { type: "string" } },
          },
        },
        "400": error("Bad vendor, category, kind, impact, status, time, text, cursor or format."),
      },
    },
  },
  "/incidents/{id}": {
    get: {
      summary: "One incident with its whole timeline",
      parameters: [path("id")],
      responses: { "200": json(ref("Incident")), "404": error("No such incident.") },
    },
  },
  "/incidents/{id}/revisions": {
    get: {
      summary:
        "What the vendor changed after Pingoru saw it: each revision with old and new value, oldest first",
      description: `At most ${MAX_REVISIONS_PER_SUBJECT} per incident (the first ones, the original among them), plus the renames of the components it affected.`,
      parameters: [path("id")],
      responses: { "200": json(ref("RevisionList")), "404": error("No such incident.") },
    },
  },
  "/events": {
    get: {
      summary: "The change stream, oldest first; resume from `next`",
      parameters: [
        limit,
        query("after", "The `next` cursor of the previous call."),
        query("vendor", "Only this vendor's events (a slug)."),
        {
          ...query(
            "type",
            "Only events of this type, or of this family (`incident.*`: every incident event); repeat it (or separate names with commas) for several.",
          ),
          schema: { type: "array", items: { type: "string", enum: [...EVENT_TYPES, ...EVENT_FAMILIES] } },
          explode: true,
        },
      ],
      responses: { "200": json(ref("EventPage")), "400": error("Bad cursor or unknown type.") },
    },
  },
  "/deliveries": {
    get: {
      summary: "Moved: the delivery log is admin-only at /api/v1/admin/deliveries",
      deprecated: true,
      responses: { "308": { description: "Redirects to /api/v1/admin/deliveries with the same query." } },
    },
  },
  "/catalog": {
    get: {
      summary: "The built-in catalog of well-known services, best match first",
      parameters: [query("q", "Words matched against slug, name and category; omitted lists them all.")],
      responses: { "200": json(ref("CatalogPage")) },
    },
  },
  "/openapi.json": {
    get: { summary: "This document", responses: { "200": json({ type: "object" }) } },
  },
};

/** What routes mounted from outside the read side (the admin API) add to the document. */
export interface OpenApiExtension {
  paths: Readonly<Record<string, object>>;
  schemas: Readonly<Record<string, object>>;
}

/** The document; `server` is the absolute /api/v1 base the paths hang from. */
export function openApiDocument(server: string, extension: OpenApiExtension = { paths: {}, schemas: {} }) {
  return {
    openapi: "3.1.0",
    info: {
      title: "Pingoru JSON API",
      version: "1",
      description:
        "Read-only access to the stored record of every watched vendor (DESIGN §4), the notification delivery log, and the admin API for channels and subscriptions. JSON is snake_case; timestamps are ISO 8601 UTC.",
    },
    servers: [{ url: server }],
    paths: { ...PATHS, ...SLA_PATHS, ...STATS_PATHS, ...extension.paths },
    components: {
      schemas: { ...SCHEMAS, ...SLA_SCHEMAS, ...STATS_SCHEMAS, ...extension.schemas },
      securitySchemes: {
        adminToken: { type: "http", scheme: "bearer", description: "The value of PINGORU_ADMIN_TOKEN." },
      },
    },
  };
}

export function createOpenApiRoute(publicUrl?: string | null, extension?: OpenApiExtension): Hono {
  const route = new Hono();
  route.get("/openapi.json", (c) =>
    c.json(openApiDocument(`${publicBase(c, publicUrl)}/api/v1`, extension), 200, {
      "cache-control": "public, max-age=300",
    }),
  );
  return route;
}

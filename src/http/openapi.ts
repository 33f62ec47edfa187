// The OpenAPI 3.1 description of the JSON API (/api/v1/*), served at /api/v1/openapi.json.
// Written by hand beside the routes; a test fails when a route under /api/v1 is missing here.
import { Hono } from "hono";
import { DELIVERY_STATUSES } from "../notify/model.ts";
import { SCHEMAS } from "./openapi-schemas.ts";
import { publicBase } from "./public-base.ts";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object, description = "OK") => ({
  description,
  content: { "application/json": { schema } },
});
const error = (description: string) => json(ref("Error"), description);
const query = (name: string, description: string, schema: object = { type: "string" }) => ({
  name,
  in: "query",
  required: false,
  description,
  schema,
});
const path = (name: string) => ({ name, in: "path", required: true, schema: { type: "string" } });
const limit = query("limit", "Page size: default 50, clamped to 1..500 (never an error).", {
  type: "integer",
});
const admin = { security: [{ adminToken: [] }], tags: ["admin"] };
const adminErrors = {
  "401": error("Missing or wrong bearer token."),
  "403": error("The admin API is disabled (no PINGORU_ADMIN_TOKEN)."),
};
const body = (name: string) => ({ required: true, content: { "application/json": { schema: ref(name) } } });

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
        query("before", "The `next` cursor of the previous page."),
        query("kind", "incident or maintenance; omitted means both.", {
          type: "string",
          enum: ["incident", "maintenance"],
        }),
      ],
      responses: {
        "200": json(ref("IncidentPage")),
        "400": error("Bad kind or cursor."),
        "404": error("No such vendor."),
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
  "/events": {
    get: {
      summary: "The change stream, oldest first; resume from `next`",
      parameters: [
        limit,
        query("after", "The `next` cursor of the previous call."),
        query("vendor", "Only this vendor's events."),
      ],
      responses: { "200": json(ref("EventPage")), "400": error("Bad cursor.") },
    },
  },
  "/deliveries": {
    get: {
      summary: "The notification delivery log, newest first",
      parameters: [
        limit,
        query("before", "The `next` cursor of the previous page."),
        query("subscription", "Only this subscription's deliveries."),
        query("status", "Only deliveries in this status.", {
          type: "string",
          enum: [...DELIVERY_STATUSES],
        }),
      ],
      responses: { "200": json(ref("DeliveryPage")), "400": error("Bad status or cursor.") },
    },
  },
  "/openapi.json": {
    get: { summary: "This document", responses: { "200": json({ type: "object" }) } },
  },
  "/admin/channels": {
    get: {
      ...admin,
      summary: "Every channel (secrets redacted)",
      responses: { "200": json({ type: "array", items: ref("Channel") }), ...adminErrors },
    },
  },
  "/admin/channels/{id}": {
    get: {
      ...admin,
      summary: "One channel",
      parameters: [path("id")],
      responses: { "200": json(ref("Channel")), "404": error("No such channel."), ...adminErrors },
    },
    put: {
      ...admin,
      summary: "Create or replace a channel (saving a disabled channel re-enables it)",
      parameters: [path("id")],
      requestBody: body("ChannelInput"),
      responses: {
        "200": json(ref("Channel"), "Replaced."),
        "201": json(ref("Channel"), "Created."),
        "400": error("Invalid settings."),
        ...adminErrors,
      },
    },
    delete: {
      ...admin,
      summary: "Remove a channel and its subscriptions",
      parameters: [path("id")],
      responses: { "204": { description: "Removed." }, "404": error("No such channel."), ...adminErrors },
    },
  },
  "/admin/channels/{id}/test": {
    post: {
      ...admin,
      summary: "Send a sample notification through the channel",
      parameters: [path("id")],
      responses: {
        "200": json(ref("ChannelTest"), "Sent."),
        "502": json(ref("ChannelTest"), "The receiver refused it."),
        "404": error("No such channel."),
        ...adminErrors,
      },
    },
  },
  "/admin/subscriptions": {
    get: {
      ...admin,
      summary: "Every subscription",
      responses: { "200": json({ type: "array", items: ref("Subscription") }), ...adminErrors },
    },
  },
  "/admin/subscriptions/{id}": {
    get: {
      ...admin,
      summary: "One subscription",
      parameters: [path("id")],
      responses: { "200": json(ref("Subscription")), "404": error("No such subscription."), ...adminErrors },
    },
    put: {
      ...admin,
      summary: "Create or replace a subscription",
      parameters: [path("id")],
      requestBody: body("SubscriptionInput"),
      responses: {
        "200": json(ref("Subscription"), "Replaced."),
        "201": json(ref("Subscription"), "Created."),
        "400": error("Invalid subscription or unknown channel."),
        ...adminErrors,
      },
    },
    delete: {
      ...admin,
      summary: "Remove a subscription",
      parameters: [path("id")],
      responses: {
        "204": { description: "Removed." },
        "404": error("No such subscription."),
        ...adminErrors,
      },
    },
  },
};

/** The document; `server` is the absolute /api/v1 base the paths hang from. */
export function openApiDocument(server: string) {
  return {
    openapi: "3.1.0",
    info: {
      title: "Pingoru JSON API",
      version: "1",
      description:
        "Read-only access to the stored record of every watched vendor (DESIGN §4), the notification delivery log, and the admin API for channels and subscriptions. JSON is snake_case; timestamps are ISO 8601 UTC.",
    },
    servers: [{ url: server }],
    paths: PATHS,
    components: {
      schemas: SCHEMAS,
      securitySchemes: {
        adminToken: { type: "http", scheme: "bearer", description: "The value of PINGORU_ADMIN_TOKEN." },
      },
    },
  };
}

export function createOpenApiRoute(publicUrl?: string | null): Hono {
  const route = new Hono();
  route.get("/openapi.json", (c) =>
    c.json(openApiDocument(`${publicBase(c, publicUrl)}/api/v1`), 200, {
      "cache-control": "public, max-age=300",
    }),
  );
  return route;
}

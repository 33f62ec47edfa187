// The admin part of the OpenAPI document: vendors, channels, subscriptions and the delivery log behind
// the bearer token.
import { COMPONENT_STATUSES, EVENT_TYPES, IMPACTS } from "../domain/model.ts";
import { list, nullableStr, object, str } from "../http/openapi-schemas.ts";
import { body, error, json, limit, path, query, ref } from "../http/openapi-parts.ts";
import { DELIVERY_STATUSES } from "../domain/notification.ts";
import { CHANNEL_TYPES } from "../notify/registry.ts";
import { PLATFORM_KINDS } from "../platforms/kinds.ts";

const admin = { security: [{ adminToken: [] }], tags: ["admin"] };
const adminErrors = {
  "401": error("Missing or wrong bearer token."),
  "403": error("The admin API is disabled (no PINGORU_ADMIN_TOKEN)."),
};
const noVendor = error("No such vendor.");

export const ADMIN_PATHS = {
  "/admin/deliveries": {
    get: {
      ...admin,
      summary: "The notification delivery log, newest first (was the public /api/v1/deliveries)",
      parameters: [
        limit,
        query("before", "The `next` cursor of the previous page."),
        query("subscription", "Only this subscription's deliveries."),
        query("status", "Only deliveries in this status.", {
          type: "string",
          enum: [...DELIVERY_STATUSES],
        }),
      ],
      responses: { "200": json(ref("DeliveryPage")), "400": error("Bad status or cursor."), ...adminErrors },
    },
  },
  "/admin/vendors": {
    post: {
      ...admin,
      summary: "Add a vendor by URL (detects the platform, polls its baseline), as `pingoru vendors add`",
      requestBody: body("AddVendorInput"),
      responses: {
        "201": json(ref("AddedVendor"), "Added."),
        "400": error("Bad input, a private address, or no platform fits the URL."),
        "409": error("The slug is taken."),
        "501": error("This process has no poller."),
        "502": error("The status page could not be read."),
        ...adminErrors,
      },
    },
  },
  "/admin/vendors/{slug}": {
    delete: {
      ...admin,
      summary: "Remove a vendor and its record",
      parameters: [path("slug")],
      responses: { "204": { description: "Removed." }, "404": noVendor, ...adminErrors },
    },
  },
  "/admin/vendors/{slug}/pause": {
    post: {
      ...admin,
      summary: "Stop polling the vendor (its record stays)",
      parameters: [path("slug")],
      responses: { "200": json(ref("AdminVendor")), "404": noVendor, ...adminErrors },
    },
  },
  "/admin/vendors/{slug}/resume": {
    post: {
      ...admin,
      summary: "Poll the vendor again",
      parameters: [path("slug")],
      responses: { "200": json(ref("AdminVendor")), "404": noVendor, ...adminErrors },
    },
  },
  "/admin/vendors/{slug}/components": {
    put: {
      ...admin,
      summary: "Choose the components watched for roll-up and alerts (null: all)",
      parameters: [path("slug")],
      requestBody: body("WatchedComponentsInput"),
      responses: {
        "200": json(ref("AdminVendor")),
        "400": error("Invalid body."),
        "404": noVendor,
        ...adminErrors,
      },
    },
  },
  "/admin/vendors/{slug}/sla": {
    get: {
      ...admin,
      summary: "The vendor's SLA targets, the whole vendor's first",
      parameters: [path("slug")],
      responses: { "200": json(list(ref("SlaTarget"))), "404": noVendor, ...adminErrors },
    },
    put: {
      ...admin,
      summary: "Set the monthly SLA target of the vendor or one of its components, as `pingoru sla set`",
      description:
        "Replaces the target of the same component (or of the whole vendor). A vendor whose config file entry has `sla:` gets the file's targets back on the next start or SIGHUP.",
      parameters: [path("slug")],
      requestBody: body("SlaTargetInput"),
      responses: {
        "200": json(ref("SlaTarget"), "Replaced."),
        "201": json(ref("SlaTarget"), "Set."),
        "400": error("Bad target, credits or claim days, or a component the vendor does not list."),
        "404": noVendor,
        ...adminErrors,
      },
    },
    delete: {
      ...admin,
      summary: "Remove the target of one component, or of the whole vendor",
      parameters: [
        path("slug"),
        query("component", "A component's name; omitted: the whole vendor's target."),
      ],
      responses: {
        "204": { description: "Removed." },
        "404": error("No such vendor, or no such target."),
        ...adminErrors,
      },
    },
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

export const ADMIN_SCHEMAS = {
  Channel: {
    ...object({ id: str, type: { type: "string", enum: [...CHANNEL_TYPES] }, disabled_reason: nullableStr }),
    description:
      'The config-file shape: the type\'s own settings beside these keys; secrets read as "<secret>".',
    additionalProperties: true,
  },
  ChannelInput: {
    ...object({ type: { type: "string", enum: [...CHANNEL_TYPES] } }),
    description: 'The type\'s settings (url, secret, to, …). "<secret>" keeps the stored secret.',
    additionalProperties: true,
  },
  AdminVendor: object({
    slug: str,
    name: str,
    url: str,
    platform: { type: "string", enum: [...PLATFORM_KINDS] },
    feed_url: nullableStr,
    interval_seconds: { type: ["integer", "null"] },
    watched_components: { type: ["array", "null"], items: str },
    platform_options: {
      type: ["object", "null"],
      description: "The platform's own settings (html: its selectors); null when it needs none.",
    },
    paused: { type: "boolean" },
    stale: { type: "boolean" },
    last_error: nullableStr,
  }),
  AddVendorInput: {
    ...object(
      {
        url: str,
        slug: str,
        name: str,
        platform: { type: "string", enum: [...PLATFORM_KINDS] },
        feed: str,
        interval: { type: "integer", minimum: 1 },
        components: list(str),
        html: {
          ...object(
            {
              component: str,
              name: str,
              status: str,
              status_attribute: str,
              statuses: {
                type: "object",
                additionalProperties: { type: "string", enum: [...COMPONENT_STATUSES] },
              },
            },
            ["component", "statuses"],
          ),
          description: "A page with no API (platform html): CSS selectors and the page's words for statuses.",
          additionalProperties: false,
        },
      },
      ["url"],
    ),
    additionalProperties: false,
  },
  AddedVendor: object({
    vendor: ref("AdminVendor"),
    detection: {
      type: ["object", "null"],
      properties: { kind: { type: "string", enum: [...PLATFORM_KINDS] }, evidence: str },
    },
    baseline: object({ ok: { type: "boolean" }, error: str }, ["ok"]),
  }),
  WatchedComponentsInput: {
    ...object({ components: { type: ["array", "null"], items: str } }),
    additionalProperties: false,
  },
  SlaTarget: object({
    vendor: str,
    component: { ...nullableStr, description: "null: the whole vendor, down when any component is." },
    target: { type: "number", description: "The monthly uptime target in %." },
    credits: { ...nullableStr, description: 'Uptime below:credit %, highest first, e.g. "99:10,95:25".' },
    claim_days: { type: ["integer", "null"], description: "Days after the month's end to claim a credit." },
  }),
  SlaTargetInput: {
    ...object(
      {
        target: { type: "number", exclusiveMinimum: 0, maximum: 100 },
        component: {
          type: ["string", "null"],
          description: "A component the vendor lists, by name; omitted or null: the whole vendor.",
        },
        credits: {
          type: ["string", "null"],
          description: 'e.g. "99.0:10,95.0:25"; each above 0, at most 100.',
        },
        claim_days: { type: ["integer", "null"], minimum: 1, maximum: 3650 },
      },
      ["target"],
    ),
    additionalProperties: false,
  },
  ChannelTest: object({ ok: { type: "boolean" }, channel: str, ms: { type: "integer" }, error: str }, [
    "ok",
    "channel",
  ]),
  Subscription: object({
    id: str,
    channel: str,
    vendors: { type: ["array", "null"], items: str },
    components: { type: ["object", "null"], additionalProperties: list(str) },
    min_impact: { type: ["string", "null"], enum: [...IMPACTS, null] },
    events: list({ type: "string", enum: [...EVENT_TYPES] }),
    remind_before_minutes: { type: ["integer", "null"] },
    notify_during_maintenance: { type: "boolean" },
  }),
  SubscriptionInput: {
    ...object(
      {
        channel: str,
        vendors: { type: ["array", "null"], items: str },
        components: { type: ["object", "null"], additionalProperties: list(str) },
        min_impact: { type: ["string", "null"] },
        events: { type: "array", items: str, description: "Event names or families (incident.*)." },
        remind_before_minutes: {
          type: ["integer", "null"],
          description: "A maintenance.reminder this many minutes before each maintenance starts.",
        },
        notify_during_maintenance: {
          type: "boolean",
          description: "Also send component changes a maintenance going on names (default false).",
        },
      },
      ["channel"],
    ),
  },
} as const;

// The admin part of the OpenAPI document: vendors, channels and subscriptions behind the bearer token.
import { body, error, json, path, ref } from "./openapi-parts.ts";

const admin = { security: [{ adminToken: [] }], tags: ["admin"] };
const adminErrors = {
  "401": error("Missing or wrong bearer token."),
  "403": error("The admin API is disabled (no PINGORU_ADMIN_TOKEN)."),
};
const noVendor = error("No such vendor.");

export const ADMIN_PATHS = {
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

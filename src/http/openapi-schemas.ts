// JSON Schemas (OpenAPI 3.1) of the public JSON shapes of DESIGN §4, as serialize.ts produces them.
import {
  COMPONENT_STATUSES,
  EVENT_TYPES,
  IMPACTS,
  INCIDENT_KINDS,
  INCIDENT_STATUSES,
} from "../domain/model.ts";
import { DELIVERY_STATUSES } from "../domain/notification.ts";
import { REVISION_FIELDS } from "../domain/revisions.ts";

export const str = { type: "string" } as const;
export const nullableStr = { type: ["string", "null"] } as const;
const time = { type: "string", format: "date-time" } as const;
const nullableTime = { type: ["string", "null"], format: "date-time" } as const;
export const list = (items: object) => ({ type: "array", items });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
export const object = (properties: Record<string, object>, required = Object.keys(properties)) => ({
  type: "object",
  properties,
  required,
});

const componentStatus = { type: "string", enum: [...COMPONENT_STATUSES] };
const state = object({ id: nullableStr, name: str, status: componentStatus });

const incident = object({
  id: str,
  vendor: str,
  title: str,
  kind: { type: "string", enum: [...INCIDENT_KINDS] },
  status: { type: "string", enum: [...INCIDENT_STATUSES] },
  impact: { type: "string", enum: [...IMPACTS] },
  started_at: time,
  resolved_at: nullableTime,
  duration_seconds: { type: ["integer", "null"], minimum: 0 },
  detected_at: time,
  seen_live: { type: "boolean" },
  detection_lag_seconds: { type: ["integer", "null"] },
  postmortem_published_at: {
    ...nullableTime,
    description: "When the vendor published its postmortem (its first update in status postmortem).",
  },
  postmortem_url: {
    type: ["string", "null"],
    description: "The write-up that postmortem links to, when it gives a link.",
  },
  url: nullableStr,
  edited_by_vendor: {
    type: "boolean",
    description: "The vendor changed the incident after Pingoru saw it.",
  },
  deleted_by_vendor: {
    type: "boolean",
    description:
      "The vendor took the incident down while its list still covers its time; it stays in the record.",
  },
  affected_components: list(object({ id: nullableStr, name: str, worst_status: componentStatus })),
  updates: list(
    object({
      id: str,
      status: { type: "string", enum: [...INCIDENT_STATUSES] },
      at: time,
      message: { type: "string", description: "The vendor's text as sent (may hold HTML)." },
      components: list(state),
      edited_by_vendor: { type: "boolean", description: "The vendor rewrote its text, time or status." },
      deleted_by_vendor: {
        type: "boolean",
        description: "The vendor took the update down; it stays here.",
      },
    }),
  ),
});

export const SCHEMAS = {
  Error: object({ error: str }),
  Vendor: object({
    slug: str,
    name: str,
    url: { type: "string", format: "uri" },
    platform: { type: "string", description: "The status-page platform: a kind of the platform registry." },
    category: { type: ["string", "null"], description: "The catalog category, when the vendor has one." },
    status: componentStatus,
    last_polled_at: nullableTime,
    last_ok_at: nullableTime,
    stale: { type: "boolean" },
    open_incidents: { type: "integer", minimum: 0 },
    last_hint_at: {
      type: ["string", "null"],
      format: "date-time",
      description:
        "When the vendor's page last sent an accepted push hint (it has push); null when it never has.",
    },
  }),
  VendorDetail: {
    allOf: [ref("Vendor"), object({ components: list(ref("Component")) })],
  },
  CatalogEntry: object({
    slug: str,
    name: str,
    category: str,
    url: { type: "string", format: "uri" },
    platform: { type: "string", description: "The status-page platform: a kind of the platform registry." },
    feed: { type: ["string", "null"], format: "uri" },
  }),
  CatalogPage: object({ entries: list(ref("CatalogEntry")) }),
  Component: object({ id: str, name: str, group: nullableStr, status: componentStatus }),
  Incident: incident,
  /** An incident of the outage history (GET /incidents): the Incident, its vendor named in full. */
  OutageIncident: {
    ...incident,
    properties: { ...incident.properties, vendor: object({ slug: str, name: str }) },
  },
  Revision: object({
    id: str,
    incident_id: nullableStr,
    update_id: { type: ["string", "null"], description: "The update revised, when it was one." },
    component_id: { type: ["string", "null"], description: "The component renamed, for a rename." },
    field: { type: "string", enum: [...REVISION_FIELDS] },
    old_value: { type: ["string", "null"], description: "What the vendor said before (as sent)." },
    new_value: { type: ["string", "null"], description: "What it says now." },
    seen_at: { ...time, description: "When Pingoru first saw the change." },
  }),
  RevisionList: object({ incident_id: str, revisions: list(ref("Revision")) }),
  IncidentPage: object({ incidents: list(ref("Incident")), next: nullableStr }),
  OutagePage: object({ incidents: list(ref("OutageIncident")), next: nullableStr }),
  Event: object({
    id: str,
    type: { type: "string", enum: [...EVENT_TYPES] },
    vendor: str,
    incident_id: nullableStr,
    component_id: nullableStr,
    at: time,
    data: { type: "object" },
  }),
  EventPage: object({ events: list(ref("Event")), next: nullableStr }),
  Delivery: object({
    id: str,
    subscription: str,
    channel: str,
    vendor: str,
    incident_id: nullableStr,
    component_id: nullableStr,
    event_ids: list(str),
    status: { type: "string", enum: [...DELIVERY_STATUSES] },
    attempts: { type: "integer", minimum: 0 },
    created_at: time,
    next_attempt_at: nullableTime,
    delivered_at: nullableTime,
    last_error: nullableStr,
    channel_disabled: nullableStr,
  }),
  DeliveryPage: object({ deliveries: list(ref("Delivery")), next: nullableStr }),
} as const;

// A `subscriptions:` entry as users write it (config file, CLI, admin API), and how it resolves into
// a stored Subscription. Kept apart from schema.ts so the notify side can use it without the rest.
import { z } from "zod";
import { EVENT_TYPES, type EventType } from "../domain/model.ts";
import { CHANNEL_ID_PATTERN } from "../notify/channel-settings.ts";
import { DEFAULT_SUBSCRIBED_EVENTS, type Subscription } from "../domain/notification.ts";
import { MAX_REMIND_MINUTES } from "../domain/maintenance.ts";

// The vendor slug rule (schema.ts SLUG_PATTERN); repeated here because schema.ts imports this file.
const VENDOR_SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** Event families a subscription may name as a whole: "maintenance.*". */
export const EVENT_FAMILIES = [...new Set(EVENT_TYPES.map((type) => `${type.split(".")[0]}.*`))];
/** "maintenance" is an incident kind's impact, not a threshold: not offered here. */
export const MIN_IMPACTS = ["none", "minor", "major", "critical"] as const;

const eventName = z
  .string()
  .refine(
    (name) => (EVENT_TYPES as readonly string[]).includes(name) || EVENT_FAMILIES.includes(name),
    `must be one of ${EVENT_TYPES.join(", ")} (or a family such as maintenance.*)`,
  );
const vendorSlug = z.string().regex(VENDOR_SLUG, "a vendor slug");

export const subscriptionConfigSchema = z.strictObject({
  /** Default (config file): `<channel>-<n>`, the n-th subscription of that channel in the file. */
  id: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,126}$/, "letters, digits, dots, colons, dashes and underscores")
    .optional(),
  channel: z.string().regex(CHANNEL_ID_PATTERN, "a channel id"),
  vendors: z.array(vendorSlug).min(1, "omit vendors for all").optional(),
  components: z.record(vendorSlug, z.array(z.string().min(1)).min(1, "omit for all")).optional(),
  min_impact: z.enum(MIN_IMPACTS).optional(),
  events: z.array(eventName).min(1, "omit events for the default").optional(),
  /** A maintenance.reminder this many minutes before each maintenance starts (domain/maintenance.ts). */
  remind_before_minutes: z.number().int().min(1).max(MAX_REMIND_MINUTES).optional(),
  /** Send component changes a maintenance going on names (default: suppressed as expected). */
  notify_during_maintenance: z.boolean().optional(),
});
export type SubscriptionConfig = z.infer<typeof subscriptionConfigSchema>;

/**
 * Events a subscription gets only by naming them: a family ("incident.*") does not include them.
 * maintenance.reminder is routed by remind_before_minutes alone; naming it changes nothing.
 */
export const NAMED_ONLY_EVENTS: readonly EventType[] = ["incident.edited", "maintenance.reminder"];

/** Expands families ("maintenance.*"), drops repeats, keeps the canonical order. */
export function expandEvents(names: readonly string[]): EventType[] {
  const inFamily = (type: EventType) =>
    !NAMED_ONLY_EVENTS.includes(type) && names.includes(`${type.split(".")[0]}.*`);
  return EVENT_TYPES.filter((type) => names.includes(type) || inFamily(type));
}

/**
 * Resolves a file's subscriptions. A derived id is positional (`<channel>-<n>`, the n-th of that
 * channel), not a hash of the content: editing an entry then updates it in place rather than leaving
 * the old one subscribed beside the new.
 */
export function toSubscriptions(entries: readonly SubscriptionConfig[]): Subscription[] {
  const perChannel = new Map<string, number>();
  return entries.map((entry) => {
    const n = (perChannel.get(entry.channel) ?? 0) + 1;
    perChannel.set(entry.channel, n);
    return {
      id: entry.id ?? `${entry.channel}-${n}`,
      channel: entry.channel,
      vendors: entry.vendors ?? null,
      components: entry.components ?? null,
      minImpact: entry.min_impact ?? null,
      events: entry.events ? expandEvents(entry.events) : [...DEFAULT_SUBSCRIBED_EVENTS],
      ...maintenanceOptions(entry),
    };
  });
}

/** The maintenance options as a Subscription carries them: only when set. */
export function maintenanceOptions(
  entry: Pick<SubscriptionConfig, "remind_before_minutes" | "notify_during_maintenance">,
): Pick<Subscription, "remindBeforeMinutes" | "notifyDuringMaintenance"> {
  return {
    ...(entry.remind_before_minutes === undefined
      ? {}
      : { remindBeforeMinutes: entry.remind_before_minutes }),
    ...(entry.notify_during_maintenance ? { notifyDuringMaintenance: true } : {}),
  };
}

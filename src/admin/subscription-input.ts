// A subscription as users write it (the config file's shape), for the admin API and the CLI.
import { expandEvents, formatIssue } from "../config/load.ts";
import { subscriptionConfigSchema } from "../config/schema.ts";
import { maintenanceOptions } from "../config/subscription-schema.ts";
import { PingoruError } from "../lib/errors.ts";
import { stableId } from "../lib/hash.ts";
import { DEFAULT_SUBSCRIBED_EVENTS, type Subscription } from "../domain/notification.ts";

/** Validates like a config entry; null (as the API shows "all") counts as omitted. */
export function parseSubscriptionInput(input: Record<string, unknown>): Subscription {
  const present = Object.fromEntries(Object.entries(input).filter(([, value]) => value != null));
  const result = subscriptionConfigSchema.safeParse(present);
  if (!result.success) throw new PingoruError("input", `subscription: ${formatIssue(result.error)}`);
  const s = result.data;
  const subscription = {
    channel: s.channel,
    vendors: s.vendors ?? null,
    components: s.components ?? null,
    minImpact: s.min_impact ?? null,
    events: s.events ? expandEvents(s.events) : [...DEFAULT_SUBSCRIBED_EVENTS],
    ...maintenanceOptions(s),
  };
  return { id: s.id ?? deriveSubscriptionId(subscription), ...subscription };
}

/**
 * For one added without an id (CLI): from what it selects, so adding the same one twice is not a
 * duplicate, and never `<channel>-<n>`, which the config file's positional ids use.
 */
export function deriveSubscriptionId(s: Omit<Subscription, "id">): string {
  // The maintenance options join only when set, so ids derived before they existed stay the same.
  const options = [s.remindBeforeMinutes ?? null, s.notifyDuringMaintenance ?? false];
  const set = options[0] !== null || options[1] === true;
  const what = JSON.stringify([
    s.vendors,
    s.components,
    s.minImpact,
    [...s.events].sort(),
    ...(set ? options : []),
  ]);
  return `${s.channel}-${stableId(s.channel, what).slice(0, 8)}`;
}

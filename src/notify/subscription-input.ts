// A subscription as users write it (config-file shape, snake_case), for the admin API and the CLI.
import { z } from "zod";
import { EVENT_TYPES, IMPACTS } from "../domain/model.ts";
import { formatIssue } from "../config/load.ts";
import { PingoruError } from "../lib/errors.ts";
import { stableId } from "../lib/hash.ts";
import { DEFAULT_SUBSCRIBED_EVENTS, type Subscription } from "./model.ts";

export const subscriptionInputSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/, "letters, digits, . _ -")
    .optional(),
  channel: z.string().min(1),
  vendors: z.array(z.string().min(1)).min(1).nullable().optional(),
  components: z
    .record(z.string(), z.array(z.string().min(1)).min(1))
    .nullable()
    .optional(),
  min_impact: z.enum(IMPACTS).nullable().optional(),
  events: z.array(z.enum(EVENT_TYPES)).min(1).optional(),
});

export function parseSubscriptionInput(input: unknown): Subscription {
  const result = subscriptionInputSchema.safeParse(input);
  if (!result.success) throw new PingoruError("input", `subscription: ${formatIssue(result.error)}`);
  const s = result.data;
  const subscription = {
    channel: s.channel,
    vendors: s.vendors ?? null,
    components: s.components ?? null,
    minImpact: s.min_impact ?? null,
    events: s.events ?? [...DEFAULT_SUBSCRIBED_EVENTS],
  };
  return { id: s.id ?? deriveSubscriptionId(subscription), ...subscription };
}

/** The same subscription written twice gets the same id, so re-adding it is not a duplicate. */
export function deriveSubscriptionId(s: Omit<Subscription, "id">): string {
  return `sub-${stableId(s.channel, JSON.stringify([s.vendors, s.components, s.minImpact, [...s.events].sort()]))}`;
}

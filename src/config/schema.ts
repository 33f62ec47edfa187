// The one source of truth for configuration: the YAML file's shape and the resolved settings.
import { z } from "zod";
import { findCatalogEntry } from "../catalog/catalog.ts";
import { htmlOptionsSchema } from "../platforms/html-options.ts";
import { CHANNEL_ID_PATTERN } from "../notify/channel-settings.ts";
import type { AnyChannelDefinition } from "../notify/channel-definition.ts";
import { CHANNELS } from "../notify/registry.ts";
import type { ChannelConfig, Subscription } from "../domain/notification.ts";
import { subscriptionConfigSchema } from "./subscription-schema.ts";
import { partialOutageWeightSchema, slaListSchema } from "./sla-schema.ts";
import { PLATFORM_KINDS } from "../platforms/kinds.ts";
import { MAX_INTERVAL_SECONDS } from "../domain/vendor.ts";
import { MAX_SLA_CLAIM_REMIND_DAYS } from "../domain/sla-events.ts";
import { forbiddenUrlReason } from "../lib/safe-url.ts";
import { comparablePageUrl } from "../domain/page-url.ts";
import { MAX_RETENTION_DAYS } from "./defaults.ts";

// Re-exported: the whole file shape is reachable from here.
export { subscriptionConfigSchema, type SubscriptionConfig } from "./subscription-schema.ts";
export { MAX_SLA_CLAIM_REMIND_DAYS } from "../domain/sla-events.ts";
export { DEFAULTS, MAX_RETENTION_DAYS } from "./defaults.ts";

export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

const httpUrl = z
  .string()
  .refine(
    (value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol),
    "must be an http(s) URL",
  )
  // A vendor page or feed on a forbidden address (cloud metadata) refuses the config up front.
  .refine(
    (value) => forbiddenUrlReason(value) === null,
    "must not point at a cloud metadata or link-local address",
  );

export const vendorConfigSchema = z
  .strictObject({
    /** The status page; or name a catalog service instead. */
    url: httpUrl.optional(),
    catalog: z
      .string()
      .min(1)
      .refine((word) => findCatalogEntry(word) !== null, "not in the catalog (see: pingoru catalog search)")
      .optional(),
    slug: z.string().regex(SLUG_PATTERN, "lower-case letters, digits and dashes").optional(),
    name: z.string().min(1).optional(),
    platform: z.enum(PLATFORM_KINDS).optional(),
    interval: z
      .number()
      .min(1, "at least 1 second")
      .max(MAX_INTERVAL_SECONDS, `at most ${MAX_INTERVAL_SECONDS} seconds (a day)`)
      .optional(),
    feed: httpUrl.optional(),
    components: z.array(z.string().min(1)).optional(),
    /** A page with no API: where its components are and what its words mean (platform html). */
    html: htmlOptionsSchema.optional(),
    /** How much of a partial outage counts as down in uptime, 0..1 (default 1). */
    partial_outage_weight: partialOutageWeightSchema.optional(),
    /** SLA targets per calendar month: one, or a list with one per component. */
    sla: slaListSchema.optional(),
  })
  .superRefine((vendor, ctx) => {
    if ((vendor.url === undefined) === (vendor.catalog === undefined))
      ctx.addIssue({ code: "custom", path: ["url"], message: "give either url or catalog (a catalog slug)" });
    if (vendor.html !== undefined && (vendor.platform ?? "html") !== "html")
      ctx.addIssue({ code: "custom", path: ["html"], message: "html selectors are for platform html" });
    if (vendor.platform === "html" && vendor.html === undefined)
      ctx.addIssue({ code: "custom", path: ["html"], message: "platform html needs html: selectors" });
  });
export type VendorConfig = z.infer<typeof vendorConfigSchema>;

const channelId = z.string().regex(CHANNEL_ID_PATTERN, "letters, digits, dots, dashes and underscores");
type EntryShape<D extends AnyChannelDefinition> = D["settingsSchema"]["shape"] & {
  id: typeof channelId;
  type: z.ZodLiteral<D["type"]>;
};
/** Each definition's settings schema with the entry's id and type beside its settings. */
type EntrySchemas<Defs extends readonly AnyChannelDefinition[]> = {
  -readonly [K in keyof Defs]: z.ZodObject<EntryShape<Defs[K]>, z.core.$strict>;
};

/** The `channels:` entry schema for a list of channel definitions: a union on `type`, one per kind. */
export function channelConfigSchemaFor<
  const Defs extends readonly [AnyChannelDefinition, ...AnyChannelDefinition[]],
>(definitions: Defs) {
  const entries = definitions.map((definition) =>
    definition.settingsSchema.extend({ id: channelId, type: z.literal(definition.type) }),
  );
  // The map keeps each definition's own schema; TS cannot carry that through Array.map.
  return z.discriminatedUnion("type", entries as unknown as EntrySchemas<Defs>);
}

/** One `channels:` entry: its id, its type, and that type's own settings beside them. */
export const channelConfigSchema = channelConfigSchemaFor(CHANNELS);
export type ChannelConfigEntry = z.infer<typeof channelConfigSchema>;

export const configFileSchema = z.strictObject({
  database_url: z.string().min(1).optional(),
  port: z.number().int().min(0).max(65535).optional(),
  host: z.string().min(1).optional(),
  poll_interval: z.number().min(1).max(MAX_INTERVAL_SECONDS).optional(),
  allow_private_targets: z.boolean().optional(),
  public_url: httpUrl.optional(),
  /** Days to keep the delivery log and the change stream; 0 or "forever" keeps everything. */
  retention_days: z
    .union([z.number(), z.string()])
    .refine(
      (days) => days === "forever" || (Number.isInteger(days) && +days >= 0 && +days <= MAX_RETENTION_DAYS),
      `whole days from 0 to ${MAX_RETENTION_DAYS}, or "forever" (0 and "forever" keep everything)`,
    )
    .optional(),
  /** Days before an SLA credit's claim window closes that `sla.claim_due` is sent. */
  sla_claim_remind_days: z.number().int().min(1).max(MAX_SLA_CLAIM_REMIND_DAYS).optional(),
  // Two entries with one slug would merge two pages' histories under it, two on one page would watch
  // it twice: both refused, naming the keys.
  vendors: z.array(vendorConfigSchema).default([]).superRefine(uniqueSlugs).superRefine(uniquePages),
  channels: z.array(channelConfigSchema).default([]).superRefine(uniqueIds("channel")),
  subscriptions: z.array(subscriptionConfigSchema).default([]).superRefine(uniqueIds("subscription")),
});
export type ConfigFile = z.infer<typeof configFileSchema>;

/** What the process runs with, after flags, environment, file and defaults are merged. */
export interface Settings {
  readonly databaseUrl: string;
  readonly port: number;
  readonly host: string;
  readonly pollIntervalSeconds: number;
  readonly allowPrivateTargets: boolean;
  readonly configFile: string | null;
  readonly vendors: readonly VendorConfig[];
  /** Channels declared in the config file, settings validated for their type. */
  readonly channels: readonly ChannelConfig[];
  /** Subscriptions declared in the config file, defaults applied (id, events). */
  readonly subscriptions: readonly Subscription[];
  /** Bearer token for the admin API (PINGORU_ADMIN_TOKEN); null disables the admin routes. */
  readonly adminToken: string | null;
  /**
   * Key that seals channel secrets in the database (PINGORU_SECRET_KEY), and keys of a rotation in
   * progress that only open (PINGORU_SECRET_KEY_PREVIOUS, comma-separated); null stores them as given.
   */
  readonly secretKey: string | null;
  readonly previousSecretKeys: readonly string[];
  /** Token to read the pages, API and feeds (PINGORU_READ_TOKEN); null leaves them public. */
  readonly readToken: string | null;
  /** Pingoru's own public base URL (PINGORU_PUBLIC_URL), for links in notifications. */
  readonly publicUrl: string | null;
  /**
   * Finished deliveries and the events no delivery still needs are pruned once this many days old
   * (PINGORU_RETENTION_DAYS); null keeps everything. The incident record is never pruned.
   */
  readonly retentionDays: number | null;
  /** Days before an SLA credit's claim window closes that `sla.claim_due` is sent (PINGORU_SLA_CLAIM_REMIND_DAYS). */
  readonly slaClaimRemindDays: number;
}

/** A list's entries must not share an explicit id (the later would silently replace the earlier). */
function uniqueSlugs(vendors: readonly { slug?: string | undefined }[], ctx: z.RefinementCtx): void {
  const first = new Map<string, number>();
  for (const [index, { slug }] of vendors.entries()) {
    if (slug === undefined) continue;
    const earlier = first.get(slug);
    if (earlier !== undefined)
      ctx.addIssue({
        code: "custom",
        path: [index, "slug"],
        message: `slug ${slug} repeats vendors.${earlier}.slug (each vendor needs its own)`,
      });
    else first.set(slug, index);
  }
}

/**
 * Entries must not name one page (however spelled: see comparablePageUrl). A platform's other URLs for
 * a page (cachet's …/api/v1) are found when the vendors are added, without loading every adapter here.
 */
function uniquePages(vendors: readonly VendorConfig[], ctx: z.RefinementCtx): void {
  const first = new Map<string, string>();
  for (const [index, vendor] of vendors.entries()) {
    const key = vendor.url === undefined ? "catalog" : "url";
    const url = vendor.url ?? (vendor.catalog === undefined ? null : findCatalogEntry(vendor.catalog)?.url);
    if (url === null || url === undefined) continue;
    const page = comparablePageUrl(url);
    const earlier = first.get(page);
    if (earlier !== undefined)
      ctx.addIssue({
        code: "custom",
        path: [index, key],
        message: `${url} is the page of ${earlier} (each page is watched once)`,
      });
    else first.set(page, `vendors.${index}.${key}`);
  }
}

function uniqueIds(what: string) {
  return (items: readonly { id?: string | undefined }[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    for (const [index, item] of items.entries()) {
      if (item.id === undefined) continue;
      if (seen.has(item.id))
        ctx.addIssue({ code: "custom", path: [index, "id"], message: `duplicate ${what} id ${item.id}` });
      seen.add(item.id);
    }
  };
}

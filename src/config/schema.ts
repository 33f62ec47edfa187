// The one source of truth for configuration: the YAML file's shape and the resolved settings.
import { z } from "zod";
import { PLATFORM_KINDS } from "../domain/model.ts";

export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

const httpUrl = z
  .string()
  .refine(
    (value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol),
    "must be an http(s) URL",
  );

export const vendorConfigSchema = z.strictObject({
  url: httpUrl,
  slug: z.string().regex(SLUG_PATTERN, "lower-case letters, digits and dashes").optional(),
  name: z.string().min(1).optional(),
  platform: z.enum(PLATFORM_KINDS).optional(),
  interval: z.number().min(1, "at least 1 second").optional(),
  feed: httpUrl.optional(),
  components: z.array(z.string().min(1)).optional(),
});
export type VendorConfig = z.infer<typeof vendorConfigSchema>;

export const configFileSchema = z.strictObject({
  database_url: z.string().min(1).optional(),
  port: z.number().int().min(0).max(65535).optional(),
  host: z.string().min(1).optional(),
  poll_interval: z.number().min(1).optional(),
  allow_private_targets: z.boolean().optional(),
  vendors: z.array(vendorConfigSchema).default([]),
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
}

export const DEFAULTS = {
  databaseUrl: "./data/pingoru.db",
  port: 8080,
  host: "127.0.0.1",
  pollIntervalSeconds: 60,
} as const;

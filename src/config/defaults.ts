// The settings' defaults and bounds, apart from the config file's schema (schema.ts) so that settings
// without a config file (settings.ts) load no schema library.
import { SLA_CLAIM_REMIND_DAYS } from "../domain/sla-events.ts";

/** A century: anything longer is a typo for "forever". */
export const MAX_RETENTION_DAYS = 36_500;

export const DEFAULTS = {
  databaseUrl: "./data/pingoru.db",
  port: 8080,
  host: "127.0.0.1",
  pollIntervalSeconds: 60,
  retentionDays: 90,
  slaClaimRemindDays: SLA_CLAIM_REMIND_DAYS,
} as const;

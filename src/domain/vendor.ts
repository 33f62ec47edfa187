// A watched service, as the store keeps it and every part reads it.
import type { Iso } from "./model.ts";

/** A vendor's platform settings as configured (html: its selectors): plain JSON, validated by the platform. */
/** A vendor is polled at least once a day: a longer interval is a typo (or a year 36653 due time). */
export const MAX_INTERVAL_SECONDS = 86_400;

export type PlatformOptions = Readonly<Record<string, unknown>>;

/** A watched service. */
export interface Vendor {
  slug: string;
  name: string;
  url: string;
  /** A kind in the platform registry (src/platforms/registry.ts). */
  platform: string;
  feedUrl: string | null;
  /** Seconds; null means the configured default. */
  intervalSeconds: number | null;
  /** Names of the components the user watches; null means all. */
  watchedComponents: string[] | null;
  /** The platform's own settings (html: its selectors); null when it needs none. */
  platformOptions: PlatformOptions | null;
  createdAt: Iso;
  /** First successful poll: the baseline. Null until then. */
  baselineAt: Iso | null;
  lastPolledAt: Iso | null;
  lastOkAt: Iso | null;
  stale: boolean;
  lastError: string | null;
  failures: number;
  nextPollAt: Iso;
  /** Open incidents (not maintenances) in the record. */
  openIncidents: number;
  /** Paused by the user: kept and shown, never polled until resumed. */
  paused: boolean;
  /** A catalog category ("cloud", "payments", …) for the dashboard's filter; null when unknown. */
  category: string | null;
  /** When its feed was first seen giving the same items new ids: items are matched by content since. */
  unstableIdsAt: Iso | null;
  /** Why the circuit breaker tripped: nothing is notified for the vendor until a person resets it. */
  notificationsHeld: string | null;
  /** When a person last reset the breaker: the breaker's rate counts only what came after. */
  breakerResetAt: Iso | null;
  /** When the vendor's page last sent a push hint that was accepted; null when it never has. */
  lastHintAt: Iso | null;
}

export interface NewVendor {
  slug: string;
  /** "" lets the page's own name stand; absent on an upsert keeps the stored name as it is. */
  name?: string;
  url: string;
  /** A kind in the platform registry (src/platforms/registry.ts). */
  platform: string;
  feedUrl?: string | null;
  intervalSeconds?: number | null;
  watchedComponents?: string[] | null;
  platformOptions?: PlatformOptions | null;
  /** Absent on an upsert keeps the stored category; null clears it. */
  category?: string | null | undefined;
}

// What a poll needs and what it gives: shared by reading a page, recording it, and scheduling the next.
import type { ChangeEvent, Iso } from "../domain/model.ts";
import type { Vendor } from "../domain/vendor.ts";
import type { HttpClient } from "../lib/http-client.ts";
import type { Platform, ReadResult } from "../platforms/platform.ts";
import type { Store } from "../store/store.ts";
import type { VendorCache } from "./memory-cache.ts";
import type { QuietPollWriter } from "./quiet-polls.ts";

export interface PollDeps {
  store: Store;
  http: HttpClient;
  platform: (kind: string) => Platform;
  now: () => Date;
  defaultIntervalSeconds: number;
  /** Per-vendor conditional caches; absent means every poll parses. */
  cacheFor?: ((slug: string) => VendorCache) | undefined;
  random?: () => number;
  /** How long a component-only notification waits for the component to flap back (default 120 s). */
  flapWindowSeconds?: number;
  /** Where a poll that found nothing new writes its row, batched with others (serve); else its own write. */
  quietPolls?: QuietPollWriter | undefined;
}

/** A vendor being polled; `dueAt` (from the scheduler's claim) anchors its next due time. */
export type PolledVendor = Vendor & { dueAt?: Iso };

export interface PollOutcome {
  ok: boolean;
  unchanged: boolean;
  events: ChangeEvent[];
  /** Deliveries written with the events (none while nobody subscribes): the dispatcher has work. */
  deliveries: number;
  error?: string;
}

export type ReadOutcome = { ok: true; result: ReadResult } | { ok: false; error: unknown };

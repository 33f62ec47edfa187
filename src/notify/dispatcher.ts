// Sends the outbox. Deliveries are written with the events that cause them (same transaction); this
// loop claims due ones from the store as leases (like the poll scheduler), so a restart or a second
// worker resumes exactly where the last left off and a crash mid-send means the delivery comes back
// after the lease: at-least-once, with the delivery id as the receiver's idempotency key and the same
// body every time (the message is built once, and kept with the delivery before it is first sent).
import { createLeaseWorker, type LeaseWorker } from "../lib/lease-worker.ts";
import type { Store } from "../store/store.ts";
import type { DeliveryOutcome } from "../store/store.ts";
import { DeliveryError, type Channel } from "./channel.ts";
import type { ChannelConfig, Delivery, Notification } from "../domain/notification.ts";
import { buildNotification } from "./notification.ts";
import { judgeHeld, withNetChange } from "./flap.ts";
import { decideOutcome, isGone, suppressedOutcome } from "./retry.ts";

export interface DispatcherOptions {
  store: Store;
  /** Builds a channel; the dispatcher keeps it per config and closes it when replaced, removed or on stop(). */
  channelFor: (config: ChannelConfig) => Channel;
  now: () => Date;
  random?: () => number;
  /** How often to look for due deliveries (new ones written by another process, retries coming due). */
  tickMs: number;
  /** Sends in flight at once (never more than one per channel: each channel's queue is FIFO). */
  concurrency: number;
  /** How long a claim holds before another worker may take the delivery; must exceed sendTimeoutMs. */
  leaseSeconds: number;
  /** Recorded as the holder of this dispatcher's leases (lib/worker-identity.ts). */
  worker?: string;
  /** A send that takes longer is aborted and retried (default 10 s). */
  sendTimeoutMs?: number;
  /** Base URL of Pingoru's own pages, for links in messages; null leaves links out. */
  publicUrl: string | null;
  onError: (error: unknown, delivery: Delivery | null) => void;
  /** Every recorded outcome, for the log. */
  onOutcome?: (delivery: Delivery, outcome: DeliveryOutcome) => void;
}

export type Dispatcher = LeaseWorker;

const DEFAULT_SEND_TIMEOUT_MS = 10_000;

interface Claimed {
  delivery: Delivery;
  config: ChannelConfig | undefined;
}

export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const channels = createChannelCache(options.channelFor, (error) => options.onError(error, null));

  async function claim(now: Date, leaseUntil: Date, limit: number): Promise<Claimed[]> {
    const due = await options.store.claimDueDeliveries(
      now.toISOString(),
      leaseUntil.toISOString(),
      limit,
      options.worker,
    );
    if (due.length === 0) return [];
    const configs = new Map((await options.store.listChannels()).map((c) => [c.id, c]));
    channels.retain(new Set(configs.keys()));
    return due.map((delivery) => ({ delivery, config: configs.get(delivery.channel) }));
  }

  async function dispatch({ delivery, config }: Claimed): Promise<void> {
    const { store } = options;
    const finish = async (outcome: DeliveryOutcome) => {
      await store.finishDelivery(delivery.id, outcome);
      options.onOutcome?.(delivery, outcome);
    };
    // Once an attempt was made the receiver may have the message: it is sent again as it was, never
    // judged or built anew (the record may have moved on since).
    const kept = await store.keptMessage(delivery.id);
    let netFrom: string | null = null;
    if (kept === null) {
      const held = await judgeHeld(store, delivery, options.now().toISOString());
      if (held.action === "suppress")
        return finish({
          ...suppressedOutcome(delivery, options.now().toISOString()),
          lastError: held.reason,
        });
      netFrom = held.netFrom;
    }
    const result = await attempt(delivery, config, kept, netFrom);
    const outcome = decideOutcome(delivery, result, options.now(), options.random);
    if (!result.ok && isGone(result.error))
      await store.setChannelDisabled(delivery.channel, `the receiver said it is gone: ${outcome.lastError}`);
    await finish(outcome);
  }

  async function attempt(
    delivery: Delivery,
    config: ChannelConfig | undefined,
    kept: string | null,
    netFrom: string | null,
  ) {
    try {
      if (config === undefined)
        throw new DeliveryError(`channel ${delivery.channel} no longer exists`, { retryable: false });
      const message = kept ?? (await firstMessage(delivery, netFrom));
      await sendWithTimeout(channels.get(config), JSON.parse(message) as Notification, options);
      return { ok: true } as const;
    } catch (error) {
      return { ok: false, error } as const;
    }
  }

  /** Builds the delivery's message from the record as it is now and keeps it before it is first sent. */
  async function firstMessage(delivery: Delivery, netFrom: string | null): Promise<string> {
    const built = await buildNotification(options.store, delivery, options.publicUrl);
    if (!built.ok) throw new DeliveryError(`nothing to send: ${built.reason}`, { retryable: false });
    const message = JSON.stringify(withNetChange(built.notification, netFrom));
    const kept = await options.store.keepMessage(delivery.id, message);
    if (kept === null)
      throw new DeliveryError("nothing to send: the delivery was removed", { retryable: false });
    return kept;
  }

  const worker = createLeaseWorker<Claimed>({
    claim,
    handle: dispatch,
    now: options.now,
    concurrency: options.concurrency,
    tickMs: options.tickMs,
    leaseSeconds: options.leaseSeconds,
    onError: (error, claimed) => options.onError(error, claimed?.delivery ?? null),
    // The channel's next delivery is due once this one is done: do not wait for the tick.
    claimAfterEach: true,
    // Idle, it only peeks at the earliest due time (a retry's is known) instead of claiming each tick.
    nextDueAt: async () => {
      const due = await options.store.nextDeliveryDueAt();
      return due === null ? null : new Date(due);
    },
  });
  return {
    ...worker,
    /** Stops claiming, waits for the sends in hand, then closes every channel it built. */
    async stop() {
      await worker.stop();
      await channels.closeAll();
    },
  };
}

/** Races the send against its deadline, so a channel that ignores the signal still cannot hang the loop. */
export async function sendWithTimeout(
  channel: Channel,
  notification: Parameters<Channel["send"]>[0],
  options: Pick<DispatcherOptions, "now" | "sendTimeoutMs">,
): Promise<void> {
  const timeoutMs = options.sendTimeoutMs ?? DEFAULT_SEND_TIMEOUT_MS;
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new DeliveryError(`no answer within ${timeoutMs / 1000} s`, { retryable: true });
      controller.abort(error);
      reject(error);
    }, timeoutMs);
  });
  try {
    await Promise.race([
      channel.send(notification, { signal: controller.signal, now: options.now }),
      deadline,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** A one-off send (a test notification) through a channel built for it, closed afterwards. */
export async function sendOnce(
  channel: Channel,
  notification: Parameters<Channel["send"]>[0],
  options: Pick<DispatcherOptions, "now" | "sendTimeoutMs">,
): Promise<void> {
  try {
    await sendWithTimeout(channel, notification, options);
  } finally {
    await channel.close?.();
  }
}

/**
 * One Channel per configuration (they keep connections open); rebuilt when the config changes. The
 * channel it replaces, or one whose config is gone, is closed (its sends under way finish first).
 */
function createChannelCache(channelFor: (config: ChannelConfig) => Channel, onError: (e: unknown) => void) {
  const cache = new Map<string, { key: string; channel: Channel }>();
  const closing = new Set<Promise<void>>();
  const close = (channel: Channel) => {
    const done: Promise<void> = Promise.resolve()
      .then(() => channel.close?.())
      .catch(onError)
      .finally(() => closing.delete(done));
    closing.add(done);
  };
  return {
    get(config: ChannelConfig): Channel {
      const key = JSON.stringify([config.type, config.config]);
      const hit = cache.get(config.id);
      if (hit?.key === key) return hit.channel;
      const channel = channelFor(config);
      cache.set(config.id, { key, channel });
      if (hit) close(hit.channel);
      return channel;
    },
    /** Closes the channels of configs no longer stored. */
    retain(ids: ReadonlySet<string>): void {
      for (const [id, { channel }] of cache)
        if (!ids.has(id)) {
          cache.delete(id);
          close(channel);
        }
    },
    async closeAll(): Promise<void> {
      for (const { channel } of cache.values()) close(channel);
      cache.clear();
      await Promise.allSettled([...closing]);
    },
  };
}

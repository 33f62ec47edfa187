// Sends the outbox. Deliveries are written with the events that cause them (same transaction); this
// loop claims due ones from the store as leases (like the poll scheduler), so a restart or a second
// worker resumes exactly where the last left off and a crash mid-send means the delivery comes back
// after the lease: at-least-once, with the delivery id as the receiver's idempotency key.
import type { Store } from "../store/store.ts";
import type { DeliveryOutcome } from "../store/store.ts";
import { DeliveryError, type Channel } from "./channel.ts";
import type { ChannelConfig, Delivery } from "./model.ts";
import { buildNotification, flappedBack } from "./notification.ts";
import { decideOutcome, isGone, suppressedOutcome } from "./retry.ts";

export interface DispatcherOptions {
  store: Store;
  channelFor: (config: ChannelConfig) => Channel;
  now: () => Date;
  random?: () => number;
  /** How often to look for due deliveries (new ones written by another process, retries coming due). */
  tickMs: number;
  /** Sends in flight at once (never more than one per channel: each channel's queue is FIFO). */
  concurrency: number;
  /** How long a claim holds before another worker may take the delivery; must exceed sendTimeoutMs. */
  leaseSeconds: number;
  /** A send that takes longer is aborted and retried (default 10 s). */
  sendTimeoutMs?: number;
  /** Base URL of Pingoru's own pages, for links in messages; null leaves links out. */
  publicUrl: string | null;
  onError: (error: unknown, delivery: Delivery | null) => void;
  /** Every recorded outcome, for the log. */
  onOutcome?: (delivery: Delivery, outcome: DeliveryOutcome) => void;
}

export interface Dispatcher {
  start(): void;
  /** Stops claiming and waits for sends in flight. */
  stop(): Promise<void>;
  /** Claims and sends what is due now; resolves when those sends are recorded. */
  tick(): Promise<void>;
  /** Look now rather than at the next tick (the poller calls it after writing deliveries). */
  wake(): void;
}

const DEFAULT_SEND_TIMEOUT_MS = 10_000;

export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const inFlight = new Set<Promise<void>>();
  const channels = createChannelCache(options.channelFor);
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  let claiming: Promise<Promise<void>[]> | null = null;
  let claimAgain = false;

  /** One claim at a time; a wake during a claim runs another right after (it may have missed a write). */
  function claim(): Promise<Promise<void>[]> {
    if (claiming) {
      claimAgain = true;
      return claiming;
    }
    claiming = claimOnce().finally(() => {
      claiming = null;
      if (claimAgain && running) {
        claimAgain = false;
        void claim();
      }
    });
    return claiming;
  }

  async function claimOnce(): Promise<Promise<void>[]> {
    const free = options.concurrency - inFlight.size;
    if (free <= 0) return [];
    try {
      const now = options.now();
      const leaseUntil = new Date(now.getTime() + options.leaseSeconds * 1000).toISOString();
      const due = await options.store.claimDueDeliveries(now.toISOString(), leaseUntil, free);
      if (due.length === 0) return [];
      const configs = new Map((await options.store.listChannels()).map((c) => [c.id, c]));
      return due.map((delivery) => track(delivery, configs.get(delivery.channel)));
    } catch (error) {
      options.onError(error, null);
      return [];
    }
  }

  function track(delivery: Delivery, config: ChannelConfig | undefined): Promise<void> {
    const job: Promise<void> = dispatch(delivery, config)
      .catch((error: unknown) => options.onError(error, delivery))
      .finally(() => {
        inFlight.delete(job);
        // The channel's next delivery is due now that this one is done: do not wait for the tick.
        if (running) void claim();
      });
    inFlight.add(job);
    return job;
  }

  async function dispatch(delivery: Delivery, config: ChannelConfig | undefined): Promise<void> {
    const { store } = options;
    const finish = async (outcome: DeliveryOutcome) => {
      await store.finishDelivery(delivery.id, outcome);
      options.onOutcome?.(delivery, outcome);
    };
    if (await flappedBack(store, delivery))
      return finish(suppressedOutcome(delivery, options.now().toISOString()));
    const result = await attempt(delivery, config);
    const outcome = decideOutcome(delivery, result, options.now(), options.random);
    if (!result.ok && isGone(result.error))
      await store.setChannelDisabled(delivery.channel, `the receiver said it is gone: ${outcome.lastError}`);
    await finish(outcome);
  }

  async function attempt(delivery: Delivery, config: ChannelConfig | undefined) {
    try {
      if (config === undefined)
        throw new DeliveryError(`channel ${delivery.channel} no longer exists`, { retryable: false });
      const built = await buildNotification(options.store, delivery, options.publicUrl);
      if (!built.ok) throw new DeliveryError(`nothing to send: ${built.reason}`, { retryable: false });
      await sendWithTimeout(channels.get(config), built.notification, options);
      return { ok: true } as const;
    } catch (error) {
      return { ok: false, error } as const;
    }
  }

  function loop(): void {
    if (!running) return;
    void claim();
    timer = setTimeout(loop, options.tickMs);
  }

  return {
    start() {
      if (running) return;
      running = true;
      loop();
    },
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      await claiming;
      await Promise.allSettled([...inFlight]);
    },
    async tick() {
      await Promise.all(await claim());
    },
    wake() {
      if (running) void claim();
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

/** One Channel per configuration (they may keep connections open); rebuilt when the config changes. */
function createChannelCache(channelFor: (config: ChannelConfig) => Channel) {
  const cache = new Map<string, { key: string; channel: Channel }>();
  return {
    get(config: ChannelConfig): Channel {
      const key = JSON.stringify([config.type, config.config]);
      const hit = cache.get(config.id);
      if (hit?.key === key) return hit.channel;
      const channel = channelFor(config);
      cache.set(config.id, { key, channel });
      return channel;
    },
  };
}

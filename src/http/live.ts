// Live pushes: GET /events/stream (Server-Sent Events). One poller per app watches the store's event
// stream (written by this process's poller or any other, e.g. `pingoru poll` or a second server) and
// tells every connected client which vendors changed; clients then re-read what they show.
// The poller runs only while someone listens, so an app without clients does no work.

import { Hono } from "hono";
import { streamSSE, type SSEStreamingApi } from "hono/streaming";
import type { ChangeEvent } from "../domain/model.ts";
import type { Store } from "../store/store.ts";

export interface LiveChange {
  /** Slugs of the vendors with new events, sorted. */
  vendors: string[];
  /** Event types seen, sorted. */
  types: string[];
  /** The event stream's cursor after these events (for /api/v1/events?after=). */
  cursor: string;
}

export interface LiveOptions {
  store: Store;
  /** How often the store is asked for new events while clients listen (default 1 s). */
  pollMs?: number;
  /** A comment line this often keeps proxies from closing an idle stream (default 15 s). */
  heartbeatMs?: number;
  logError?: (error: unknown) => void;
}

export interface LiveHub {
  subscribe(listener: (change: LiveChange) => void): () => void;
  listeners(): number;
  /** Resolves once the hub knows where the stream ends: every event after that reaches the listeners. */
  started(): Promise<void>;
}

const PAGE = 500;

export function createLiveHub({ store, pollMs = 1000, logError = console.error }: LiveOptions): LiveHub {
  const listeners = new Set<(change: LiveChange) => void>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let cursor: string | null = null;
  let started = false;

  // Each start is a new generation: a tick still awaiting the store from a stopped run then ends quietly.
  let generation = 0;
  // Settled when the current generation has read where the stream ends (or has been stopped).
  let settleStart = () => {};
  let whenStarted: Promise<void> = Promise.resolve();
  const tick = async (mine: number) => {
    try {
      if (!started) {
        const latest = await store.latestEventCursor();
        if (mine !== generation) return;
        cursor = latest;
        started = true;
        settleStart();
      } else {
        const page = await store.listEvents({ limit: PAGE, after: cursor });
        if (mine !== generation) return;
        if (page.items.length > 0) {
          cursor = page.next;
          notify(page.items);
        }
      }
    } catch (error) {
      logError(error);
    }
    if (mine !== generation) return;
    timer = listeners.size > 0 ? setTimeout(() => void tick(mine), pollMs) : null;
  };

  const notify = (events: readonly ChangeEvent[]) => {
    const change: LiveChange = {
      vendors: [...new Set(events.map((e) => e.vendor))].sort(),
      types: [...new Set(events.map((e) => e.type))].sort(),
      cursor: cursor ?? "",
    };
    for (const listener of listeners) listener(change);
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      if (timer === null) {
        // Re-reading the end of the stream on each start: events before a client connected are not its news.
        started = false;
        whenStarted = new Promise((resolve) => (settleStart = resolve));
        const mine = ++generation;
        timer = setTimeout(() => void tick(mine), 0);
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && timer !== null) {
          clearTimeout(timer);
          timer = null;
          generation++;
          settleStart(); // nobody waits on a stopped run
        }
      };
    },
    listeners: () => listeners.size,
    started: () => whenStarted,
  };
}

export function createLiveRoutes(hub: LiveHub, heartbeatMs = 15_000): Hono {
  const live = new Hono();
  live.get("/events/stream", (c) => {
    c.header("cache-control", "no-store");
    c.header("x-accel-buffering", "no");
    return streamSSE(c, (stream) => pump(stream, hub, heartbeatMs));
  });
  return live;
}

async function pump(stream: SSEStreamingApi, hub: LiveHub, heartbeatMs: number): Promise<void> {
  const queue: LiveChange[] = [];
  let wake = () => {};
  const unsubscribe = hub.subscribe((change) => {
    queue.push(change);
    wake();
  });
  stream.onAbort(() => {
    unsubscribe();
    wake();
  });
  try {
    // "ready" means what follows is every change from now on: not before the hub knows where "now" is.
    await hub.started();
    await stream.writeSSE({ event: "ready", data: "{}", retry: 3000 });
    while (!stream.aborted && !stream.closed) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, heartbeatMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      if (stream.aborted) break;
      if (queue.length === 0) await stream.write(": heartbeat\n\n");
      for (const change of queue.splice(0))
        await stream.writeSSE({ event: "change", data: JSON.stringify(change) });
    }
  } finally {
    unsubscribe();
  }
}

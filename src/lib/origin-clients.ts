// One undici Client per origin (scheme, host and port), as undici's Agent keeps them, with two
// differences that matter at thousands of origins:
// - Dropping a client costs the same whatever the count. The Agent scans every client it holds each
//   time one goes (its origin bookkeeping): at 10,000 hosts whose servers close idle connections
//   between polls, that scan alone would take more than a core.
// - A client is retired after `requestsPerClient` requests: the next request gets a new one (a new
//   connection) and the old one closes once its requests are done. A Client keeps a slot for each
//   finished request until 257 have passed (about 2 kB), so a host polled for hours would otherwise
//   hold all 257: 20-30 MB over 10,000 hosts. (undici's own maxRequestsPerClient closes the socket
//   only, keeps the Client, and does nothing over HTTP/2.)
// - At most `maxClients` are held: opening one more closes the least recently used idle one, so a fleet
//   larger than the process may open files dials again rather than failing with EMFILE (a poll that
//   failed so would mark a healthy vendor stale). The default is three quarters of the process's
//   open-file limit, read from /proc on Linux.
// Every client dials through one connector: one TLS session cache for all hosts, not one per client.
import { readFileSync } from "node:fs";
import { buildConnector, Client, errors } from "undici";

export interface OriginClients {
  /** The client for the next request to this origin (`URL.origin`); refused once closed. */
  for(origin: string): Client;
  /** Lets go of the origin's client if it has no connection and nothing in hand (after an abort). */
  release(origin: string): void;
  /** Clients held: one per origin with a connection open or a request in hand, or a request aborted. */
  readonly size: number;
  /** Closes every client, retired ones included, once its requests are done. */
  close(): Promise<void>;
}

export type OriginClientOptions = Omit<Client.Options, "connect"> & { connect?: buildConnector.BuildOptions };

interface Held {
  client: Client;
  requests: number;
}

/** Clients held at most, unless the open-file limit says otherwise (defaultMaxClients). */
const FALLBACK_MAX_CLIENTS = 4096;
/** Idle clients looked at, least recently used first, to make room for a new one. */
const EVICTION_SCAN = 16;

export function createOriginClients(
  options: OriginClientOptions,
  requestsPerClient: number,
  maxClients = defaultMaxClients(),
): OriginClients {
  const clientOptions: Client.Options = { ...options, connect: buildConnector(options.connect ?? {}) };
  const held = new Map<string, Held>();
  const retiring = new Set<Promise<void>>();
  let closed = false;

  /** Idle and without a connection (closed by either side, never made, or given up): nothing is kept. */
  function dropIfIdle(origin: string, entry: Held): void {
    const { connected, pending, running } = entry.client.stats;
    if (held.get(origin) !== entry || connected || pending > 0 || running > 0) return;
    held.delete(origin);
    retire(entry.client);
  }

  /**
   * Makes room for one more client: closes the least recently used idle ones (the map's order is use).
   * A client with requests in hand is kept; those are few (the poller's own limit), so a short scan
   * finds an idle one.
   */
  function makeRoom(): void {
    let scanned = 0;
    for (const [origin, entry] of held) {
      if (held.size < maxClients || scanned++ >= EVICTION_SCAN) return;
      const { pending, running } = entry.client.stats;
      if (pending > 0 || running > 0) continue;
      held.delete(origin);
      retire(entry.client);
    }
  }

  function open(origin: string): Held {
    makeRoom();
    const entry: Held = { client: new Client(origin, clientOptions), requests: 0 };
    const drop = () => dropIfIdle(origin, entry);
    entry.client.on("disconnect", drop).on("connectionError", drop);
    held.set(origin, entry);
    return entry;
  }

  /** Closes a client after the requests it has in hand; close() waits for it. */
  function retire(client: Client): void {
    const closing: Promise<void> = client
      .close()
      .catch(() => undefined) // already destroyed: nothing left to close
      .finally(() => retiring.delete(closing));
    retiring.add(closing);
  }

  return {
    for(origin) {
      if (closed) throw new errors.ClientClosedError();
      let entry = held.get(origin);
      if (entry !== undefined && entry.requests >= requestsPerClient) {
        held.delete(origin);
        retire(entry.client);
        entry = undefined;
      }
      if (entry !== undefined) {
        held.delete(origin); // to the end: most recently used
        held.set(origin, entry);
      }
      entry ??= open(origin);
      entry.requests++;
      return entry.client;
    },
    release(origin) {
      const entry = held.get(origin);
      if (entry !== undefined) dropIfIdle(origin, entry);
    },
    get size() {
      return held.size;
    },
    async close() {
      closed = true;
      for (const entry of held.values()) retire(entry.client);
      held.clear();
      while (retiring.size > 0) await Promise.all([...retiring]);
    },
  };
}

/** Three quarters of the open-file limit (Node raises its soft limit to the hard one at start). */
export function defaultMaxClients(limits = "/proc/self/limits"): number {
  try {
    const line = /^Max open files\s+(\d+)/m.exec(readFileSync(limits, "utf8"));
    if (line) return Math.max(64, Math.floor(Number(line[1]) * 0.75));
  } catch {
    // not Linux: the fallback
  }
  return FALLBACK_MAX_CLIENTS;
}

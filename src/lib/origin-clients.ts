// One undici Client per origin (scheme, host and port), as undici's Agent keeps them, with two
// differences that matter at thousands of origins:
// - Dropping a client costs the same whatever the count. The Agent scans every client it holds each
//   time one goes (its origin bookkeeping): at 10,000 hosts whose servers close idle connections
//   between polls, that scan alone would take more than a core.
// - A client is retired after `requestsPerClient` requests: the next request gets a new one (a new
//   connection) and the old one closes once its requests are done. A Client keeps a slot for each
//   finished request until 257 have passed (about 2 kB), so a host polled for hours would otherwise
//   hold all 257: 20-30 MB over 10,000 hosts.
import { Client } from "undici";

export interface OriginClients {
  /** The client for the next request to this origin (`URL.origin`). */
  for(origin: string): Client;
  /** Clients held: one per origin with a connection open or a request in hand. */
  readonly size: number;
  /** Closes every client once its requests are done. */
  close(): Promise<void>;
}

interface Held {
  client: Client;
  requests: number;
}

export function createOriginClients(options: Client.Options, requestsPerClient: number): OriginClients {
  const held = new Map<string, Held>();

  function open(origin: string): Held {
    const client = new Client(origin, options);
    const entry: Held = { client, requests: 0 };
    // Idle and without a connection (closed by either side, or never made): nothing is kept for it.
    const dropIfIdle = () => {
      const { pending, running } = client.stats;
      if (held.get(origin) !== entry || pending > 0 || running > 0) return;
      held.delete(origin);
      closeQuietly(client);
    };
    client.on("disconnect", dropIfIdle).on("connectionError", dropIfIdle);
    held.set(origin, entry);
    return entry;
  }

  return {
    for(origin) {
      let entry = held.get(origin);
      if (entry !== undefined && entry.requests >= requestsPerClient) {
        closeQuietly(entry.client); // after the requests it has in hand
        entry = undefined;
      }
      entry ??= open(origin);
      entry.requests++;
      return entry.client;
    },
    get size() {
      return held.size;
    },
    async close() {
      const clients = [...held.values()].map((entry) => entry.client);
      held.clear();
      await Promise.all(clients.map((client) => client.close()));
    },
  };
}

/** A client already destroyed refuses close(): there is nothing left to close. */
function closeQuietly(client: Client): void {
  client.close().catch(() => undefined);
}

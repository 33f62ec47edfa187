// A loopback TCP proxy that can fail on demand: cut every connection (both sides, as a server restart
// does), refuse new ones for a while, or cut when a client sends a given query (mid-transaction).
import { createConnection, createServer, type Socket } from "node:net";

export interface TcpProxy {
  /** The proxy's port on 127.0.0.1. */
  port: number;
  /** Connections made through the proxy so far. */
  readonly connections: number;
  /** Connections refused so far. */
  readonly refused: number;
  /** Destroys every open connection, client and server side. */
  cut(): void;
  /** While on, a new connection is closed as soon as it is accepted. */
  refuse(on: boolean): void;
  /**
   * The next client chunk whose text matches is not forwarded: every connection is cut instead, and new
   * ones are refused until refuse(false). Resolves when that has happened.
   */
  cutWhen(match: (text: string) => boolean): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const open = new Set<Socket>();
  let refusing = false;
  let connections = 0;
  let refused = 0;
  let trigger: { match: (text: string) => boolean; done: () => void } | null = null;

  const cut = () => {
    for (const socket of open) socket.destroy();
    open.clear();
  };
  const server = createServer((client) => {
    if (refusing) {
      refused++;
      return void client.destroy();
    }
    connections++;
    const upstream = createConnection(target);
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.on("error", () => {});
      socket.on("close", () => {
        open.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.on("data", (chunk: Buffer) => {
      if (trigger?.match(chunk.toString("latin1"))) {
        const { done } = trigger;
        trigger = null;
        refusing = true;
        cut();
        done();
        return;
      }
      upstream.write(chunk);
    });
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("proxy has no port");
  return {
    port: address.port,
    get connections() {
      return connections;
    },
    get refused() {
      return refused;
    },
    cut,
    refuse(on) {
      refusing = on;
    },
    cutWhen(match) {
      return new Promise((done) => (trigger = { match, done }));
    },
    async close() {
      cut();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

// A loopback HTTP receiver that keeps connections alive, to see whether a channel lets go of its pool.
import { createServer } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface KeepAliveReceiver {
  /** A URL on the receiver; every request gets 202 and the connection stays open. */
  url(path?: string): string;
  /** Connections the receiver has seen, and those still open. */
  connections(): number;
  open(): number;
  close(): Promise<void>;
}

/**
 * A loopback HTTP receiver that keeps every connection alive for a minute, so a connection that
 * closes sooner was closed by the client: it shows whether a channel's close() lets go of its pool.
 */
export async function startKeepAliveReceiver(): Promise<KeepAliveReceiver> {
  const sockets: Socket[] = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(202, { "content-type": "application/json" }).end("{}"));
  });
  server.keepAliveTimeout = 60_000;
  server.on("connection", (socket: Socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path = "/hook") => `http://127.0.0.1:${port}${path}`,
    connections: () => sockets.length,
    open: () => sockets.filter((s) => !s.closed).length,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

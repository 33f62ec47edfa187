// A real loopback HTTP server for client tests: port 0 on 127.0.0.1, closed with all its sockets.
import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface TestServer {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:43123 */
  url: string;
  /** Every request the server received, in order. */
  requests: IncomingMessage[];
  close(): Promise<void>;
}

/**
 * `host` "0.0.0.0" answers on every loopback address too (127.0.0.0/8), so one server can stand for
 * many origins, each vendor on an address of its own; its `url` is still 127.0.0.1's.
 */
export async function startTestServer(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  host = "127.0.0.1",
): Promise<TestServer> {
  const requests: IncomingMessage[] = [];
  const server = createServer((req, res) => {
    requests.push(req);
    handler(req, res);
  });
  // Idle connections stay a minute (Node's default is 5 s): a test that counts connections must not
  // see a new one because the machine was slow between two requests.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

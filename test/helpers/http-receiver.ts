// A real loopback HTTP receiver for channel tests. Stateless by path: the first path segment says how
// to answer, so one receiver serves every case at once. Error answers echo the request (path,
// Authorization and body), as careless receivers do, to prove channels redact what comes back.
import { createServer } from "node:http";
import type { IncomingHttpHeaders, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export const RECEIVER_MODES = [
  "accept",
  "unavailable",
  "rate_limited",
  "rejected",
  "gone",
  "hang",
  "redirect",
] as const;
export type ReceiverMode = (typeof RECEIVER_MODES)[number];

export interface ReceivedRequest {
  mode: string;
  method: string;
  /** Path and query as sent. */
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** When the body was fully received (ms since epoch). */
  at: number;
}

export interface HttpReceiver {
  base: string;
  /** A URL answering in `mode`, with `rest` (e.g. a secret-looking token path) after it. */
  url(mode: ReceiverMode, rest?: string): string;
  requests: ReceivedRequest[];
  /** Requests that reached the target of the redirect mode (must stay empty). */
  redirectTargetHits: ReceivedRequest[];
  close(): Promise<void>;
}

export const RETRY_AFTER = { unavailable: 7, rate_limited: 11 } as const;

export async function startHttpReceiver(): Promise<HttpReceiver> {
  const requests: ReceivedRequest[] = [];
  const redirectTargetHits: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const path = req.url ?? "/";
      const mode = path.split("/")[1] ?? "";
      const received = {
        mode,
        method: req.method ?? "",
        path,
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        at: Date.now(),
      };
      (mode === "redirect-target" ? redirectTargetHits : requests).push(received);
      answer(mode, received, res, base);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    url: (mode, rest = "") => `${base}/${mode}${rest}`,
    requests,
    redirectTargetHits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function answer(mode: string, req: ReceivedRequest, res: ServerResponse, base: string): void {
  const echo = `you sent ${req.path} auth=${req.headers.authorization ?? ""} body=${req.body.slice(0, 400)}`;
  switch (mode) {
    case "accept":
    case "redirect-target":
      res.writeHead(mode === "accept" ? 202 : 200, { "content-type": "text/plain" }).end("ok");
      return;
    case "unavailable":
      res.writeHead(503, { "retry-after": String(RETRY_AFTER.unavailable) }).end(echo);
      return;
    case "rate_limited":
      res.writeHead(429, { "retry-after": String(RETRY_AFTER.rate_limited) }).end(echo);
      return;
    case "rejected":
      res.writeHead(400, { "content-type": "text/plain" }).end(echo);
      return;
    case "gone":
      res.writeHead(410, { "content-type": "text/plain" }).end(`gone: ${echo}`);
      return;
    case "redirect":
      res.writeHead(307, { location: `${base}/redirect-target${req.path}` }).end();
      return;
    case "hang":
      return; // never answers; close() ends the socket
    default:
      res.writeHead(404).end(echo);
  }
}

// The address of the client on the other end of the request's connection, as the Node server gives
// it (behind a proxy, the proxy's; forwarded headers are not trusted). In-process requests (tests,
// app.request) have none and share one key.
import type { Context } from "hono";

export function clientAddress(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? "local";
}

// The one way HTTP channels send: a POST through undici with the SSRF guard on the socket's own
// lookup, no redirects followed (a redirect could send a signed body or a token elsewhere), a total
// timeout joined with the dispatcher's signal, and the status classified into a DeliveryError.
import type * as Undici from "undici";
import type { Agent, request } from "undici";
import { isPingoruError } from "../../lib/errors.ts";
import type { PingoruError } from "../../lib/errors.ts";
import { createGuardedLookup, ipLiteralHost, refuseAddress } from "../../lib/safe-url.ts";
import { parseRetryAfter } from "../../lib/http-client.ts";
import type { SendContext } from "../channel.ts";
import { deliveryError, redact, summarizeError } from "./delivery-errors.ts";
import type { ChannelLabel } from "./delivery-errors.ts";

// undici is loaded at the first post: reading the config or listing channels needs none of it.
let undici: Promise<typeof Undici> | undefined;
const loadUndici = () => (undici ??= import("undici"));

export const SEND_TIMEOUT_MS = 10_000;
const USER_AGENT = "Pingoru-Notify/0.1";
const EXCERPT_CHARS = 200;

export interface JsonPost {
  url: string;
  body: string;
  headers?: Record<string, string>;
}

export interface HttpSender {
  post(req: JsonPost, ctx: SendContext): Promise<{ status: number; body: string }>;
  /** Closes the connection pool once the posts under way are done; a post after it fails. */
  close(): Promise<void>;
}

export function createHttpSender(
  channel: ChannelLabel,
  options: { allowPrivateTargets: boolean; timeoutMs?: number },
): HttpSender {
  const timeoutMs = options.timeoutMs ?? SEND_TIMEOUT_MS;
  // Made at the first post: a channel built only to check its settings opens nothing.
  let agent: Agent | null = null;
  let closed = false;
  const pool = async () => {
    const { Agent } = await loadUndici();
    return (agent ??= new Agent({
      connect: { timeout: timeoutMs, lookup: createGuardedLookup(options.allowPrivateTargets) },
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    }));
  };
  return {
    post: async (req, ctx) => {
      if (closed) throw deliveryError(channel, "the channel was closed", { retryable: true });
      return postOnce(await pool(), channel, options.allowPrivateTargets, timeoutMs, req, ctx);
    },
    async close() {
      closed = true;
      await agent?.close();
    },
  };
}

async function postOnce(
  agent: Agent,
  channel: ChannelLabel,
  allowPrivateTargets: boolean,
  timeoutMs: number,
  req: JsonPost,
  ctx: SendContext,
): Promise<{ status: number; body: string }> {
  const url = new URL(req.url);
  const ip = ipLiteralHost(url); // IP literals never reach the guarded lookup
  const refusal = ip === null ? null : refuseAddress(ip, ip, allowPrivateTargets);
  if (refusal) throw deliveryError(channel, refusal.message, { retryable: false });
  const signal = AbortSignal.any([ctx.signal, AbortSignal.timeout(timeoutMs)]);
  const headers = { "content-type": "application/json", "user-agent": USER_AGENT, ...req.headers };
  let response: Awaited<ReturnType<typeof request>>;
  let body: string;
  try {
    const { request } = await loadUndici();
    response = await request(url, { dispatcher: agent, method: "POST", headers, body: req.body, signal });
    body = await readExcerpt(response.body);
  } catch (error) {
    throw transportError(channel, url, error, signal.aborted);
  }
  const status = response.statusCode;
  if (status >= 200 && status < 300) return { status, body };
  const retryAfter = response.headers["retry-after"];
  const retryAfterSeconds = parseRetryAfter(
    Array.isArray(retryAfter) ? retryAfter[0] : retryAfter,
    ctx.now().getTime(),
  );
  throw statusError(channel, url, status, retryAfterSeconds, body);
}

async function readExcerpt(stream: AsyncIterable<Buffer> & { destroy(): void }): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    chunks.push(chunk);
    size += chunk.length;
    if (size > 64 * 1024) {
      stream.destroy(); // a receiver's answer is a few bytes; do not buffer a flood
      break;
    }
  }
  return Buffer.concat(chunks).toString("utf8");
}

export function statusError(
  channel: ChannelLabel,
  url: URL,
  status: number,
  retryAfterSeconds: number | undefined,
  body: string,
) {
  // Redacted before it is cut, so a secret straddling the cut cannot leak its first half.
  const excerpt = redact(body.trim().replace(/\s+/g, " "), channel.secrets).slice(0, EXCERPT_CHARS);
  const said = excerpt ? `: ${excerpt}` : "";
  if (status >= 300 && status < 400)
    return deliveryError(channel, `HTTP ${status} from ${url.host}: redirects are not followed`, {
      retryable: false,
    });
  if (status === 410)
    return deliveryError(channel, `HTTP 410 from ${url.host}: the receiver says it is gone${said}`, {
      retryable: false,
      gone: true,
    });
  const retryable = status >= 500 || status === 429 || status === 408;
  return deliveryError(channel, `HTTP ${status} from ${url.host}${said}`, { retryable, retryAfterSeconds });
}

function transportError(channel: ChannelLabel, url: URL, error: unknown, aborted: boolean) {
  if (aborted) return deliveryError(channel, `timed out sending to ${url.host}`, { retryable: true });
  const own = findPingoruError(error);
  if (own?.kind === "blocked") return deliveryError(channel, own.message, { retryable: false });
  return deliveryError(channel, `network error sending to ${url.host}: ${summarizeError(error)}`, {
    retryable: true,
  });
}

function findPingoruError(error: unknown, depth = 0): PingoruError | undefined {
  if (isPingoruError(error)) return error;
  if (depth > 4 || !(error instanceof Error)) return undefined;
  const nested = error instanceof AggregateError ? [...error.errors, error.cause] : [error.cause];
  for (const inner of nested) {
    const found = findPingoruError(inner, depth + 1);
    if (found) return found;
  }
  return undefined;
}

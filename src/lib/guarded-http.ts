// The real HTTP client platforms fetch status pages with.
// Why undici's request and Client rather than fetch or node:http: a Client (one per origin,
// lib/origin-clients.ts) takes a connect timeout and a custom `lookup` for the socket it really
// dials (our SSRF guard, immune to DNS rebinding), and request() hands us the raw body stream, so
// we decompress and cap it ourselves (gzip bombs) and follow redirects by hand, vetting every hop.
import { request } from "undici";
import type { Dispatcher } from "undici";
import { createOriginClients, type OriginClients } from "./origin-clients.ts";
import { PingoruError, isPingoruError } from "./errors.ts";
import { hashBody } from "./hash.ts";
import { createBodyGate, type BodyGate } from "./body-gate.ts";
import { decodeBody, readBody } from "./http-body.ts";
import {
  assertSafeUrl,
  createGuardedLookup,
  ipLiteralHost,
  refuseAddress,
  type Resolver,
} from "./safe-url.ts";
import { parseRetryAfter } from "./http-client.ts";
import type {
  CachedResponse,
  ConditionalCache,
  GetOptions,
  HttpClient,
  HttpResponse,
} from "./http-client.ts";

export interface HttpClientOptions {
  allowPrivateTargets: boolean;
  connectTimeoutMs?: number;
  totalTimeoutMs?: number;
  maxBodyBytes?: number;
  maxRedirects?: number;
  userAgent?: string;
  /**
   * How long an idle connection is kept (at most: a server's own Keep-Alive hint wins when shorter).
   * The poller keeps it past its interval, so the next poll of a host reuses the connection instead
   * of dialling (and, over TLS, handshaking) again.
   */
  keepAliveMs?: number;
  /** Response bodies read at once past `largeBodyBytes` (the others wait their turn): see body-gate.ts. */
  largeBodySlots?: number;
  largeBodyBytes?: number;
  /** Resolves host names (default: the system's resolver, as getaddrinfo); every address is vetted. */
  resolve?: Resolver | undefined;
}

export const DEFAULT_USER_AGENT = "Pingoru/0.1 (+https://github.com/pingoru/pingoru)";
export const DEFAULT_ACCEPT =
  "application/json, application/xml, text/xml, application/rss+xml, application/atom+xml, text/html;q=0.8, */*;q=0.5";

type Settings = Required<Omit<HttpClientOptions, "resolve">> & { gate: BodyGate };
type Response = Dispatcher.ResponseData;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const TIMEOUT_CODES = new Set(["UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT"]);
// getaddrinfo's: no such name, no address for it, or the resolver failing (for now or for good).
const DNS_CODES = new Set(["ENOTFOUND", "ENODATA", "EAI_AGAIN", "EAI_FAIL", "EAI_NONAME", "EAI_NODATA"]);

// One connection per origin, as HTTP/1.1 asks of a polite client: a poll reads its page's documents
// one after another on it, and between polls an origin holds one idle socket at most. (It is also
// the cheapest shape in memory: undici gives a multi-connection origin a pool whose request queue
// alone preallocates 16 kB, 160 MB for 10,000 origins.) After this many requests the next one dials
// a new connection (lib/origin-clients.ts): a TCP (and TLS) handshake per host about every half hour
// at a 30 s interval.
const REQUESTS_PER_CONNECTION = 64;

/** The client plus close(), which ends its pooled keep-alive connections (for shutdown and tests). */
export type ClosableHttpClient = HttpClient & { close(): Promise<void> };

export function createHttpClient(options: HttpClientOptions): ClosableHttpClient {
  const given: Required<Omit<HttpClientOptions, "resolve">> = {
    connectTimeoutMs: 5000,
    totalTimeoutMs: 15_000,
    maxBodyBytes: 5 * 1024 * 1024,
    maxRedirects: 5,
    userAgent: DEFAULT_USER_AGENT,
    keepAliveMs: 5000,
    // 8 bodies of up to 5 MiB (with their copies and parses) stay well inside a small server's memory;
    // most pages' documents are far below 256 KiB and never wait.
    largeBodySlots: 8,
    largeBodyBytes: 256 * 1024,
    ...options,
  };
  const settings: Settings = { ...given, gate: createBodyGate(given.largeBodySlots, given.largeBodyBytes) };
  const clients = createOriginClients(
    {
      connect: {
        timeout: settings.connectTimeoutMs,
        lookup: createGuardedLookup(settings.allowPrivateTargets, options.resolve),
      },
      keepAliveTimeout: settings.keepAliveMs,
      keepAliveMaxTimeout: settings.keepAliveMs,
      // The total timeout below is the real limit; these only must not fire earlier than it.
      headersTimeout: settings.totalTimeoutMs,
      bodyTimeout: settings.totalTimeoutMs,
    },
    REQUESTS_PER_CONNECTION,
  );
  return {
    get: (url, getOptions = {}) => getWithDeadline(clients, settings, url, getOptions),
    close: () => clients.close(),
  };
}

async function getWithDeadline(clients: OriginClients, settings: Settings, url: string, options: GetOptions) {
  const start = assertSafeUrl(url);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), settings.totalTimeoutMs);
  const hop = { url: start.href };
  try {
    return await followRedirects(clients, settings, start, options, controller.signal, hop);
  } catch (error) {
    if (controller.signal.aborted) {
      clients.release(new URL(hop.url).origin); // a connection given up while being made
      const message = `timed out after ${settings.totalTimeoutMs} ms fetching ${hop.url}`;
      throw new PingoruError("timeout", message, { url: hop.url, cause: error });
    }
    throw toPingoruError(error, hop.url);
  } finally {
    clearTimeout(timer);
  }
}

async function followRedirects(
  clients: OriginClients,
  settings: Settings,
  start: URL,
  options: GetOptions,
  signal: AbortSignal,
  hop: { url: string },
): Promise<HttpResponse> {
  const cached = options.cache?.get(start.href);
  const headers = requestHeaders(settings, options, cached);
  const visited = new Set<string>();
  let current = start;
  for (let redirects = 0; ; redirects++) {
    hop.url = current.href;
    visited.add(current.href);
    refuseIpLiteral(current, settings.allowPrivateTargets);
    signal.throwIfAborted(); // before a client is made or taken for it
    const dispatcher = clients.for(current.origin);
    const response = await request(current, { dispatcher, method: "GET", headers, signal });
    if (!REDIRECT_STATUSES.has(response.statusCode)) {
      return await finish(response, current.href, start.href, settings, options, cached);
    }
    await response.body.dump();
    const next = redirectTarget(response, current);
    if (visited.has(next.href)) throw redirectError(`redirect loop at ${next.href}`, current.href);
    if (redirects >= settings.maxRedirects) {
      throw redirectError(`more than ${settings.maxRedirects} redirects from ${start.href}`, current.href);
    }
    current = next;
  }
}

function requestHeaders(settings: Settings, options: GetOptions, cached: CachedResponse | undefined) {
  const headers: Record<string, string> = {
    "user-agent": settings.userAgent,
    accept: options.accept ?? DEFAULT_ACCEPT,
    "accept-encoding": "gzip, deflate, br",
  };
  if (cached?.etag) headers["if-none-match"] = cached.etag;
  if (cached?.lastModified) headers["if-modified-since"] = cached.lastModified;
  return headers;
}

/** IP literals never reach the guarded DNS lookup, so they are vetted here. */
function refuseIpLiteral(url: URL, allowPrivateTargets: boolean): void {
  const ip = ipLiteralHost(url);
  const refusal = ip === null ? null : refuseAddress(ip, ip, allowPrivateTargets);
  if (refusal) throw withUrl(refusal, url.href);
}

function redirectTarget(response: Response, current: URL): URL {
  const location = headerValue(response.headers["location"]);
  if (!location) throw redirectError(`redirect ${response.statusCode} without a Location`, current.href);
  let next: URL;
  try {
    next = new URL(location, current);
  } catch {
    throw redirectError(`redirect to an invalid Location ${JSON.stringify(location)}`, current.href);
  }
  if (next.protocol !== "http:" && next.protocol !== "https:") {
    throw redirectError(`redirect to a non-http(s) URL ${next.href}`, current.href);
  }
  next.hash = "";
  return next;
}

async function finish(
  response: Response,
  url: string,
  cacheKey: string,
  settings: Pick<Settings, "maxBodyBytes" | "gate">,
  options: GetOptions,
  cached: CachedResponse | undefined,
): Promise<HttpResponse> {
  const headers = lowerCaseHeaders(response.headers);
  const status = response.statusCode;
  if (status === 304 && cached) {
    await response.body.dump();
    return {
      url,
      status,
      headers: { ...cached.headers, ...headers },
      body: cached.body ?? "",
      notModified: true,
    };
  }
  if (status < 200 || status > 299) {
    await response.body.dump();
    throw statusError(status, headers, url);
  }
  const bytes = await readBody(response.body, headers, settings.maxBodyBytes, url, settings.gate);
  return acceptBody({ url, status, headers, bytes }, options.cache, cacheKey);
}

/**
 * What the client does with a body it received: an identical one (by hash of the bytes, so it costs no
 * decoding) comes back as notModified with the cached text; a new one is decoded and remembered.
 */
export function acceptBody(
  received: { url: string; status: number; headers: Record<string, string>; bytes: Uint8Array },
  cache: ConditionalCache | undefined,
  cacheKey: string,
): HttpResponse {
  const { url, status, headers, bytes } = received;
  const cached = cache?.get(cacheKey);
  const bodyHash = hashBody(bytes);
  if (cached !== undefined && cached.bodyHash === bodyHash) {
    if (status === 200) cache?.set(cacheKey, { ...cached, ...validators(headers), headers });
    return { url, status, headers, body: cached.body ?? "", notModified: true };
  }
  const body = decodeBody(bytes, headers["content-type"]);
  if (status === 200) cache?.set(cacheKey, { ...validators(headers), bodyHash, body, headers });
  return { url, status, headers, body, notModified: false };
}

function validators(headers: Record<string, string>) {
  return { etag: headers["etag"] ?? null, lastModified: headers["last-modified"] ?? null };
}

function statusError(status: number, headers: Record<string, string>, url: string): PingoruError {
  const retryAfterSeconds = parseRetryAfter(headers["retry-after"], Date.now());
  return new PingoruError("http", `HTTP ${status} from ${url}`, { url, status, retryAfterSeconds });
}

function lowerCaseHeaders(raw: Response["headers"]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    const text = headerValue(value);
    if (text !== undefined) headers[name.toLowerCase()] = text;
  }
  return headers;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(", ") : value;
}

function redirectError(message: string, url: string): PingoruError {
  return new PingoruError("redirect", message, { url });
}

function withUrl(error: PingoruError, url: string): PingoruError {
  if (error.url !== undefined) return error;
  const { kind, message, status, retryable, retryAfterSeconds, cause } = error;
  return new PingoruError(kind, message, { url, status, retryable, retryAfterSeconds, cause });
}

/** Our own errors (possibly wrapped by undici or an AggregateError) pass through; the rest is network. */
function toPingoruError(error: unknown, url: string): PingoruError {
  const own = findOwnError(error);
  if (own) return withUrl(own, url);
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string" && TIMEOUT_CODES.has(code)) {
    return new PingoruError("timeout", `timed out connecting to or reading ${url}`, { url, cause: error });
  }
  if (typeof code === "string" && code.startsWith("Z_")) {
    return new PingoruError("parse", `could not decompress the body of ${url}`, { url, cause: error });
  }
  if (typeof code === "string" && DNS_CODES.has(code)) {
    const host = new URL(url).hostname;
    return new PingoruError("network", `cannot resolve ${host} (${code}) fetching ${url}`, {
      url,
      cause: error,
    });
  }
  const reason = typeof code === "string" ? code : error instanceof Error ? error.message : String(error);
  return new PingoruError("network", `network error fetching ${url}: ${reason}`, { url, cause: error });
}

function findOwnError(error: unknown, depth = 0): PingoruError | undefined {
  if (isPingoruError(error)) return error;
  if (depth > 4 || !(error instanceof Error)) return undefined;
  const nested = error instanceof AggregateError ? [...error.errors, error.cause] : [error.cause];
  for (const inner of nested) {
    const found = findOwnError(inner, depth + 1);
    if (found) return found;
  }
  return undefined;
}

// The HTTP client contract platforms use. The real one is platforms/http.ts; tests may inject another.

export interface HttpResponse {
  url: string; // final URL after redirects
  status: number;
  headers: Record<string, string>; // lower-case names
  body: string;
  /** True when the server answered 304 or sent the same bytes as last time (per the cache given). */
  notModified: boolean;
}

/**
 * Remembers validators (and the body's hash) per URL so a 304 or an identical body costs no parsing. A
 * cache may keep the body too; one that does not (the poller's: no payload is held between polls)
 * gets notModified responses with an empty body, and a read that needs it reads again without it.
 */
export interface ConditionalCache {
  get(url: string): CachedResponse | undefined;
  set(url: string, entry: CachedResponse): void;
}

export interface CachedResponse {
  etag: string | null;
  lastModified: string | null;
  bodyHash: string;
  body?: string;
  headers?: Record<string, string>;
}

export interface GetOptions {
  /** Accept header; default accepts JSON, XML and HTML. */
  accept?: string;
  cache?: ConditionalCache;
}

export interface HttpClient {
  /** GET the URL. Resolves for 2xx and 304; throws PingoruError for everything else. */
  get(url: string, options?: GetOptions): Promise<HttpResponse>;
}

/** Retry-After is delay-seconds or an HTTP date; returns whole seconds from now, never negative. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text);
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - nowMs) / 1000));
}

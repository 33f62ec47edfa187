// A fake HttpClient serving fuzzed bodies: text as is, or bytes decoded the way the real client
// decodes them (lib/http-body.ts: BOM, then the Content-Type charset, else UTF-8). Unknown URLs 404.
import { PingoruError } from "../../src/lib/errors.ts";
import { decodeBody } from "../../src/lib/http-body.ts";
import type { HttpClient } from "../../src/lib/http-client.ts";

/** A body as a server would send it: text (labelled by sniffing) or raw bytes with their own label. */
export type FuzzBody = string | { bytes: Uint8Array; contentType: string };

/** Labelled as a vendor would, like test/helpers/loopback-fixtures.ts, so content-type checks see ordinary values. */
export function sniffContentType(body: string): string {
  const head = body.trimStart();
  if (head.startsWith("{") || head.startsWith("[")) return "application/json";
  if (/^<(\?xml|rss|feed)/.test(head)) return "application/xml";
  return "text/html; charset=utf-8";
}

export function bodySize(body: FuzzBody): number {
  return typeof body === "string" ? Buffer.byteLength(body) : body.bytes.length;
}

/** The real client's cap (lib/guarded-http.ts, maxBodyBytes): a larger body is refused unread. */
const MAX_BODY_BYTES = 5 * 1_048_576;

export function fuzzHttp(bodies: Readonly<Record<string, FuzzBody>>): HttpClient {
  const table = new Map(Object.entries(bodies).map(([url, body]) => [new URL(url).href, body]));
  return {
    async get(url) {
      const body = table.get(new URL(url).href);
      if (body === undefined) {
        throw new PingoruError("http", `GET ${url} returned HTTP 404`, { url, status: 404 });
      }
      if (bodySize(body) > MAX_BODY_BYTES) {
        throw new PingoruError("too_large", `body of ${url} is over ${MAX_BODY_BYTES} bytes`, { url });
      }
      const contentType = typeof body === "string" ? sniffContentType(body) : body.contentType;
      const text = typeof body === "string" ? body : decodeBody(body.bytes, body.contentType);
      return { url, status: 200, headers: { "content-type": contentType }, body: text, notModified: false };
    },
  };
}

// The absolute base URL that links in feeds and the compat API start from.
import type { Context } from "hono";

/** PINGORU_PUBLIC_URL when set (behind a proxy the request's own origin is not what users see), else the request's origin. */
export function publicBase(c: Context, publicUrl: string | null | undefined): string {
  if (publicUrl) return publicUrl.replace(/\/+$/, "");
  return new URL(c.req.url).origin;
}

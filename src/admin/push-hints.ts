// Push hints (issue 14): a status page that can call a webhook when it changes (Statuspage's webhook
// subscription, incident.io's and Instatus's webhooks, a forwarded email) posts to
// /hooks/vendors/:slug/:token. A hint is never data: its body is not read, let alone stored, and it
// only makes the vendor due now (store.hintVendor), so that a poll decides what happened. A forged or
// replayed hint can therefore change nothing but the time of one poll, and that is rate-limited.
import { Hono, type Context } from "hono";
import { clientAddress } from "../lib/client-address.ts";
import { createFailureLimiter } from "../lib/failure-limiter.ts";
import type { HintStore } from "../store/store.ts";

/** One accepted hint per vendor per this long; more get 429 (a vendor's own retries, or a flood). */
export const HINT_GAP_MS = 10_000;
/** Bodies are never read; one that says it is larger than this is refused outright. */
export const HINT_BODY_LIMIT_BYTES = 64 * 1024;
/** Wrong slug or token: at most this many a minute from one address, then 429. */
const WRONG_HINTS = { max: 20, windowMs: 60_000 };

export interface PushHintDeps {
  store: Pick<HintStore, "hintVendor">;
  now: () => Date;
  /** The vendor is due now: look for due vendors at once rather than at the next tick. */
  onHint: () => void;
}

export function createPushHints(deps: PushHintDeps): Hono {
  const perVendor = createFailureLimiter({ max: 1, windowMs: HINT_GAP_MS });
  const wrong = createFailureLimiter(WRONG_HINTS);
  const app = new Hono();
  app.post("/vendors/:slug/:token", async (c) => {
    const nowMs = deps.now().getTime();
    const declared = Number(c.req.header("content-length") ?? 0);
    if (declared > HINT_BODY_LIMIT_BYTES) return c.json({ error: "hint body too large" }, 413);
    const address = clientAddress(c);
    const banned = wrong.retryAfter(address, nowMs);
    if (banned > 0) return tooMany(c, banned, "too many wrong hint URLs from your address");
    const slug = c.req.param("slug");
    const wait = perVendor.retryAfter(slug, nowMs);
    if (wait > 0) return tooMany(c, wait, "a hint for this vendor was taken moments ago");
    if (!(await deps.store.hintVendor(slug, c.req.param("token"), deps.now().toISOString()))) {
      wrong.fail(address, nowMs);
      return c.json({ error: "no such hint URL" }, 404);
    }
    perVendor.fail(slug, nowMs); // counts the accepted hint: the next waits out the gap
    deps.onHint();
    return c.json({ accepted: true, vendor: slug }, 202);
  });
  return app;
}

function tooMany(c: Context, seconds: number, error: string) {
  return c.json({ error }, 429, { "retry-after": String(seconds) });
}

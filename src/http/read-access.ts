// Optional read access control (PINGORU_READ_TOKEN): a team's vendor list can be sensitive. With the
// token set, every page, the JSON API, feeds, badges and /metrics need one of:
// - `Authorization: Bearer <token>` (scripts, Prometheus);
// - the signed session cookie that /signin sets (browsers; 12 hours);
// - `?token=<token>` in the URL (feed readers, calendar subscriptions and badge embeds, which can send neither).
// What stays open: /healthz, the stylesheet, scripts and icon, /signin, push hints (their URL holds a
// secret of its own), and the admin routes (which
// have their own token). A browser asking for a page is sent to /signin and back; anything else
// gets 401. Failed sign-ins count against the address as the admin's do.
import type { Context, Hono, Next } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { createHash, timingSafeEqual } from "node:crypto";
import { clientAddress } from "../lib/client-address.ts";
import { createFailureLimiter } from "../lib/failure-limiter.ts";
import { signedSessions, SESSION_SECONDS } from "../lib/signed-session.ts";
import { signInPage } from "./ui/sign-in-page.ts";

const COOKIE = "pingoru_read";
const OPEN =
  /^\/(?:healthz|style\.css|local-time\.js|live\.js|favicon\.(?:svg|ico)|signin)$|^\/(?:admin|api\/v1\/admin|hooks)(?:\/|$)/;

export function guardReads(app: Hono, token: string, now: () => Date, publicUrl: string | null): void {
  const sessions = signedSessions(token, "read");
  const expected = digest(token);
  const matches = (given: string | undefined) =>
    given !== undefined && timingSafeEqual(digest(given), expected);
  const failures = createFailureLimiter({ max: 10, windowMs: 60_000 });

  app.get("/signin", (c) => c.html(signInPage(null, safeNext(c.req.query("next")))));
  app.post("/signin", async (c) => {
    const address = clientAddress(c);
    const form = await c.req.parseBody();
    const next = safeNext(typeof form.next === "string" ? form.next : undefined);
    const wait = failures.retryAfter(address, now().getTime());
    if (wait > 0)
      return c.html(signInPage(`Too many failed sign-ins: try again in ${wait} s.`, next), 429, {
        "retry-after": String(wait),
      });
    if (!matches(typeof form.token === "string" ? form.token : undefined)) {
      failures.fail(address, now().getTime());
      return c.html(signInPage("That is not the read token.", next), 401);
    }
    setCookie(c, COOKIE, sessions.issue(now()), {
      path: "/",
      httpOnly: true,
      sameSite: "Lax", // a link from a chat message or an email opens the page signed in
      secure: new URL(c.req.url).protocol === "https:" || (publicUrl ?? "").startsWith("https:"),
      maxAge: SESSION_SECONDS,
    });
    return c.redirect(next, 303);
  });
  app.use(async (c: Context, next: Next) => {
    if (OPEN.test(c.req.path)) return next();
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header("authorization") ?? "")?.[1];
    if (matches(bearer) || matches(c.req.query("token")) || sessions.valid(getCookie(c, COOKIE), now()))
      return next();
    if (c.req.method === "GET" && (c.req.header("accept") ?? "").includes("text/html"))
      return c.redirect(`/signin?next=${encodeURIComponent(c.req.path + querySuffix(c))}`, 303);
    return c.json({ error: "a read token is needed: Authorization: Bearer <token>, or ?token=" }, 401, {
      "www-authenticate": 'Bearer realm="pingoru"',
    });
  });
}

/** Only a path on this site: never another host ("//evil.example", "https://…"). */
function safeNext(next: string | undefined): string {
  return next !== undefined && /^\/(?![/\\])/.test(next) ? next : "/";
}

function querySuffix(c: Context): string {
  const query = new URL(c.req.url).search;
  return query.replace(/([?&])token=[^&]*&?/, "$1").replace(/[?&]$/, "");
}

const digest = (text: string) => createHash("sha256").update(text).digest();

// PINGORU_READ_TOKEN: with it, nothing of the record is readable without the token — by bearer, by
// the cookie /signin sets, or by ?token= for feeds and badges; assets, /healthz and admin stay as
// they were. Without it, everything is public as before.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../store/open-store.ts";
import type { Store } from "../store/store.ts";
import { createApp } from "./app.ts";

let store: Store;
const NOW = new Date("2026-08-01T00:00:00.000Z");
beforeAll(async () => {
  store = await openStore(":memory:");
  await store.addVendor(
    { slug: "acme", name: "Acme", url: "https://status.acme.example", platform: "feed" },
    NOW.toISOString(),
  );
});
afterAll(() => store.close());

const app = (readToken: string | null) =>
  createApp({ store, now: () => NOW, pollIntervalSeconds: 60, readToken });
const HTML = { accept: "text/html,application/xhtml+xml" };
const RECORD = [
  "/",
  "/vendors/acme",
  "/api/v1/vendors",
  "/feed.atom",
  "/calendar.ics",
  "/vendors/acme/badge.svg",
  "/metrics",
  "/api/v1/openapi.json",
];

describe("read token", () => {
  it("without one, the record is public", async () => {
    for (const path of RECORD) expect((await app(null).request(path)).status, path).toBe(200);
  });

  it("with one, refuses every read without it: a page sends the browser to sign in, the rest get 401", async () => {
    const guarded = app("read-secret");
    for (const path of RECORD) {
      const res = await guarded.request(path);
      expect(res.status, path).toBe(401);
      expect(res.headers.get("www-authenticate"), path).toBe('Bearer realm="pingoru"');
      expect(await res.text(), path).not.toContain("Acme");
    }
    const page = await guarded.request("/vendors/acme?days=30&token=wrong", { headers: HTML });
    expect(page.status).toBe(303);
    expect(page.headers.get("location")).toBe(`/signin?next=${encodeURIComponent("/vendors/acme?days=30")}`);
    for (const path of ["/healthz", "/style.css", "/live.js", "/favicon.svg", "/signin"])
      expect((await guarded.request(path)).status, path).toBe(200);
    // The admin routes answer for themselves (with their own token); here none are mounted.
    expect((await guarded.request("/admin/login")).status).toBe(404);
  });

  it("lets in a bearer token, ?token= and the signed-in cookie, and signs in back to the page asked for", async () => {
    const guarded = app("read-secret");
    const bearer = { authorization: "Bearer read-secret" };
    for (const path of RECORD)
      expect((await guarded.request(path, { headers: bearer })).status, path).toBe(200);
    expect((await guarded.request("/feed.atom?token=read-secret")).status).toBe(200);
    expect((await guarded.request("/feed.atom?token=read-secre")).status).toBe(401);

    const signIn = (token: string, next: string) =>
      guarded.request("/signin", { method: "POST", body: new URLSearchParams({ token, next }) });
    const wrong = await signIn("nope", "/vendors/acme");
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("set-cookie")).toBeNull();
    const ok = await signIn("read-secret", "/vendors/acme");
    expect(ok.status).toBe(303);
    expect(ok.headers.get("location")).toBe("/vendors/acme");
    const cookie = ok.headers.get("set-cookie")!.split(";")[0]!;
    expect(cookie).not.toContain("read-secret");
    const page = await guarded.request("/vendors/acme", { headers: { ...HTML, cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Acme");
    // Back only to a path on this site.
    expect((await signIn("read-secret", "//evil.example/x")).headers.get("location")).toBe("/");
    expect((await signIn("read-secret", "https://evil.example/")).headers.get("location")).toBe("/");
    // A session for another token (or an admin session) is not a read session.
    expect((await app("other").request("/vendors/acme", { headers: { ...HTML, cookie } })).status).toBe(303);
  });
});

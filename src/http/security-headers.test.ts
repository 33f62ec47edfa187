// Every kind of response carries the security headers: pages, the API, feeds, assets, errors.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../store/open-store.ts";
import type { Store } from "../store/store.ts";
import { createApp } from "./app.ts";

let store: Store;
beforeAll(async () => {
  store = await openStore(":memory:");
  await store.addVendor(
    { slug: "acme", name: "Acme", url: "https://status.acme.example", platform: "feed" },
    "2026-08-01T00:00:00.000Z",
  );
});
afterAll(() => store.close());

describe("security headers", () => {
  it("are on pages, the API, feeds, badges, scripts and errors alike", async () => {
    const app = createApp({ store, now: () => new Date("2026-08-01T00:00:00Z"), pollIntervalSeconds: 60 });
    for (const path of [
      "/",
      "/vendors/acme",
      "/api/v1/vendors",
      "/feed.atom",
      "/calendar.ics",
      "/vendors/acme/badge.svg",
      "/live.js",
      "/nowhere",
      "/api/v1/nowhere",
    ]) {
      const res = await app.request(path);
      expect(res.status, path).toBeLessThan(path.includes("nowhere") ? 500 : 400);
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp, path).toContain("default-src 'none'");
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(res.headers.get("referrer-policy"), path).toBe("same-origin");
      expect(res.headers.get("x-frame-options"), path).toBe("DENY");
      expect(res.headers.get("cross-origin-resource-policy"), path).toBe("cross-origin");
    }
  });
});

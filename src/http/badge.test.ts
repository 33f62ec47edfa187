import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../store/open-store.ts";
import type { Store } from "../store/store.ts";
import { createApp } from "./app.ts";
import { BADGE_COLOURS, renderBadge } from "./badge.ts";
import { NOW, seedRecord } from "../../test/helpers/seed-record.ts";

let store: Store;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  store = await openStore(":memory:");
  await seedRecord(store);
  app = createApp({ store, now: () => NOW, pollIntervalSeconds: 60 });
});
afterAll(() => store.close());

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" });

async function badge(slug: string, status = 200) {
  const res = await app.request(`/vendors/${slug}/badge.svg`);
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toBe("image/svg+xml; charset=utf-8");
  expect(res.headers.get("cache-control")).toBe("public, max-age=30");
  const text = await res.text();
  expect(XMLValidator.validate(text)).toBe(true);
  return { text, svg: parser.parse(text).svg };
}

describe("GET /vendors/:slug/badge.svg", () => {
  it.each([
    ["acme", "Acme: degraded", BADGE_COLOURS.degraded_performance],
    ["quiet", "Quiet Co: major outage (stale)", BADGE_COLOURS.major_outage],
  ])("%s: an accessible badge with the roll-up status and its colour", async (slug, title, colour) => {
    const { svg } = await badge(slug);
    expect(svg.role).toBe("img");
    expect(svg["aria-label"]).toBe(title);
    expect(svg.title).toBe(title);
    const rects = svg.g[0].rect;
    expect(rects[1].fill).toBe(colour);
    // Both halves fill the badge exactly.
    expect(Number(rects[0].width) + Number(rects[1].width)).toBe(Number(svg.width));
  });

  it("answers an unknown vendor with a grey 404 badge", async () => {
    const { svg } = await badge("nobody", 404);
    expect(svg.title).toBe("pingoru: unknown vendor");
  });
});

describe("renderBadge", () => {
  it("escapes the vendor's name and widens with the text", () => {
    const text = renderBadge(`A&B <"x">`, "operational", "#000");
    expect(XMLValidator.validate(text)).toBe(true);
    expect(text).toContain("<title>A&amp;B &lt;&quot;x&quot;&gt;: operational</title>");
    expect(parser.parse(text).svg.title).toBe(`A&B <"x">: operational`);
    const width = (label: string) => Number(parser.parse(renderBadge(label, "ok", "#000")).svg.width);
    expect(width("A much longer vendor name")).toBeGreaterThan(width("Short") + 80);
  });
});

import { describe, expect, it } from "vitest";
import { localFixture, sharedFixture } from "../../test/helpers/fixture-http.ts";
import { startFakeVendor } from "../../test/helpers/fake-vendor.ts";
import { createHttpClient } from "../lib/guarded-http.ts";
import { incidentio } from "./incidentio.ts";
import { pageComponentGroups } from "./incidentio-groups.ts";

const PAGE = localFixture("incidentio/openai-page.documented-format.html");
const HEALTHY = sharedFixture("incidentio/openai-api-v2-summary-healthy.json");
const API_LOGIN = "01JSM5RTJWHRWDTS6Q604VEW3B";
const CHATGPT_LOGIN = "01JMXBNJXG1S2D9V65P1ZZTD94";

const nextData = (value: unknown) =>
  `<html><body><script id="__NEXT_DATA__" type="application/json">${JSON.stringify(value)}</script></body></html>`;

describe("incident.io page component groups", () => {
  it("maps component ids to their group's name; top-level components have none", () => {
    const groups = pageComponentGroups(PAGE)!;
    expect(groups.get(API_LOGIN)).toBe("APIs");
    expect(groups.get(CHATGPT_LOGIN)).toBe("ChatGPT");
    expect(groups.get("01KMKFAMWKNQ84Z1766MV08ZDE")).toBe("Codex");
    expect(groups.has("01KKAD7C71MCCH3FTREMJH4AAS")).toBe(false); // FedRAMP stands alone
  });

  it.each([
    ["no __NEXT_DATA__ script", "<html><body>incident.io</body></html>"],
    ["a script that is not JSON", '<script id="__NEXT_DATA__">{"props":</script>'],
    ["JSON without a structure", nextData({ props: { pageProps: { summary: { name: "x" } } } })],
    ["a structure of the wrong shape", nextData({ summary: { structure: { items: "none" } } })],
  ])("%s → null", (_name, html) => {
    expect(pageComponentGroups(html)).toBeNull();
  });
});

describe("incident.io read with the page's groups", () => {
  async function readFrom(routes: Record<string, string>) {
    const vendor = await startFakeVendor(routes);
    const http = createHttpClient({ allowPrivateTargets: true });
    try {
      const result = await incidentio.read({ url: vendor.url, feedUrl: null }, { http });
      if (result.unchanged) throw new Error("expected a snapshot");
      return result.snapshot;
    } finally {
      await http.close();
      await vendor.close();
    }
  }

  it("sets each component's group by id, so the two 'Login' components differ", async () => {
    const snapshot = await readFrom({ "/api/v2/summary.json": HEALTHY, "/": PAGE });
    const group = (id: string) => snapshot.components.find((c) => c.id === id)?.group;
    expect(group(API_LOGIN)).toBe("APIs");
    expect(group(CHATGPT_LOGIN)).toBe("ChatGPT");
    expect(group("01KKAD7C71MCCH3FTREMJH4AAS")).toBeNull();
  });

  it("without the page's data (404), every group stays null", async () => {
    const snapshot = await readFrom({ "/api/v2/summary.json": HEALTHY });
    expect(snapshot.components.length).toBeGreaterThan(20);
    expect(snapshot.components.every((c) => c.group === null)).toBe(true);
  });
});

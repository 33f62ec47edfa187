// `pingoru serve` with config vendors whose pages hold every request: it listens at once, shows them
// as "detecting" while their platform is found in the background, stores what it found, and a
// restart detects nothing again. Real processes, real SQLite file, loopback pages that hang on cue.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { IncomingMessage, ServerResponse } from "node:http";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../helpers/http-test-server.ts";
import { sharedFixture } from "../helpers/fixture-http.ts";
import { killAllCli, startCli, waitFor } from "../helpers/run-cli.ts";

const PAGES: Record<string, string> = {
  "/api/v2/summary.json": sharedFixture("statuspage/github-summary.json"),
  "/api/v2/incidents.json": sharedFixture("statuspage/github-incidents.json"),
};

/** A status page that holds every request until released (a page that trickles, at its worst). */
interface GatedPage extends TestServer {
  held(): number;
  release(): void;
  hold(): void;
}

async function startGatedPage(): Promise<GatedPage> {
  let open = false;
  const waiting: (() => void)[] = [];
  const answer = (req: IncomingMessage, res: ServerResponse) => {
    const body = PAGES[new URL(req.url ?? "/", "http://x").pathname];
    if (body === undefined) return void res.writeHead(404).end("not found");
    res.writeHead(200, { "content-type": "application/json" }).end(body);
  };
  const server = await startTestServer((req, res) => {
    if (open) return answer(req, res);
    waiting.push(() => answer(req, res));
  });
  return {
    ...server,
    held: () => waiting.length,
    release() {
      open = true;
      for (const go of waiting.splice(0)) go();
    },
    hold() {
      open = false;
    },
  };
}

let dir: string;
let pages: GatedPage[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "pingoru-detect-"));
  pages = [await startGatedPage(), await startGatedPage()];
  writeFileSync(
    join(dir, "pingoru.yaml"),
    ["vendors:", ...pages.flatMap((p, i) => [`  - url: ${p.url}`, `    slug: gated-${i}`]), ""].join("\n"),
  );
});
afterEach(killAllCli);
afterAll(async () => {
  for (const page of pages) await page.close();
  rmSync(dir, { recursive: true, force: true });
});

async function startServe() {
  const serve = startCli(
    ["serve", "--port", "0", "--db", join(dir, "p.db"), "--config", join(dir, "pingoru.yaml")],
    { env: { PINGORU_ALLOW_PRIVATE_TARGETS: "1" } },
  );
  const url = await waitFor("serve to listen", () => {
    if (serve.child.exitCode !== null) throw new Error(`serve exited: ${serve.stderr()}`);
    const line = serve
      .stderr()
      .split("\n")
      .find((l) => l.includes('"msg":"pingoru serving"'));
    return line === undefined ? undefined : (JSON.parse(line) as { url: string }).url;
  });
  return { serve, url };
}

const vendorsOf = async (url: string) =>
  (await (await fetch(`${url}/api/v1/vendors`)).json()) as { slug: string; platform: string }[];

describe("serve and config vendors that need detecting", () => {
  it("listens at once, shows them as detecting, stores the platform, and a restart detects nothing", async () => {
    const { serve, url } = await startServe();
    // Both pages are holding detection requests: serve answers meanwhile.
    await waitFor("detection to reach both pages", () => pages.every((p) => p.held() > 0));
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const dashboard = await (await fetch(url)).text();
    for (const slug of ["gated-0", "gated-1"]) expect(dashboard).toContain(`data-pending="${slug}"`);
    expect(dashboard).toContain("detecting");
    expect(await vendorsOf(url)).toEqual([]);

    for (const page of pages) page.release();
    const added = await waitFor("both vendors to be added", async () => {
      const vendors = await vendorsOf(url);
      return vendors.length === 2 && vendors;
    });
    expect(added.map((v) => [v.slug, v.platform]).sort()).toEqual([
      ["gated-0", "statuspage"],
      ["gated-1", "statuspage"],
    ]);
    expect(await (await fetch(url)).text()).not.toContain("data-pending=");
    serve.child.kill("SIGTERM");
    await serve.exited;

    // Restart with the pages hanging again: nothing waits for them, nothing is detected again.
    for (const page of pages) page.hold();
    const before = pages.map((p) => p.requests.length);
    const again = await startServe();
    expect((await vendorsOf(again.url)).map((v) => [v.slug, v.platform]).sort()).toEqual([
      ["gated-0", "statuspage"],
      ["gated-1", "statuspage"],
    ]);
    expect(await (await fetch(again.url)).text()).not.toContain("data-pending=");
    // The config sync of the stored vendors finishes while their pages still hang: no request needed.
    await waitFor("the config vendors to be synced without their pages", () =>
      ["gated-0", "gated-1"].every((slug) =>
        again.serve.stderr().includes(`"vendor":"${slug}","msg":"vendor from config"`),
      ),
    );
    // Whatever reached the pages since is a poll of the stored platform, never a detection probe.
    for (const [i, page] of pages.entries())
      for (const req of page.requests.slice(before[i]))
        expect(Object.keys(PAGES)).toContain(new URL(req.url ?? "/", "http://x").pathname);
  }, 60_000);
});

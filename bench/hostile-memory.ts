// Peak RSS of a real `pingoru serve` polling vendors whose bodies sit just under the 5 MiB cap and
// used to amplify inside the parsers (issue 15, item 4): feeds of `&#65;` references, feeds of one
// long text, feeds nested a million deep, and Statuspage JSON of nested "[". Every vendor fails its
// polls (a typed parse error each time); what is measured is serve's peak RSS (VmHWM) meanwhile.
//
//   npx node bench/hostile-memory.ts [--per-kind 8] [--seconds 60] [--interval 2]
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { launchOf } from "./fleet/processes.ts";

const { values } = parseArgs({
  options: {
    "per-kind": { type: "string", default: "8" },
    seconds: { type: "string", default: "60" },
    interval: { type: "string", default: "2" },
  },
});
const perKind = Number(values["per-kind"]);
const seconds = Number(values.seconds);
const SIZE = 4_500_000;

const rss = (inner: string) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>Hostile</title>${inner}</channel></rss>`;
const item = (description: string) =>
  `<item><title>x</title><guid>g</guid><pubDate>Mon, 01 Jan 2024 00:00:00 GMT</pubDate>` +
  `<description>${description}</description></item>`;
const BODIES: Record<string, { platform: string; type: string; body: string }> = {
  references: { platform: "feed", type: "application/rss+xml", body: rss(item("&#65;".repeat(SIZE / 5))) },
  "long-text": { platform: "feed", type: "application/rss+xml", body: rss(item("A".repeat(SIZE))) },
  "nested-xml": { platform: "feed", type: "application/rss+xml", body: rss("<a>".repeat(SIZE / 3)) },
  "nested-json": { platform: "statuspage", type: "application/json", body: "[".repeat(4_000_000) },
};

const origin = createServer((req, res) => {
  const kind = /^\/(\w[\w-]*)\//.exec(req.url ?? "")?.[1] ?? "";
  const hostile = BODIES[kind];
  if (!hostile) return void res.writeHead(404).end();
  res.writeHead(200, { "content-type": hostile.type }).end(hostile.body);
});
await new Promise<void>((resolve) => origin.listen(0, "127.0.0.1", resolve));
const base = `http://127.0.0.1:${(origin.address() as AddressInfo).port}`;

const dir = mkdtempSync(join(tmpdir(), "pingoru-hostile-"));
const vendors = Object.entries(BODIES).flatMap(([kind, { platform }]) =>
  Array.from({ length: perKind }, (_, n) => {
    const url = platform === "feed" ? `${base}/${kind}/${n}/feed.rss` : `${base}/${kind}/${n}`;
    return `  - { url: "${url}", slug: ${kind}-${n}, platform: ${platform}, interval: ${values.interval} }`;
  }),
);
writeFileSync(join(dir, "pingoru.yaml"), `vendors:\n${vendors.join("\n")}\n`);

// With the V8 flags and allocator settings of the `pingoru` command's shebang line, as users run it.
const launch = launchOf("src/cli/pingoru.js");
const serve = spawn(
  process.execPath,
  [
    ...launch.flags,
    "src/cli/pingoru.js",
    "serve",
    "--port",
    "0",
    "--db",
    join(dir, "p.db"),
    "--config",
    join(dir, "pingoru.yaml"),
  ],
  {
    env: { ...process.env, ...launch.env, PINGORU_ALLOW_PRIVATE_TARGETS: "1", PINGORU_LOG_LEVEL: "error" },
    stdio: "inherit",
  },
);
const status = (field: string) => {
  const text = readFileSync(`/proc/${serve.pid}/status`, "utf8");
  return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(text)?.[1] ?? 0) / 1024;
};

await new Promise((resolve) => setTimeout(resolve, 3000));
const idle = status("VmRSS");
const started = Date.now();
while (Date.now() - started < seconds * 1000) await new Promise((resolve) => setTimeout(resolve, 1000));
const peak = status("VmHWM");
serve.kill("SIGTERM");
await new Promise((resolve) => serve.once("exit", resolve));
origin.close();
rmSync(dir, { recursive: true, force: true });
console.log(
  JSON.stringify({
    vendors: perKind * Object.keys(BODIES).length,
    kinds: Object.keys(BODIES),
    seconds,
    rssAfterStartMiB: Math.round(idle),
    peakRssMiB: Math.round(peak),
  }),
);

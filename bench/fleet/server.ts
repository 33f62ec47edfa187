// The simulated fleet for bench/fleet.ts: N Atlassian Statuspage vendors on a loopback HTTP server,
// vendor i under /v/<i> (GET /v/<i>/api/v2/{summary,incidents,scheduled-maintenances}.json), with strong
// ETags (If-None-Match → 304), a random latency per response and random activity: on average one change
// per vendor every --change-every seconds (a Poisson process over the fleet, drawn every 100 ms).
// Run as its own process so its CPU is not counted as the poller's:
//   node bench/fleet/server.ts --vendors N [--latency 50-300] [--change-every 200] [--keep-alive 65]
//                              [--shard k --shards P]
// With --shards P, this process serves only the vendors i with i mod P = k (their activity included), so
// P processes share a fleet whose connections would pass one process's open-file limit.
// Prints its port once listening. Bench endpoints:
//   GET /changes?since=<n>  changes from the n-th on: {next, changes: [{vendor, incidentId, updateId, status, at}]}
//   GET /requests           summary.json request times (epoch ms) per vendor, raw-loop requests excluded
//                           (they carry x-fleet-raw: 1), and the connections Pingoru opened (those whose
//                           first request was not the raw loop's):
//                           {byVendor: number[][], raw: {requests, ok, notModified}, connections}
import { vendorUrl } from "./origins.ts";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { changeVendor, createVendor, type Change } from "./fleet-vendor.ts";
import { DOCUMENTS, etagOf, renderDocument, type DocumentName } from "./statuspage-json.ts";

const { values } = parseArgs({
  options: {
    vendors: { type: "string", default: "100" },
    latency: { type: "string", default: "50-300" },
    "change-every": { type: "string", default: "200" },
    "keep-alive": { type: "string", default: "65" },
    shard: { type: "string", default: "0" },
    shards: { type: "string", default: "1" },
  },
});
const vendorCount = Number(values.vendors);
const [shard, shards] = [Number(values.shard), Number(values.shards)];
const [latencyMin = 50, latencyMax = latencyMin] = values.latency.split("-").map(Number);
const changeEvery = Number(values["change-every"]);

const started = new Date().toISOString();
const vendors = Array.from({ length: vendorCount }, (_, i) =>
  i % shards === shard ? createVendor(i, started) : undefined,
);
const own = vendors.filter((vendor) => vendor !== undefined);
const changes: Change[] = [];
const summaryRequests: number[][] = vendors.map(() => []);
const raw = { requests: 0, ok: 0, notModified: 0 };
const counted = new WeakSet<object>(); // sockets counted as Pingoru's connections, or as the raw loop's
let connections = 0;
let fleetPort = 0;

/** Poisson arrivals at rate N / changeEvery per second, drawn per 100 ms tick (Knuth; normal for big λ). */
function arrivals(lambda: number): number {
  if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * gaussian()));
  let k = 0;
  for (let p = Math.random(), limit = Math.exp(-lambda); p > limit; p *= Math.random()) k++;
  return k;
}
const gaussian = () => Math.sqrt(-2 * Math.log(1 - Math.random())) * Math.cos(2 * Math.PI * Math.random());

const activity = setInterval(() => {
  const count = arrivals((own.length / changeEvery) * 0.1);
  for (let n = 0; n < count; n++) {
    const vendor = own[Math.floor(Math.random() * own.length)]!;
    changes.push(changeVendor(vendor, new Date().toISOString(), Math.random));
  }
}, 100);

const PATH = /^\/v\/(\d+)\/api\/v2\/([a-z-]+\.json)$/;

function answer(req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? "/", "http://fleet");
  if (url.pathname === "/changes") {
    const since = Number(url.searchParams.get("since") ?? 0);
    return json(res, { next: changes.length, changes: changes.slice(since) });
  }
  if (url.pathname === "/requests") return json(res, { byVendor: summaryRequests, raw, connections });
  const match = PATH.exec(url.pathname);
  const vendor = match ? vendors[Number(match[1])] : undefined;
  const doc = match?.[2] as DocumentName | undefined;
  if (!vendor || !doc || !DOCUMENTS.includes(doc)) {
    res.writeHead(404, { "content-type": "application/json" }).end('{"error":"not found"}');
    return;
  }
  const isRaw = req.headers["x-fleet-raw"] === "1";
  if (!counted.has(req.socket)) {
    counted.add(req.socket);
    if (!isRaw) connections++;
  }
  if (isRaw) raw.requests++;
  else if (doc === "summary.json") summaryRequests[vendor.index]!.push(Date.now());
  const delay = latencyMin + Math.random() * (latencyMax - latencyMin);
  setTimeout(() => {
    // The document as it is when the response leaves, as a slow real server would send it.
    const etag = etagOf(vendor, doc);
    const headers = { etag, "cache-control": "max-age=0, private, must-revalidate" };
    if (req.headers["if-none-match"] === etag) {
      if (isRaw) raw.notModified++;
      res.writeHead(304, headers).end();
      return;
    }
    if (isRaw) raw.ok++;
    const body = renderDocument(vendor, doc, vendorUrl(vendor.index, fleetPort));
    res.writeHead(200, { ...headers, "content-type": "application/json; charset=utf-8" }).end(body);
  }, delay);
}

function json(res: ServerResponse, value: unknown): void {
  res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(value));
}

// Keep-alive connections outlive a 30 s poll interval by default (Node's default is 5 s). This process
// stands for its vendors' servers, within one process's open-file limit: a fleet polled by several
// workers, each holding its own connection to every vendor, needs several processes (--shards).
const server = createServer(answer);
server.keepAliveTimeout = Number(values["keep-alive"]) * 1000;
server.headersTimeout = server.keepAliveTimeout + 5000;
server.requestTimeout = 0;
// Every address, so each vendor's own loopback address (origins.ts) reaches it; only loopback is used.
server.listen(0, "0.0.0.0", () => {
  const { port } = server.address() as AddressInfo;
  fleetPort = port;
  console.log(port);
});

const stop = () => {
  clearInterval(activity);
  server.closeAllConnections();
  server.close(() => process.exit(0));
};
process.once("SIGTERM", stop);
process.once("SIGINT", stop);

// The simulated day's fleet, in a process of its own so that the day's RSS and heap are Pingoru's
// alone: the fleet's history (its vendors fill their 20-incident pages during the day) would otherwise
// grow the measured process. Started by bench/simulated-day.ts with fork(); it serves
// /v/<i>/api/v2/<document> on loopback with strong ETags and 304s, as Statuspage answers, and moves its
// vendors' stories on when the parent's clock steps:
//   parent → {step: nowMs}       child → {stepped: nowMs}
//   parent → {finish: true}      child → {scripted: incidents opened this run}, then exits
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { changeVendor, createVendor } from "./fleet-vendor.ts";
import { DOCUMENTS, etagOf, renderDocument, type DocumentName } from "./statuspage-json.ts";

if (process.send === undefined) throw new Error("day-fleet.ts runs as a child of bench/simulated-day.ts");
const [vendors = 0, changeEverySeconds = 0, stepSeconds = 0, startMs = 0, seedArg = 0] = process.argv
  .slice(2)
  .map(Number);
const send = process.send.bind(process);

// A seeded random (mulberry32), so that a day can be repeated.
let seed = seedArg >>> 0;
const random = () => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const fleet = Array.from({ length: vendors }, (_, i) => createVendor(i, new Date(startMs).toISOString()));
const server = createServer((req, res) => {
  const match = /^\/v\/(\d+)\/api\/v2\/([\w-]+\.json)$/.exec(req.url ?? "");
  const vendor = match ? fleet[Number(match[1])] : undefined;
  const doc = match?.[2] as DocumentName | undefined;
  if (vendor === undefined || doc === undefined || !DOCUMENTS.includes(doc))
    return void res.writeHead(404).end();
  const etag = etagOf(vendor, doc);
  if (req.headers["if-none-match"] === etag) return void res.writeHead(304, { etag }).end();
  const body = renderDocument(vendor, doc, `http://127.0.0.1/v/${vendor.index}`);
  res.writeHead(200, { "content-type": "application/json", etag }).end(body);
});

process.on("message", (message: { step?: number; finish?: boolean }) => {
  if (message.step !== undefined) {
    const at = new Date(message.step).toISOString();
    for (const v of fleet) if (random() < stepSeconds / changeEverySeconds) changeVendor(v, at, random);
    send({ stepped: message.step });
  } else if (message.finish) {
    const scripted = fleet.reduce((n, v) => n + v.resolved.length + (v.open ? 1 : 0), 0);
    server.closeAllConnections();
    server.close();
    send({ scripted }, () => process.exit(0));
  }
});
server.listen(0, "127.0.0.1", () =>
  send({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
);

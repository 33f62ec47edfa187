// A GitHub-like Statuspage served from a separate process, so its CPU is not counted in the poll's.
// Modes as in github-bodies.ts; "etag" answers 304 when If-None-Match matches.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { incidentsBodies, summaryBodies, type Mode } from "./github-bodies.ts";

const [fixtures, mode] = process.argv.slice(2) as [string, Mode];
const summaries = summaryBodies(
  readFileSync(`${fixtures}/statuspage/github-summary.json`, "utf8"),
  mode,
  2000,
);
const bodies = incidentsBodies(
  readFileSync(`${fixtures}/statuspage/github-incidents.json`, "utf8"),
  mode,
  2000,
);
let served = 0;
let summariesServed = 0;

const server = createServer((req, res) => {
  const etag = mode === "etag" ? { etag: '"v1"' } : {};
  if (mode === "etag" && req.headers["if-none-match"] === '"v1"') return void res.writeHead(304, etag).end();
  if (req.url === "/api/v2/summary.json")
    return void res
      .writeHead(200, { "content-type": "application/json", ...etag })
      .end(summaries[Math.min(summariesServed++, summaries.length - 1)]);
  if (req.url !== "/api/v2/incidents.json") return void res.writeHead(404).end();
  res
    .writeHead(200, { "content-type": "application/json", ...etag })
    .end(bodies[Math.min(served++, bodies.length - 1)]);
});
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  process.stdout.write(`${typeof address === "object" && address ? address.port : 0}\n`);
});

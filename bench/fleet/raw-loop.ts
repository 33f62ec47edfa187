// The least any poller must do, as a CPU baseline for bench/fleet.ts: GET each vendor's summary.json with
// If-None-Match through one keep-alive undici Agent, JSON.parse the 200s, nothing else.
//   node bench/fleet/raw-loop.ts --port <fleet port>[,<port>…] --vendors N --interval S --seconds T
// (one port per fleet process: origins.ts)
// First one request per vendor to learn the ETags (not measured), then vendor i every S seconds from
// offset i·S/N (N/S requests a second) for T seconds, measuring this process's own CPU over those T
// seconds. Requests carry x-fleet-raw: 1 so the fleet leaves them out of its poll log.
// Prints one JSON line: {requests, ok, notModified, failed, cpuMs, seconds}.
import { portOf, vendorUrl } from "./origins.ts";
import { parseArgs } from "node:util";
import { Agent, request } from "undici";

const { values } = parseArgs({
  options: {
    port: { type: "string" },
    vendors: { type: "string" },
    interval: { type: "string" },
    seconds: { type: "string" },
  },
});
const ports = values.port!.split(",");
const vendors = Number(values.vendors);
const interval = Number(values.interval);
const seconds = Number(values.seconds);
const agent = new Agent({ keepAliveTimeout: 60_000, keepAliveMaxTimeout: 60_000, connections: 512 });
const etags: (string | undefined)[] = [];
const counts = { requests: 0, ok: 0, notModified: 0, failed: 0 };

async function get(vendor: number): Promise<void> {
  const etag = etags[vendor];
  try {
    const response = await request(`${vendorUrl(vendor, portOf(vendor, ports))}/api/v2/summary.json`, {
      dispatcher: agent,
      headers: { "x-fleet-raw": "1", accept: "application/json", ...(etag ? { "if-none-match": etag } : {}) },
    });
    if (response.statusCode === 200) {
      JSON.parse(await response.body.text());
      etags[vendor] = response.headers.etag as string | undefined;
      counts.ok++;
    } else {
      await response.body.dump();
      if (response.statusCode === 304) counts.notModified++;
      else counts.failed++;
    }
  } catch {
    counts.failed++;
  }
  counts.requests++;
}

// Prime: every vendor once, 512 at a time.
let primed = 0;
const primer = async () => {
  while (primed < vendors) await get(primed++);
};
await Promise.all(Array.from({ length: 512 }, primer));
Object.assign(counts, { requests: 0, ok: 0, notModified: 0, failed: 0 });

const started = performance.now();
const cpuStart = process.cpuUsage();
const inFlight = new Set<Promise<void>>();
let sent = 0;
// Request k is due at k·S/N seconds. Wake only when the next one is due (timers are not free: a 20 ms
// interval alone costs this VM 1 % of a core), and send all that are due then.
await new Promise<void>((resolve) => {
  const step = () => {
    const elapsed = (performance.now() - started) / 1000;
    if (elapsed >= seconds) return resolve();
    for (const due = Math.floor((elapsed * vendors) / interval); sent <= due; sent++) {
      const job = get(sent % vendors).finally(() => inFlight.delete(job));
      inFlight.add(job);
    }
    const nextAt = Math.min((sent * interval) / vendors, seconds);
    setTimeout(step, Math.max(1, nextAt * 1000 - (performance.now() - started)));
  };
  step();
});
await Promise.all(inFlight);
const cpu = process.cpuUsage(cpuStart);
const elapsed = (performance.now() - started) / 1000;
console.log(JSON.stringify({ ...counts, cpuMs: (cpu.user + cpu.system) / 1000, seconds: elapsed }));
await agent.close();

// Crash safety, the long version (issue 13): `pingoru serve` SIGKILLed at random moments, 50 times by
// default, while a scripted fleet keeps changing and a webhook receiver counts (test/crash/crash-run.ts;
// `npm test` runs 3 kills of it). Prints the figures and writes bench/results/crash-<db>-<date>.json.
//
//   npx node bench/crash.ts [--db sqlite|postgres] [--kills 50] [--vendors 10] [--seed 1] [--max-run-ms 2500]
import { mkdirSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { crashRun } from "../test/crash/crash-run.ts";

const USAGE =
  "usage: npx node bench/crash.ts [--db sqlite|postgres] [--kills 50] [--vendors 10] [--seed 1] [--max-run-ms 2500] [--change-every-ms 300]";

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      db: { type: "string", default: "sqlite" },
      kills: { type: "string", default: "50" },
      vendors: { type: "string", default: "10" },
      "change-every-ms": { type: "string", default: "300" },
      seed: { type: "string", default: "1" },
      "max-run-ms": { type: "string", default: "2500" },
      help: { type: "boolean" },
    },
  }));
} catch (error) {
  fail((error as Error).message);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const db = values.db;
if (db !== "sqlite" && db !== "postgres") fail("--db must be sqlite or postgres");
const whole = (name: string, text: string, min: number) => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) fail(`--${name} must be a whole number ≥ ${min}`);
  return n;
};
const options = {
  db,
  kills: whole("kills", values.kills, 1),
  vendors: whole("vendors", values.vendors, 1),
  seed: whole("seed", values.seed, 0),
  maxRunMs: whole("max-run-ms", values["max-run-ms"], 100),
  changeEveryMs: whole("change-every-ms", values["change-every-ms"], 10),
} as const;

const started = Date.now();
const result = await crashRun({
  ...options,
  log: (line) => console.log(`${((Date.now() - started) / 1000).toFixed(0).padStart(5)} s  ${line}`),
});
const failures = [
  ...result.lost.map((e) => `lost: ${e}`),
  ...result.underTwoWebhookIds.map((e) => `under two webhook-ids: ${e}`),
  ...result.repeatsThatDiffer.map((id) => `a repeat of ${id} differs`),
  ...result.openedOrResolvedTwice,
  ...result.recordMismatches.map((m) => `record: ${m}`),
  ...result.heldVendors.map((slug) => `the circuit breaker held ${slug}'s notifications`),
  ...(db === "sqlite" && result.integrity !== "ok" ? [`integrity_check: ${result.integrity}`] : []),
  ...(JSON.stringify(result.countsBeforeRestart) === JSON.stringify(result.countsAfterRestart)
    ? []
    : ["counts changed across a clean restart"]),
];
const report = {
  date: new Date().toISOString(),
  seconds: Math.round((Date.now() - started) / 1000),
  ...options,
  result,
  failures,
};
const rows: [string, string | number][] = [
  ["kills (of them mid-delivery)", `${result.kills} (${result.killsMidDelivery})`],
  ["incidents the fleet opened", result.incidentsScripted],
  ["incident events recorded / received", `${result.events} / ${result.eventsReceived}`],
  ["webhook requests / repeats of a webhook-id", `${result.requests} / ${result.repeats}`],
  ["lost", result.lost.length],
  ["an event under two webhook-ids", result.underTwoWebhookIds.length],
  ["opened or resolved twice", result.openedOrResolvedTwice.length],
  ["record ≠ the fleet's last pages", result.recordMismatches.length],
  ["vendors held by the circuit breaker", result.heldVendors.length],
  ["integrity_check", result.integrity],
  [
    "counts (incidents/events/deliveries) before → after a clean restart",
    `${Object.values(result.countsBeforeRestart).join("/")} → ${Object.values(result.countsAfterRestart).join("/")}`,
  ],
  ["seconds", report.seconds],
];
console.log(`\n| figure | ${db} |\n|---|---|`);
for (const [name, value] of rows) console.log(`| ${name} | ${value} |`);
const dir = new URL("./results/", import.meta.url);
mkdirSync(dir, { recursive: true });
const file = new URL(`crash-${db}-${report.date.slice(0, 16).replace(/:/g, "")}.json`, dir);
writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
console.log(`\nwritten to ${file.pathname}`);
if (failures.length > 0) {
  console.error(`FAILED:\n${failures.join("\n")}`);
  process.exit(1);
}

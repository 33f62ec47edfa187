// Command-line options of bench/fleet.ts.
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";

export interface FleetOptions {
  vendors: number;
  interval: number;
  duration: number;
  /** Seconds excluded from the steady-state figures (default: one interval, the baseline polls). */
  warmup: number;
  db: string | null;
  workers: number;
  latency: string;
  changeEvery: number;
  /** Seconds the fleet server keeps an idle connection. */
  serverKeepAlive: number;
  /**
   * Processes the fleet is served by: by default enough that none holds more than 15,000 connections
   * (each worker may hold one to every vendor, and one process may open 20,000 files on this machine).
   */
  fleetProcesses: number;
  killOneAt: number | null;
  /** after: the raw loop runs once Pingoru has stopped (default); with: during its steady window; off. */
  raw: "after" | "with" | "off";
}

const USAGE = `usage: npm run bench:fleet -- --vendors N --interval S --duration D [--db URL] [--workers K]
       [--latency 50-300] [--change-every 200] [--warmup SECONDS] [--kill-one-at SECONDS]
       [--raw after|with|off] [--server-keep-alive 65] [--fleet-processes P]`;

const FLEET_CONNECTIONS_PER_PROCESS = 15_000;

export function readOptions(argv: string[]): FleetOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      vendors: { type: "string", default: "200" },
      interval: { type: "string", default: "30" },
      duration: { type: "string", default: "120" },
      warmup: { type: "string" },
      db: { type: "string" },
      workers: { type: "string", default: "1" },
      latency: { type: "string", default: "50-300" },
      "change-every": { type: "string", default: "200" },
      "server-keep-alive": { type: "string", default: "65" },
      "fleet-processes": { type: "string" },
      "kill-one-at": { type: "string" },
      raw: { type: "string", default: "after" },
      help: { type: "boolean" },
    },
  });
  if (values.help) exit(USAGE, 0);
  const number = (name: string, value: string, min: number) => {
    const n = Number(value);
    if (!Number.isFinite(n) || n < min) exit(`--${name} must be a number ≥ ${min}\n${USAGE}`, 2);
    return n;
  };
  const options: FleetOptions = {
    vendors: Math.trunc(number("vendors", values.vendors, 1)),
    interval: number("interval", values.interval, 1),
    duration: number("duration", values.duration, 1),
    warmup: values.warmup === undefined ? Number(values.interval) : number("warmup", values.warmup, 0),
    db: values.db ?? null,
    workers: Math.trunc(number("workers", values.workers, 1)),
    latency: values.latency,
    changeEvery: number("change-every", values["change-every"], 0.1),
    serverKeepAlive: number("server-keep-alive", values["server-keep-alive"], 1),
    killOneAt: values["kill-one-at"] === undefined ? null : number("kill-one-at", values["kill-one-at"], 0),
    raw: values.raw as FleetOptions["raw"],
    fleetProcesses: 1,
  };
  const connections = options.vendors * (options.workers + (options.raw === "with" ? 1 : 0));
  options.fleetProcesses =
    values["fleet-processes"] === undefined
      ? Math.ceil(connections / FLEET_CONNECTIONS_PER_PROCESS)
      : Math.trunc(number("fleet-processes", values["fleet-processes"], 1));
  if (!/^\d+(-\d+)?$/.test(options.latency)) exit(`--latency takes MIN-MAX milliseconds\n${USAGE}`, 2);
  if (!["after", "with", "off"].includes(options.raw)) exit(`--raw takes after, with or off\n${USAGE}`, 2);
  if (options.duration <= options.warmup)
    exit("--duration must exceed the warm-up (--warmup, default one --interval)", 2);
  if (options.db !== null && !/^postgres(ql)?:/i.test(options.db) && existsSync(options.db))
    exit(`--db ${options.db}: a SQLite --db must be a new file (the bench adds its own vendors)`, 2);
  if (options.workers > 1 && !/^postgres(ql)?:/i.test(options.db ?? ""))
    exit("--workers > 1 needs a PostgreSQL --db (SQLite has one writer)", 2);
  return options;
}

function exit(message: string, code: number): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}

// The fleet bench's summary: window figures from the per-second samples, a table on stdout, and the
// whole run as JSON in bench/results/fleet-<date>.json (formatted with the repository's prettier).
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { fileURLToPath } from "node:url";
import * as prettier from "prettier";
import type { detectionLags, gapsAfterKill, pollGaps, Quantiles } from "./figures.ts";
import type { FleetOptions } from "./options.ts";
import type { ProcSample } from "./processes.ts";

export interface FleetRun {
  options: FleetOptions;
  /** t: ms since t0; polls: polls counted so far; procs: one reading per worker (null once gone). */
  samples: { t: number; polls: number; procs: (ProcSample | null)[] }[];
  metricsPolls: number | null;
  raw: {
    requests: number;
    ok: number;
    notModified: number;
    failed: number;
    cpuMs: number;
    seconds: number;
  } | null;
  /** Polls a second Pingoru's schedule asked for over the steady window (open incidents polled faster). */
  schedule: { neededPerSecond: number; fastSeconds: number };
  gaps: ReturnType<typeof pollGaps>;
  doublePolls: number;
  /** Of them, those in the steady window. */
  doublePollsSteady: number;
  /** TCP connections Pingoru's workers opened to the fleet over the whole run. */
  connections: number;
  afterKill: ReturnType<typeof gapsAfterKill> | null;
  lag: { changes: number } & ReturnType<typeof detectionLags>;
}

/** The steady window's figures: from the first sample at or after t0 + warm-up to the last one. */
export function steadyFigures(run: FleetRun) {
  const { vendors, interval, warmup } = run.options;
  const first = run.samples.find((s) => s.t >= warmup * 1000) ?? run.samples[0]!;
  const last = run.samples.at(-1)!;
  const seconds = (last.t - first.t) / 1000;
  const polls = last.polls - first.polls;
  const lastOf = (w: number) => run.samples.findLast((s) => s.procs[w] !== null)?.procs[w] ?? null;
  const workers = first.procs.map((start, w) => ({ start, end: lastOf(w), alive: last.procs[w] !== null }));
  const cpuMs = workers.reduce(
    (sum, { start, end }) => sum + (start && end ? end.cpuMs - start.cpuMs : 0),
    0,
  );
  const alive = workers.filter((w) => w.alive && w.start);
  const rssStart = alive.reduce((sum, w) => sum + w.start!.rssKb, 0);
  const rssEnd = alive.reduce((sum, w) => sum + w.end!.rssKb, 0);
  const peakHwmKb = Math.max(0, ...run.samples.flatMap((s) => s.procs.map((p) => p?.hwmKb ?? 0)));
  const cpuPerPoll = polls > 0 ? cpuMs / polls : null;
  const rawPerRequest = run.raw && run.raw.requests > 0 ? run.raw.cpuMs / run.raw.requests : null;
  return {
    windowSeconds: seconds,
    polls,
    pollsPerSecond: polls / seconds,
    neededPerSecond: run.schedule.neededPerSecond,
    neededWithoutFasterPolling: vendors / interval,
    totalPolls: last.polls,
    cpuMs,
    cpuPercentOfOneCore: (cpuMs / (seconds * 1000)) * 100,
    cpuMsPerPoll: cpuPerPoll,
    rawCpuMsPerRequest: rawPerRequest,
    ratioToRaw: cpuPerPoll !== null && rawPerRequest ? cpuPerPoll / rawPerRequest : null,
    peakHwmMiB: peakHwmKb / 1024,
    rssWarmupEndMiB: rssStart / 1024,
    rssEndMiB: rssEnd / 1024,
    rssGrowthPercent: rssStart > 0 ? ((rssEnd - rssStart) / rssStart) * 100 : null,
  };
}

const fixed = (value: number | null | undefined, digits = 1) => (value == null ? "–" : value.toFixed(digits));
const seconds = (q: Quantiles) =>
  `${fixed(q.p50 && q.p50 / 1000, 2)} / ${fixed(q.p95 && q.p95 / 1000, 2)} / ${fixed(q.p99 && q.p99 / 1000, 2)} s`;

export function printReport(run: FleetRun): void {
  const f = steadyFigures(run);
  const { vendors, interval, workers, warmup } = run.options;
  const rows: [string, string][] = [
    ["steady window", `${fixed(f.windowSeconds)} s (after ${warmup} s warm-up)`],
    [
      `polls/s achieved / needed (vendors with an open incident every ${run.schedule.fastSeconds} s)`,
      `${fixed(f.pollsPerSecond, 2)} / ${fixed(f.neededPerSecond, 2)} (${fixed((f.pollsPerSecond / f.neededPerSecond) * 100)} %); N/S alone: ${fixed(f.neededWithoutFasterPolling, 2)}`,
    ],
    ["polls counted (whole run) / /metrics of live workers", `${f.totalPolls} / ${run.metricsPolls ?? "–"}`],
    [
      "connections opened to the fleet (whole run)",
      `${run.connections} (${fixed(run.connections / Math.max(1, f.totalPolls), 3)} a poll; ${run.options.fleetProcesses} fleet process(es))`,
    ],
    [
      "polls on time (gap ≤ the vendor's due interval + 2 s)",
      `${fixed((run.gaps.onTimeShare ?? NaN) * 100)} % of ${run.gaps.gapsMs.count} gaps (${run.gaps.openGaps} vendors still waiting at the end)`,
    ],
    ["poll gap p50 / p95 / p99", seconds(run.gaps.gapsMs)],
    [
      "detection lag p50 / p95 / p99",
      `${seconds(run.lag.lagMs)} (max ${fixed((run.lag.lagMs.max ?? NaN) / 1000, 2)} s)`,
    ],
    [
      "changes judged / recorded / never (∞)",
      `${run.lag.changes} / ${run.lag.lagMs.count} / ${run.lag.neverRecorded} (+${run.lag.beforeBaseline} before the vendor's baseline, left out)`,
    ],
    [
      "CPU of serve (steady window)",
      `${fixed(f.cpuMs, 0)} ms = ${fixed(f.cpuPercentOfOneCore)} % of one core`,
    ],
    ["CPU ms per poll", fixed(f.cpuMsPerPoll, 2)],
    [
      "raw loop CPU ms per request",
      run.raw
        ? `${fixed(f.rawCpuMsPerRequest, 3)} (${run.raw.requests} requests: ${run.raw.ok} × 200, ${run.raw.notModified} × 304, ${run.raw.failed} failed)`
        : "–",
    ],
    ["Pingoru ÷ raw", f.ratioToRaw === null ? "–" : `${fixed(f.ratioToRaw)}×`],
    ["peak RSS (VmHWM)", `${fixed(f.peakHwmMiB)} MiB`],
    [
      "RSS end of warm-up → end",
      `${fixed(f.rssWarmupEndMiB)} → ${fixed(f.rssEndMiB)} MiB (${f.rssGrowthPercent === null ? "–" : `${f.rssGrowthPercent >= 0 ? "+" : ""}${fixed(f.rssGrowthPercent)} %`})`,
    ],
  ];
  rows.push([
    `double polls (< half the shortest due interval, ${run.schedule.fastSeconds / 2} s, apart)`,
    `${run.doublePolls} (${run.doublePollsSteady} in the steady window)`,
  ]);
  if (run.afterKill)
    rows.push([
      "after killing worker 0: longest gap",
      `${fixed(run.afterKill.longestGapMs / 1000)} s (${run.afterKill.vendorsLate} vendors late)`,
    ]);
  console.log(`\n${vendors} vendors every ${interval} s, ${workers} worker(s), ${machine()}\n`);
  console.log("| figure | value |\n|---|---|");
  for (const [name, value] of rows) console.log(`| ${name} | ${value} |`);
}

function machine(): string {
  return `Node ${process.version}, ${cpus()[0]?.model.trim() ?? "unknown CPU"} × ${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB`;
}

export async function writeReport(run: FleetRun): Promise<string> {
  const dir = fileURLToPath(new URL("../results/", import.meta.url));
  mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().slice(0, 16).replace(":", "");
  const path = `${dir}fleet-${stamp}.json`;
  const { samples, ...rest } = run;
  const document = {
    machine: machine(),
    at: new Date().toISOString(),
    ...rest,
    figures: steadyFigures(run),
    // One line per second: polls so far, and per worker CPU ms and RSS kB so far.
    timeline: samples.map((s) => ({
      t: s.t,
      polls: s.polls,
      cpuMs: s.procs.map((p) => p?.cpuMs ?? null),
      rssKb: s.procs.map((p) => p?.rssKb ?? null),
    })),
  };
  const config = await prettier.resolveConfig(path);
  writeFileSync(path, await prettier.format(JSON.stringify(document), { ...config, parser: "json" }));
  return path;
}

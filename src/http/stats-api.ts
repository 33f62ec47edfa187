// GET /api/v1/stats?from&to[&vendor…]: the figures over a window (domain/stats.ts) across the watched
// vendors and for each, most downtime first, with each vendor's accuracy grade and its formula.

import { Hono } from "hono";
import { GRADE_FORMULA, type GradeResult } from "../domain/grade.ts";
import type { Spread, StatFigures } from "../domain/stats.ts";
import { parseStatsQuery, type StatsReport } from "./stats-load.ts";
import type { StatsLoader } from "./stats-loader.ts";

export function createStatsApi(stats: StatsLoader, now: () => Date): Hono {
  const api = new Hono();
  api.get("/stats", async (c) => {
    const at = now();
    return c.json(statsJson(await stats.load(parseStatsQuery(c.req.queries(), at), at)));
  });
  return api;
}

export function statsJson(report: StatsReport) {
  return {
    from: report.from.toISOString(),
    to: report.to.toISOString(),
    grade_formula: GRADE_FORMULA,
    all: figuresJson(report.all),
    vendors: report.vendors.map((v) => ({
      vendor: { slug: v.slug, name: v.name },
      ...figuresJson(v.figures),
      ...gradeJson(v.grade),
    })),
  };
}

export function figuresJson(f: StatFigures) {
  return {
    incident_count: f.incidentCount,
    open_count: f.openCount,
    downtime_seconds: f.downtimeSeconds,
    per_month: f.perMonth.map((m) => ({
      month: m.month,
      incidents: m.incidents,
      downtime_seconds: m.downtimeSeconds,
    })),
    resolve_seconds: spreadJson(f.resolve, "p90"),
    detection_lag_seconds: spreadJson(f.detectionLag, "p95"),
    acknowledgement_delay_seconds: { p50: f.acknowledgement.p50, count: f.acknowledgement.count },
    resolved_count: f.resolvedCount,
    postmortem_count: f.postmortemCount,
    postmortem_rate: f.postmortemRate,
  };
}

function spreadJson(s: Spread, high: "p90" | "p95") {
  return { p50: s.p50, [high]: s.high ?? null, count: s.count };
}

function gradeJson(g: GradeResult) {
  return { grade: g.grade, grade_score: g.score, grade_note: g.reason };
}

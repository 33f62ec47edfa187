import { describe, expect, it } from "vitest";
import type { ComponentSnapshot, ComponentStatus, Impact } from "./model.ts";
import { rollUpStatus } from "./roll-up.ts";

function component(name: string, status: ComponentStatus): ComponentSnapshot {
  return { id: `id-${name}`, name, group: null, position: 0, status, rawStatus: status };
}

const api = component("API", "operational");
const web = component("Web", "degraded_performance");
const db = component("Database", "major_outage");
const odd = component("Odd", "unknown");
const maint = component("Docs", "under_maintenance");

const cases: {
  name: string;
  components: ComponentSnapshot[];
  watched: string[] | null;
  open: { impact: Impact }[];
  want: ComponentStatus;
}[] = [
  { name: "all operational", components: [api], watched: null, open: [], want: "operational" },
  { name: "worst of all", components: [api, db, web], watched: null, open: [], want: "major_outage" },
  {
    name: "watched only",
    components: [api, db, web],
    watched: ["API", "Web"],
    open: [],
    want: "degraded_performance",
  },
  { name: "watched by id", components: [api, db], watched: ["id-API"], open: [], want: "operational" },
  {
    name: "watched name ignores case",
    components: [api, db],
    watched: ["database"],
    open: [],
    want: "major_outage",
  },
  { name: "unknown ignored", components: [odd, api], watched: null, open: [], want: "operational" },
  { name: "all unknown", components: [odd], watched: null, open: [], want: "unknown" },
  {
    name: "maintenance beats operational",
    components: [api, maint],
    watched: null,
    open: [],
    want: "under_maintenance",
  },
  {
    name: "outage beats maintenance",
    components: [maint, web],
    watched: null,
    open: [],
    want: "degraded_performance",
  },
  {
    name: "components win over incidents",
    components: [api],
    watched: null,
    open: [{ impact: "critical" }],
    want: "operational",
  },
  { name: "no components, no incidents", components: [], watched: null, open: [], want: "operational" },
  {
    name: "critical incident",
    components: [],
    watched: null,
    open: [{ impact: "critical" }],
    want: "major_outage",
  },
  {
    name: "major incident",
    components: [],
    watched: null,
    open: [{ impact: "major" }],
    want: "partial_outage",
  },
  {
    name: "minor incident",
    components: [],
    watched: null,
    open: [{ impact: "minor" }],
    want: "degraded_performance",
  },
  { name: "impact none", components: [], watched: null, open: [{ impact: "none" }], want: "operational" },
  {
    name: "worst incident",
    components: [],
    watched: null,
    open: [{ impact: "minor" }, { impact: "critical" }, { impact: "major" }],
    want: "major_outage",
  },
  {
    name: "watched matches nothing",
    components: [db],
    watched: ["Nope"],
    open: [{ impact: "minor" }],
    want: "degraded_performance",
  },
];

describe("rollUpStatus", () => {
  it.each(cases)("$name → $want", ({ components, watched, open, want }) => {
    expect(rollUpStatus(components, watched, open)).toBe(want);
  });
});

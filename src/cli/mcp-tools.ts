// The MCP server's tools: questions about the stored record, answered read-only through the store in
// the API's JSON shapes (domain/api-json.ts). A bad argument or an unknown vendor is a tool error
// with one line, never a crash.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import {
  isJSONRPCResultResponse,
  type CallToolResult,
  type JSONRPCMessage,
} from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { serializeComponent, serializeVendor } from "../domain/api-json.ts";
import type { Iso } from "../domain/model.ts";
import { parseInstant, parsePeriod, parsePeriodEnd } from "../domain/open-at.ts";
import { statIncident, summariseSamples } from "../domain/stats.ts";
import { computeWindowUptime, historyStart } from "../domain/uptime.ts";
import type { Vendor } from "../domain/vendor.ts";
import { figuresJson } from "../http/stats-api.ts";
import { vendorSamples } from "../http/stats-load.ts";
import { allIncidents } from "../http/uptime-load.ts";
import { loadAllVendorStatuses, loadVendorStatus, type VendorStatus } from "../http/vendor-status.ts";
import { describeError, PingoruError } from "../lib/errors.ts";
import type { Store } from "../store/store.ts";
import { incidentsJson, listOpenAt } from "./at.ts";

const PAGE = 500;
/** A period longer than this is refused: figures are for a month, a quarter, a year. */
const MAX_PERIOD_DAYS = 366;
const SEARCH_LIMIT = 20;

const slug = z.string().min(1).max(100).describe("a vendor's slug, as in GET /api/v1/vendors");
const time = (what: string) =>
  z.string().max(40).describe(`${what}: ISO 8601 or "YYYY-MM-DD HH:MM", UTC unless it carries an offset`);

export function createMcpServer(store: Store, now: () => Date, version: string): McpServer {
  const server = new McpServer({ name: "pingoru", version });
  const readOnly = { readOnlyHint: true, openWorldHint: false };

  server.registerTool(
    "vendor_status",
    {
      description:
        "Current status of one watched vendor (or all): its roll-up status, its components that are not operational, and its open incidents and maintenances.",
      inputSchema: { vendor: slug.optional() },
      annotations: readOnly,
    },
    answer(async ({ vendor }) => {
      const statuses =
        vendor === undefined ? await loadAllVendorStatuses(store) : [await oneStatus(store, vendor)];
      return { vendors: await Promise.all(statuses.map((s) => vendorStatusJson(store, s))) };
    }),
  );

  server.registerTool(
    "incidents_at",
    {
      description:
        "The incidents and maintenances that were open at an instant (started at or before it, not resolved by then), across all vendors or the ones named.",
      inputSchema: { at: time("the instant"), vendors: z.array(slug).max(100).optional() },
      annotations: readOnly,
    },
    answer(async ({ at, vendors }) => {
      const instant = parseInstant(at);
      return {
        at: instant,
        incidents: await incidentsJson(store, await listOpenAt(store, instant, vendors)),
      };
    }),
  );

  server.registerTool(
    "search_incidents",
    {
      description: `Incidents and maintenances having every word of the text (each as the start of a word; case and accents ignored) in their title or update text, newest first, at most ${SEARCH_LIMIT} unless a smaller limit is given; optionally only those overlapping the window from/to.`,
      inputSchema: {
        text: z.string().trim().min(2).max(200).describe("the words to find"),
        from: time("window start (or a date alone)").optional(),
        to: time("window end (a date alone includes that day)").optional(),
        limit: z.number().int().min(1).max(SEARCH_LIMIT).optional(),
      },
      annotations: readOnly,
    },
    answer(async ({ text, from, to, limit }) => {
      const window = parseWindow(from, to);
      const found = await store.searchIncidents({ text, limit: limit ?? SEARCH_LIMIT, ...window });
      return { incidents: await incidentsJson(store, found) };
    }),
  );

  server.registerTool(
    "vendor_figures",
    {
      description: `A vendor's figures for a period [from, to) (at most ${MAX_PERIOD_DAYS} days), as the vendor page and GET /api/v1/stats give them: incidents started in it and downtime (per month too), time to resolve (p50, p90), detection lag (p50, p95), acknowledgement delay (p50), postmortem rate, and each component's uptime percentage.`,
      inputSchema: {
        vendor: slug,
        from: time("period start (or a date alone)"),
        to: time("period end (a date alone includes that day)"),
      },
      annotations: readOnly,
    },
    answer(async ({ vendor, from, to }) => {
      const v = await oneVendor(store, vendor);
      const at = now();
      return periodFiguresJson(store, v, periodUpToNow(parsePeriod(from, to), at), at);
    }),
  );

  return server;
}

/**
 * Stdio, with every tool error on one line: the SDK reports arguments that fail their schema with one
 * line per problem; they are joined with "; ".
 */
export class OneLineErrorsTransport extends StdioServerTransport {
  override send(message: JSONRPCMessage): Promise<void> {
    if (!isJSONRPCResultResponse(message) || message.result.isError !== true) return super.send(message);
    const content = (message.result as CallToolResult).content.map((part) =>
      part.type === "text" ? { ...part, text: part.text.trim().replace(/\s*\n\s*/g, "; ") } : part,
    );
    return super.send({ ...message, result: { ...message.result, content } });
  }
}

/** A tool's callback: its answer as JSON text, or a one-line tool error. */
function answer<A>(run: (args: A) => Promise<unknown>): (args: A) => Promise<CallToolResult> {
  return async (args) => {
    try {
      return { content: [{ type: "text", text: JSON.stringify(await run(args), null, 2) }] };
    } catch (error) {
      return { content: [{ type: "text", text: describeError(error) }], isError: true };
    }
  };
}

async function oneVendor(store: Store, slug: string): Promise<Vendor> {
  const vendor = await store.getVendor(slug);
  if (vendor === null) throw new PingoruError("not_found", `no vendor with slug "${slug}"`);
  return vendor;
}

async function oneStatus(store: Store, slug: string): Promise<VendorStatus> {
  return loadVendorStatus(store, await oneVendor(store, slug));
}

async function vendorStatusJson(store: Store, { vendor, status, components }: VendorStatus) {
  const open =
    vendor.openIncidents > 0
      ? (await store.listIncidents(vendor.slug, { limit: PAGE, status: "open" })).items
      : [];
  return {
    ...serializeVendor(vendor, status),
    components_not_operational: components.filter((c) => c.status !== "operational").map(serializeComponent),
    incidents: await incidentsJson(store, open),
  };
}

function parseWindow(
  from: string | undefined,
  to: string | undefined,
): { since: Iso | null; until: Iso | null } {
  if (from !== undefined && to !== undefined) {
    const period = parsePeriod(from, to);
    return { since: period.from, until: period.to };
  }
  return {
    since: from === undefined ? null : parsePeriodEnd(from, "from"),
    until: to === undefined ? null : parsePeriodEnd(to, "to"),
  };
}

/** The period's part up to now: figures for time still to come are not known. */
function periodUpToNow(period: { from: Iso; to: Iso }, now: Date): { from: Iso; to: Iso } {
  const to = period.to < now.toISOString() ? period.to : now.toISOString();
  if (period.from >= to) throw new PingoruError("input", `the period begins in the future: ${period.from}`);
  if (Date.parse(to) - Date.parse(period.from) > MAX_PERIOD_DAYS * 86_400_000)
    throw new PingoruError(
      "input",
      `the period is longer than ${MAX_PERIOD_DAYS} days: ${period.from} to ${to}`,
    );
  return { from: period.from, to };
}

async function periodFiguresJson(
  store: Store,
  vendor: Vendor,
  { from, to }: { from: Iso; to: Iso },
  now: Date,
) {
  const [components, incidents, changes, firstStarts] = await Promise.all([
    store.listComponents(vendor.slug),
    allIncidents(store, vendor.slug, from, to),
    store.listComponentChanges(vendor.slug, from, to),
    store.listFirstIncidentStarts(),
  ]);
  const coverageStart = historyStart(vendor.baselineAt, firstStarts.get(vendor.slug) ?? null);
  const window = { from: new Date(from), to: new Date(to), now };
  const samples = await vendorSamples(store, vendor.slug, incidents.map(statIncident), window);
  // The record's time after `to` says nothing about the period: `to` is its "now".
  const uptime = computeWindowUptime({
    components,
    incidents,
    changes,
    coverageStart,
    ...window,
    now: window.to,
  });
  return {
    vendor: vendor.slug,
    from,
    to,
    ...figuresJson(summariseSamples(samples)),
    record_starts_at: coverageStart,
    uptime: uptime.map((u, k) => ({
      component_id: u.componentId,
      name: components[k]!.name,
      percent: u.percent,
    })),
  };
}

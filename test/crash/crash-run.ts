// Crash safety through the real parts (issue 13): a real `pingoru serve` is SIGKILLed at random
// moments while a scripted fleet of Statuspage vendors keeps opening, advancing and resolving incidents
// and a webhook receiver counts what arrives. Then serve runs once more until everything has settled,
// and the run is judged: every event reached the subscription, no event arrived under two webhook-ids,
// a repeated webhook-id carried the same body, no incident was opened or resolved twice, the record
// matches the fleet's last pages, the database is intact and a clean restart changes no count.
//
// The short version runs in `npm test` (test/e2e/crash-sqlite.test.ts, crash-pg.test.ts); `bench/crash.ts` runs 50 kills.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { BREAKER_LIMITS } from "../../src/domain/breaker.ts";
import { startFakeVendor, type FakeVendor } from "../helpers/fake-vendor.ts";
import { pgQuery, pgUrl } from "../helpers/postgres.ts";
import { startCli, waitFor, type CliProcess } from "../helpers/run-cli.ts";
import {
  GITHUB_INCIDENTS,
  GITHUB_SUMMARY,
  newIncident,
  servePage,
  withUpdate,
  type RawIncident,
} from "../e2e/notify-fixtures.ts";
import { dedupe, startWebhookReceiver, WEBHOOK_SECRET, type Received } from "../e2e/notify-receiver.ts";

export interface CrashRunOptions {
  /** "sqlite", or "postgres" (a fresh schema of the test database, dropped afterwards). */
  db: "sqlite" | "postgres";
  vendors: number;
  kills: number;
  /** Seeds the script (which vendor changes how) and the kill moments. */
  seed: number;
  /** Longest time serve runs before it is killed (ms); each run lasts a random share of it. */
  maxRunMs?: number;
  /** The fleet changes one vendor's page this often (ms). */
  changeEveryMs?: number;
  log?: (line: string) => void;
}

export interface CrashRunResult {
  db: string;
  kills: number;
  /** How many kills happened while a webhook request was in flight (the receiver had not answered). */
  killsMidDelivery: number;
  incidentsScripted: number;
  /** Incident events recorded, and how many of them the receiver got (after dedup by webhook-id). */
  events: number;
  eventsReceived: number;
  /** Requests that arrived, and how many repeated a webhook-id already seen (at-least-once). */
  requests: number;
  repeats: number;
  /** Each of these is a failure: the lists name what went wrong. */
  lost: string[];
  underTwoWebhookIds: string[];
  repeatsThatDiffer: string[];
  openedOrResolvedTwice: string[];
  recordMismatches: string[];
  /** Vendors whose notifications the circuit breaker held (the script stays under it: none expected). */
  heldVendors: string[];
  integrity: string;
  countsBeforeRestart: Counts;
  countsAfterRestart: Counts;
}

export interface Counts {
  incidents: number;
  events: number;
  deliveries: number;
}

const ADMIN = "crash-admin";
const STATUSES = ["investigating", "identified", "monitoring", "resolved"] as const;

/** mulberry32: a small seeded generator, so a failing run can be replayed by its seed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface ScriptedVendor {
  slug: string;
  page: FakeVendor;
  /** This run's incidents, newest first, as their page lists them. */
  incidents: RawIncident[];
}

/**
 * Incidents one vendor may open in a run: never more than the circuit breaker allows (domain/breaker.ts),
 * which would rightly hold that vendor's notifications and so count its events as lost here. Not only
 * within its window: on a loaded machine a restart can take seconds, and one poll after it may see
 * every incident opened meanwhile, so the limit for a single poll counts too.
 */
const MAX_OPENED_PER_VENDOR = Math.min(BREAKER_LIMITS.perPoll, BREAKER_LIMITS.perWindow);

/** The fleet's script: each step opens an incident on a vendor or moves an open one a step on. */
function createFleetScript(vendors: ScriptedVendor[], random: () => number) {
  let opened = 0;
  const openedBy = new Map<string, number>();
  return {
    step(): void {
      const vendor = vendors[Math.floor(random() * vendors.length)]!;
      const at = new Date().toISOString();
      const open = vendor.incidents.filter((i) => i.status !== "resolved");
      const mayOpen = (openedBy.get(vendor.slug) ?? 0) < MAX_OPENED_PER_VENDOR;
      if (open.length === 0 && !mayOpen) return;
      if (open.length > 0 && (open.length >= 2 || !mayOpen || random() < 0.7)) {
        const incident = open[Math.floor(random() * open.length)]!;
        const next = STATUSES[STATUSES.indexOf(incident.status as (typeof STATUSES)[number]) + 1]!;
        vendor.incidents = vendor.incidents.map((i) => (i === incident ? withUpdate(i, next, at) : i));
      } else {
        opened += 1;
        openedBy.set(vendor.slug, (openedBy.get(vendor.slug) ?? 0) + 1);
        vendor.incidents = [
          newIncident(`${vendor.slug}x${opened}`, at, `Crash ${vendor.slug} #${opened}`),
          ...vendor.incidents,
        ];
      }
      servePage(vendor.page, vendor.incidents);
    },
    get opened() {
      return opened;
    },
  };
}

interface RunningServe {
  cli: CliProcess;
  get<T>(path: string): Promise<T>;
}

async function startServe(dir: string, dbUrl: string): Promise<RunningServe> {
  const cli = startCli(["serve", "--port", "0", "--db", dbUrl, "--config", join(dir, "pingoru.yaml")], {
    env: {
      PINGORU_ALLOW_PRIVATE_TARGETS: "1",
      PINGORU_POLL_INTERVAL: "1",
      PINGORU_PUBLIC_URL: "https://pingoru.example",
      PINGORU_ADMIN_TOKEN: ADMIN,
      HOOK_SECRET: WEBHOOK_SECRET,
    },
  });
  const url = await waitFor(
    "serve to listen",
    () => {
      if (cli.child.exitCode !== null) throw new Error(`serve exited: ${cli.stderr()}`);
      const line = cli
        .stderr()
        .split("\n")
        .find((l) => l.includes('"msg":"pingoru serving"'));
      return line === undefined ? undefined : (JSON.parse(line) as { url: string }).url;
    },
    { timeoutMs: 20_000, everyMs: 50 },
  );
  const get = async <T>(path: string): Promise<T> => {
    const response = await fetch(url + path, { headers: { authorization: `Bearer ${ADMIN}` } });
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    return (await response.json()) as T;
  };
  return { cli, get };
}

interface ApiEvent {
  id: string;
  type: string;
  incident_id: string | null;
}

async function allEvents(serve: RunningServe): Promise<ApiEvent[]> {
  const events: ApiEvent[] = [];
  let after = "";
  for (;;) {
    const page = await serve.get<{ events: ApiEvent[]; next: string | null }>(
      `/api/v1/events?limit=500&after=${encodeURIComponent(after)}`,
    );
    events.push(...page.events);
    if (page.next === null || page.events.length === 0) return events;
    after = page.next;
  }
}

interface ApiIncident {
  id: string;
  title: string;
  status: string;
  updates: unknown[];
}

async function vendorIncidents(serve: RunningServe, slug: string): Promise<ApiIncident[]> {
  const incidents: ApiIncident[] = [];
  let before = "";
  for (;;) {
    const page = await serve.get<{ incidents: ApiIncident[]; next: string | null }>(
      `/api/v1/vendors/${slug}/incidents?limit=200&before=${encodeURIComponent(before)}`,
    );
    incidents.push(...page.incidents);
    if (page.next === null || page.incidents.length === 0) return incidents;
    before = page.next;
  }
}

async function pendingDeliveries(serve: RunningServe): Promise<number> {
  const page = await serve.get<{ deliveries: unknown[] }>(
    "/api/v1/admin/deliveries?status=pending&limit=500",
  );
  return page.deliveries.length;
}

async function counts(serve: RunningServe, slugs: readonly string[]): Promise<Counts> {
  let incidents = 0;
  for (const slug of slugs) incidents += (await vendorIncidents(serve, slug)).length;
  let deliveries = 0;
  let before = "";
  for (;;) {
    const page = await serve.get<{ deliveries: unknown[]; next: string | null }>(
      `/api/v1/admin/deliveries?limit=500&before=${encodeURIComponent(before)}`,
    );
    deliveries += page.deliveries.length;
    if (page.next === null || page.deliveries.length === 0) break;
    before = page.next;
  }
  return { incidents, events: (await allEvents(serve)).length, deliveries };
}

async function stop(serve: RunningServe): Promise<void> {
  serve.cli.child.kill("SIGTERM");
  const exit = await serve.cli.exited;
  if (exit.code !== 0)
    throw new Error(`serve did not stop cleanly (${exit.code ?? exit.signal}): ${exit.stderr}`);
}

export async function crashRun(options: CrashRunOptions): Promise<CrashRunResult> {
  const log = options.log ?? (() => {});
  const random = seeded(options.seed);
  const maxRunMs = options.maxRunMs ?? 2_500;
  const dir = mkdtempSync(join(tmpdir(), "pingoru-crash-run-"));
  const schema = `crash_${options.seed}_${process.pid}`;
  let dbUrl = join(dir, "pingoru.db");
  if (options.db === "postgres") {
    await pgQuery(`drop schema if exists "${schema}" cascade; create schema "${schema}"`);
    dbUrl = `${pgUrl}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  }
  const receiver = await startWebhookReceiver();
  const vendors: ScriptedVendor[] = [];
  for (let i = 0; i < options.vendors; i++) {
    const page = await startFakeVendor({
      "/api/v2/summary.json": GITHUB_SUMMARY,
      "/api/v2/incidents.json": GITHUB_INCIDENTS,
    });
    vendors.push({ slug: `v${i}`, page, incidents: [] });
  }
  const slugs = vendors.map((v) => v.slug);
  writeFileSync(
    join(dir, "pingoru.yaml"),
    [
      "vendors:",
      ...vendors.flatMap((v) => [
        `  - url: ${v.page.url}`,
        `    slug: ${v.slug}`,
        "    platform: statuspage",
      ]),
      "channels:",
      "  - id: crash-hook",
      "    type: webhook",
      `    url: ${receiver.url}`,
      "    secret: ${HOOK_SECRET}",
      "subscriptions:",
      "  - channel: crash-hook",
      '    events: ["incident.*"]',
      "",
    ].join("\n"),
  );
  // The receiver answers after a short random pause, so that kills land mid-request too.
  let inFlight = 0;
  receiver.onReceive = () => {
    inFlight += 1;
    receiver.answer = "hold";
    setTimeout(
      () => {
        receiver.release(204);
        inFlight = 0;
      },
      Math.floor(random() * 150),
    );
  };
  const script = createFleetScript(vendors, random);
  let ticker: NodeJS.Timeout | undefined;
  try {
    // The baseline first: the recorded history is no news, and what follows is.
    const first = await startServe(dir, dbUrl);
    await waitFor(
      "every vendor's baseline",
      async () => {
        const listed = await first.get<{ slug: string; last_polled_at: string | null }[]>("/api/v1/vendors");
        return listed.length === vendors.length && listed.every((v) => v.last_polled_at !== null);
      },
      { timeoutMs: 30_000 },
    );
    ticker = setInterval(() => script.step(), options.changeEveryMs ?? 120);
    let serve = first;
    let killsMidDelivery = 0;
    for (let kill = 1; kill <= options.kills; kill++) {
      await new Promise((resolve) => setTimeout(resolve, 200 + Math.floor(random() * maxRunMs)));
      if (inFlight > 0) killsMidDelivery += 1;
      serve.cli.child.kill("SIGKILL");
      const exit = await serve.cli.exited;
      if (exit.signal !== "SIGKILL") throw new Error(`serve ended before its kill: ${exit.stderr}`);
      log(`kill ${kill}/${options.kills}${inFlight > 0 ? " (mid-delivery)" : ""}`);
      serve = await startServe(dir, dbUrl);
    }
    clearInterval(ticker);
    ticker = undefined;

    // Settle: the record shows the fleet's last pages and nothing is left to send.
    const expected = new Map(vendors.map((v) => [v.slug, new Map(v.incidents.map((i) => [i.id, i]))]));
    await waitFor(
      "the record to match the fleet and every delivery to be sent",
      async () => {
        for (const [slug, scripted] of expected) {
          const stored = new Map((await vendorIncidents(serve, slug)).map((i) => [i.title, i]));
          for (const incident of scripted.values()) {
            const got = stored.get(incident.name);
            if (got?.status !== incident.status || got.updates.length !== incident.incident_updates.length)
              return undefined;
          }
        }
        return (await pendingDeliveries(serve)) === 0 && receiver.received.every((r) => r.answered !== 0);
      },
      { timeoutMs: 120_000, everyMs: 250 },
    );

    const events = (await allEvents(serve)).filter((e) => e.type.startsWith("incident."));
    const received = receiver.received.filter((r) => r.answered >= 200 && r.answered < 300);
    const arrivedIn = new Map<string, Set<string>>();
    for (const r of receiver.received)
      for (const e of r.body.events) arrivedIn.set(e.id, (arrivedIn.get(e.id) ?? new Set()).add(r.webhookId));
    const lost = events.filter((e) => !received.some((r) => r.body.events.some((x) => x.id === e.id)));
    const byWebhookId = Map.groupBy(receiver.received, (r: Received) => r.webhookId);
    const repeatsThatDiffer = [...byWebhookId]
      .filter(([, copies]) => copies.some((c) => JSON.stringify(c.body) !== JSON.stringify(copies[0]!.body)))
      .map(([id]) => id);
    const twice = (type: string) =>
      [
        ...Map.groupBy(
          events.filter((e) => e.type === type),
          (e) => e.incident_id ?? "",
        ),
      ]
        .filter(([, list]) => list.length > 1)
        .map(([incident, list]) => `${type} ${incident} ×${list.length}`);

    const recordMismatches: string[] = [];
    for (const [slug, scripted] of expected) {
      const stored = await vendorIncidents(serve, slug);
      const byTitle = new Map(stored.map((i) => [i.title, i]));
      for (const incident of scripted.values()) {
        const got = byTitle.get(incident.name);
        if (got === undefined) recordMismatches.push(`${incident.name} missing`);
        else if (got.status !== incident.status)
          recordMismatches.push(`${incident.name}: ${got.status}, the page says ${incident.status}`);
        else if (got.updates.length !== incident.incident_updates.length)
          recordMismatches.push(
            `${incident.name}: ${got.updates.length} updates of ${incident.incident_updates.length}`,
          );
      }
      // The recorded history (50) and this run's incidents: nothing more, nothing twice.
      if (stored.length !== 50 + scripted.size)
        recordMismatches.push(`${slug}: ${stored.length} incidents stored`);
    }

    const countsBeforeRestart = await counts(serve, slugs);
    await stop(serve);
    const integrity = options.db === "sqlite" ? sqliteIntegrity(dbUrl) : "not applicable (PostgreSQL)";
    const held = (table: string) =>
      `select slug from ${table} where notifications_held is not null order by slug`;
    const heldRows =
      options.db === "sqlite"
        ? sqliteRows<{ slug: string }>(dbUrl, held("vendors"))
        : ((await pgQuery(held(`"${schema}".vendors`))).rows as { slug: string }[]);
    const heldVendors = heldRows.map((r) => r.slug);
    const again = await startServe(dir, dbUrl);
    // One more poll of every vendor, then the counts again.
    const since = new Date().toISOString();
    await waitFor(
      "a poll of every vendor after the restart",
      async () => {
        const listed = await again.get<{ last_polled_at: string | null }[]>("/api/v1/vendors");
        return listed.every((v) => v.last_polled_at !== null && v.last_polled_at > since);
      },
      { timeoutMs: 30_000 },
    );
    const countsAfterRestart = await counts(again, slugs);
    await stop(again);

    return {
      db: options.db,
      kills: options.kills,
      killsMidDelivery,
      incidentsScripted: script.opened,
      events: events.length,
      eventsReceived: new Set(dedupe(received).flatMap((r) => r.body.events.map((e) => e.id))).size,
      requests: receiver.received.length,
      repeats: receiver.received.length - byWebhookId.size,
      lost: lost.map((e) => `${e.type} ${e.id}`),
      underTwoWebhookIds: [...arrivedIn].filter(([, ids]) => ids.size > 1).map(([id]) => id),
      repeatsThatDiffer,
      openedOrResolvedTwice: [...twice("incident.opened"), ...twice("incident.resolved")],
      recordMismatches,
      heldVendors,
      integrity,
      countsBeforeRestart,
      countsAfterRestart,
    };
  } finally {
    if (ticker) clearInterval(ticker);
    receiver.onReceive = null;
    receiver.release();
    await receiver.close();
    for (const v of vendors) await v.page.close();
    if (options.db === "postgres") await pgQuery(`drop schema if exists "${schema}" cascade`);
    rmSync(dir, { recursive: true, force: true });
  }
}

function sqliteRows<T>(file: string, query: string): T[] {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    return db.prepare(query).all() as T[];
  } finally {
    db.close();
  }
}

function sqliteIntegrity(file: string): string {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    const rows = db.prepare("PRAGMA integrity_check").all() as { integrity_check: string }[];
    const foreign = db.prepare("PRAGMA foreign_key_check").all();
    return [
      ...rows.map((r) => r.integrity_check),
      ...(foreign.length ? [`${foreign.length} foreign key errors`] : []),
    ].join("; ");
  } finally {
    db.close();
  }
}

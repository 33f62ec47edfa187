// Maintenance calendars, read back with ical.js (an independent RFC 5545 parser): a maintenance polled
// through the real poller and store keeps its UID when rescheduled and raises its SEQUENCE; one the
// vendor takes down before its window is CANCELLED; vendor text survives escaping and folding.
import ICAL from "ical.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { incidentId } from "../domain/record.ts";
import { createHttpClient } from "../lib/guarded-http.ts";
import { getPlatform } from "../platforms/registry.ts";
import { createMemoryCache } from "../poller/memory-cache.ts";
import { pollVendor, type PollDeps } from "../poller/poll-vendor.ts";
import { openStore } from "../store/open-store.ts";
import type { Store } from "../store/store.ts";
import { sharedFixture } from "../../test/helpers/fixture-http.ts";
import { startFakeVendor, type FakeVendor } from "../../test/helpers/fake-vendor.ts";
import { makeIncident } from "../../test/helpers/seed-record.ts";
import { createApp } from "./app.ts";
import { escapeText, foldLine } from "./ics.ts";
import { isCancelled, toCalendarEvent, type ScheduledMaintenance } from "./calendar-events.ts";

// The recorded Claude scheduled-maintenances.json (test/fixtures/recorded): "Upgrades to Connector Auth
// Storage" (x017628t2rl5), scheduled 2025-08-29 01:25–02:40Z, and one from 2024-12 (16z0qdmy3qv2).
// The page as it was at 01:24, before the window, is derived from it: status scheduled, only the
// first ("scheduled") update, listed in the summary as Statuspage lists upcoming maintenances.
const RECORDED = JSON.parse(sharedFixture("statuspage/claude-scheduled-maintenances.json"));
const SUMMARY = JSON.parse(sharedFixture("statuspage/claude-summary-active-incident.json"));
const MAINTENANCE_ID = "x017628t2rl5";

type Raw = Record<string, unknown> & { incident_updates: { status: string }[] };

function upcoming(window: { scheduled_for: string; scheduled_until: string }): Raw {
  const recorded = (RECORDED.scheduled_maintenances as Raw[]).find((m) => m.id === MAINTENANCE_ID)!;
  return {
    ...recorded,
    ...window,
    status: "scheduled",
    resolved_at: null,
    monitoring_at: null,
    incident_updates: recorded.incident_updates.filter((u) => u.status === "scheduled"),
  };
}

/** What the page serves: the maintenance (or none) in the summary and the maintenances list. */
function serve(vendor: FakeVendor, maintenance: Raw | null) {
  const listed = maintenance === null ? [] : [maintenance];
  const old = (RECORDED.scheduled_maintenances as Raw[]).filter((m) => m.id !== MAINTENANCE_ID);
  vendor.serve(
    "/api/v2/summary.json",
    JSON.stringify({ ...SUMMARY, incidents: [], scheduled_maintenances: listed }),
  );
  vendor.serve(
    "/api/v2/scheduled-maintenances.json",
    JSON.stringify({ page: RECORDED.page, scheduled_maintenances: [...listed, ...old] }),
  );
}

function parseCalendar(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents("vevent").map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      sequence: event.sequence,
      summary: event.summary,
      description: event.description,
      start: event.startDate.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
      status: vevent.getFirstPropertyValue("status"),
      url: vevent.getFirstPropertyValue("url"),
      stamp: (vevent.getFirstPropertyValue("dtstamp") as ICAL.Time).toJSDate().toISOString(),
    };
  });
}

let store: Store;
let now: Date;
const app = () => createApp({ store, now: () => now, pollIntervalSeconds: 60 });

async function calendar(path: string, target = app()) {
  const res = await target.request(`http://pingoru.test${path}`);
  expect(res.status, path).toBe(200);
  expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
  const text = await res.text();
  return { text, events: parseCalendar(text), etag: res.headers.get("etag") };
}

beforeEach(async () => {
  store = await openStore(":memory:");
});
afterEach(() => store.close());

describe("a Statuspage maintenance polled through the real poller", () => {
  let vendor: FakeVendor;
  let deps: PollDeps;
  beforeEach(async () => {
    vendor = await startFakeVendor();
    const cache = createMemoryCache();
    deps = {
      store,
      http: createHttpClient({ allowPrivateTargets: true }),
      platform: getPlatform,
      now: () => now,
      defaultIntervalSeconds: 60,
      cacheFor: () => cache,
      random: () => 0.5,
    };
    await store.addVendor(
      { slug: "claude", name: "Claude", url: vendor.url, platform: "statuspage" },
      "2025-08-29T00:00:00.000Z",
    );
  });
  afterEach(() => vendor.close());

  const pollAt = async (at: string) => {
    now = new Date(at);
    const outcome = await pollVendor((await store.getVendor("claude"))!, deps);
    expect(outcome.ok).toBe(true);
  };
  const uid = `${incidentId("claude", MAINTENANCE_ID)}@pingoru`;

  it("keeps its UID when moved, raises SEQUENCE, and is CANCELLED once taken down before its window", async () => {
    serve(
      vendor,
      upcoming({ scheduled_for: "2025-08-29T01:25:00.000Z", scheduled_until: "2025-08-29T02:40:00.000Z" }),
    );
    await pollAt("2025-08-29T01:24:00.000Z");
    const first = await calendar("/vendors/claude/calendar.ics");
    // The 2024 maintenance is older than 30 days: only the upcoming one is in the calendar.
    expect(first.events).toEqual([
      {
        uid,
        sequence: 0,
        summary: "Claude: Upgrades to Connector Auth Storage",
        description: [
          "Affected components: claude.ai",
          "Status: scheduled",
          "",
          "Latest update (29 Aug 2025, 01:23 UTC):",
          "We are currently applying updates to systems used to store Connector Authentication.",
          "",
          "Vendor's page: https://status.claude.com/incidents/x017628t2rl5",
        ].join("\n"),
        start: "2025-08-29T01:25:00.000Z",
        end: "2025-08-29T02:40:00.000Z",
        status: "CONFIRMED",
        url: `http://pingoru.test/incidents/${incidentId("claude", MAINTENANCE_ID)}`,
        stamp: "2025-08-29T01:24:00.000Z",
      },
    ]);

    // Moved a day later without an update (Statuspage edits the window in place).
    serve(
      vendor,
      upcoming({ scheduled_for: "2025-08-30T01:25:00.000Z", scheduled_until: "2025-08-30T02:40:00.000Z" }),
    );
    await pollAt("2025-08-29T01:30:00.000Z");
    const moved = await calendar("/vendors/claude/calendar.ics");
    expect(moved.events).toMatchObject([
      {
        uid,
        sequence: 1,
        start: "2025-08-30T01:25:00.000Z",
        end: "2025-08-30T02:40:00.000Z",
        status: "CONFIRMED",
      },
    ]);
    expect(moved.events[0]!.stamp).toBe("2025-08-29T01:30:00.000Z");
    // The same revision in the all-vendors calendar, and fetched again: nothing moves.
    now = new Date("2025-08-29T01:45:00.000Z");
    expect((await calendar("/calendar.ics")).events).toEqual(moved.events);
    expect((await calendar("/vendors/claude/calendar.ics")).text).toBe(moved.text);

    // Taken down before its new window: Pingoru ends it at the poll that sees it gone.
    serve(vendor, null);
    await pollAt("2025-08-29T02:00:00.000Z");
    const cancelled = await calendar("/calendar.ics");
    expect(cancelled.events).toMatchObject([
      { uid, sequence: 2, status: "CANCELLED", start: "2025-08-30T01:25:00.000Z" },
    ]);
    expect(cancelled.events[0]!.description).toContain("Status: cancelled (ended before its window began)");
  });

  it("a maintenance carried out as scheduled stays CONFIRMED after it completed", async () => {
    vendor.serve(
      "/api/v2/summary.json",
      JSON.stringify({ ...SUMMARY, incidents: [], scheduled_maintenances: [] }),
    );
    vendor.serve("/api/v2/scheduled-maintenances.json", JSON.stringify(RECORDED));
    await pollAt("2025-09-01T00:00:00.000Z");
    const { events } = await calendar("/calendar.ics");
    expect(events).toMatchObject([
      { uid, sequence: 0, status: "CONFIRMED", start: "2025-08-29T01:25:00.000Z" },
    ]);
    expect(events[0]!.description).toContain("Status: completed");
    expect(events[0]!.description).toContain("The scheduled maintenance has been completed.");
  });
});

describe("calendar text", () => {
  const TEXT = "Window A, B; C\\D\nSecond line: Zürich → Tōkyō 🚧 " + "long ".repeat(40).trim();
  beforeEach(async () => {
    now = new Date("2026-03-01T00:00:00.000Z");
    await store.addVendor(
      { slug: "acme", name: "Acme, Inc.; EU", url: "https://acme.example", platform: "feed" },
      now.toISOString(),
    );
    const maintenance = makeIncident({
      id: "m-text",
      vendor: "acme",
      kind: "maintenance",
      title: `Upgrade; phase 1, part 2 \\ "quoted" ${"ü".repeat(60)}`,
      status: "scheduled",
      impact: "maintenance",
      resolvedAt: null,
      startedAt: "2026-03-02T22:00:00.000Z",
      scheduledFor: "2026-03-02T22:00:00.000Z",
      scheduledUntil: "2026-03-03T01:00:00.000Z",
      affectedComponents: [
        { id: "c1", name: "API, v2", worstStatus: "under_maintenance" },
        { id: "c2", name: "Web; EU", worstStatus: "under_maintenance" },
      ],
      updates: [
        { id: "u1", status: "scheduled", at: "2026-02-20T10:00:00.000Z", message: TEXT, components: [] },
      ],
    });
    const old = makeIncident({
      id: "m-old",
      vendor: "acme",
      kind: "maintenance",
      status: "completed",
      scheduledFor: "2026-01-10T00:00:00.000Z",
      scheduledUntil: "2026-01-10T01:00:00.000Z",
    });
    const incident = makeIncident({ id: "i-1", vendor: "acme", startedAt: "2026-02-28T00:00:00.000Z" });
    await store.savePoll({
      vendor: "acme",
      polledAt: now.toISOString(),
      nextPollAt: now.toISOString(),
      outcome: { ok: true, incidents: [maintenance, old, incident] },
      events: [],
    });
  });

  it("escapes commas, semicolons, backslashes and line breaks, and folds long lines, so ical.js reads back the same text", async () => {
    const { text, events } = await calendar("/vendors/acme/calendar.ics");
    expect(events).toHaveLength(1); // not the incident, not the maintenance from January
    expect(events[0]!.summary).toBe(`Acme, Inc.; EU: Upgrade; phase 1, part 2 \\ "quoted" ${"ü".repeat(60)}`);
    expect(events[0]!.description).toContain("Affected components: API, v2, Web; EU");
    expect(events[0]!.description).toContain(TEXT);
    expect(text).toContain("SUMMARY:Acme\\, Inc.\\; EU: Upgrade\\; phase 1\\, part 2 \\\\ ");
    expect(text.endsWith("\r\n")).toBe(true);
    const lines = text.split("\r\n").slice(0, -1);
    expect(lines.some((line) => line.startsWith(" "))).toBe(true);
    for (const line of lines) {
      expect(line).not.toMatch(/[\r\n]/);
      expect(Buffer.byteLength(line), line).toBeLessThanOrEqual(75);
    }
  });

  it("clips a vendor's long update text, so 500 events stay a small file", () => {
    const m = makeIncident({
      id: "m-long",
      vendor: "acme",
      kind: "maintenance",
      status: "scheduled",
      scheduledFor: "2026-03-02T22:00:00.000Z",
      updates: [
        {
          id: "u",
          status: "scheduled",
          at: "2026-02-20T10:00:00.000Z",
          message: "x".repeat(100_000),
          components: [],
        },
      ],
    }) as ScheduledMaintenance;
    const { description } = toCalendarEvent(m, "Acme", "https://pingoru.example");
    expect(description.length).toBeLessThan(2_500);
    expect(description).toContain(`${"x".repeat(1_999)}…`);
  });

  it("drops control characters TEXT cannot hold and writes every line break as \\n", () => {
    expect(escapeText("a\u0007b\r\nc\rd\te")).toBe("ab\\nc\\nd\te");
  });

  it("never splits a character when folding", () => {
    const folded = foldLine(`DESCRIPTION:${"é".repeat(50)}🚧${"x".repeat(80)}`);
    for (const line of folded.split("\r\n")) {
      expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
      expect(line).not.toContain("\uFFFD");
    }
    expect(folded.replace(/\r\n /g, "")).toBe(`DESCRIPTION:${"é".repeat(50)}🚧${"x".repeat(80)}`);
  });

  it("answers a repeated fetch with 304 Not Modified while nothing changed", async () => {
    const first = await calendar("/calendar.ics");
    expect(first.etag).toBeTruthy();
    const again = await app().request("http://pingoru.test/calendar.ics", {
      headers: { "if-none-match": first.etag! },
    });
    expect(again.status).toBe(304);
  });

  it("links each event to Pingoru's incident page under PINGORU_PUBLIC_URL when set, the UID the same", async () => {
    const direct = await calendar("/calendar.ics");
    const proxied = createApp({
      store,
      now: () => now,
      pollIntervalSeconds: 60,
      publicUrl: "https://status.example.org/pingoru/",
    });
    const behind = await calendar("/calendar.ics", proxied);
    expect(behind.events[0]!.url).toBe(`https://status.example.org/pingoru/incidents/m-text`);
    expect(behind.events.map((e) => [e.uid, e.sequence])).toEqual(
      direct.events.map((e) => [e.uid, e.sequence]),
    );
    expect(behind.events[0]!.uid).toBe("m-text@pingoru");
  });

  it("answers 404 for an unknown vendor", async () => {
    expect((await app().request("/vendors/nobody/calendar.ics")).status).toBe(404);
  });

  it("needs the read token when one is set, and takes it in the URL as a subscription can only send that", async () => {
    const guarded = createApp({ store, now: () => now, pollIntervalSeconds: 60, readToken: "read-secret" });
    for (const path of ["/calendar.ics", "/vendors/acme/calendar.ics"]) {
      expect((await guarded.request(path)).status, path).toBe(401);
      expect((await guarded.request(`${path}?token=wrong`)).status, path).toBe(401);
      const res = await guarded.request(`${path}?token=read-secret`);
      expect(res.status, path).toBe(200);
      // The token is not repeated in the events' links: those pages ask a browser to sign in.
      expect(await res.text()).not.toContain("read-secret");
    }
  });
});

describe("isCancelled", () => {
  const maintenance = (overrides: Partial<ScheduledMaintenance>) =>
    makeIncident({
      id: "m1",
      vendor: "acme",
      kind: "maintenance",
      status: "completed",
      impact: "maintenance",
      scheduledFor: "2025-08-29T01:25:00.000Z",
      ...overrides,
    }) as ScheduledMaintenance;

  // Closed without a resolved time: when it closed is unknown, but no later than Pingoru first stored
  // it when it was already closed then (not seen live).
  it.each([
    ["stored already closed before its window", "2025-08-28T10:00:00.000Z", false, true],
    ["stored already closed after its window began", "2025-08-29T02:00:00.000Z", false, false],
    ["seen open before its window, closed at an unknown time", "2025-08-28T10:00:00.000Z", true, false],
  ])("closed without a resolved time, %s → %s", (_, detectedAt, seenLive, cancelled) => {
    expect(isCancelled(maintenance({ resolvedAt: null, detectedAt, seenLive }))).toBe(cancelled);
  });

  it("reads the resolved time when there is one", () => {
    expect(isCancelled(maintenance({ resolvedAt: "2025-08-28T10:00:00.000Z" }))).toBe(true);
    expect(isCancelled(maintenance({ resolvedAt: "2025-08-29T02:40:00.000Z" }))).toBe(false);
    expect(isCancelled(maintenance({ status: "scheduled", resolvedAt: null, seenLive: false }))).toBe(false);
  });
});

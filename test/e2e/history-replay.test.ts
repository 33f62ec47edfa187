// Replays GitHub's history.atom as it was on 20 consecutive days, through a real loopback server, the
// real HTTP client, the feed platform and a real store (SQLite and PostgreSQL), and checks the record
// and the events against counts derived here from the files themselves.
import { readdirSync, readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import type { Store } from "../../src/store/store.ts";
import { SHARED_FIXTURES } from "../helpers/fixture-http.ts";
import { startFakeVendor } from "../helpers/fake-vendor.ts";
import { pgRun, pgSchemaOpener } from "../helpers/postgres.ts";
import { openHarness } from "./harness.ts";

const dir = `${SHARED_FIXTURES}statuspage/timeseries/github-history-atom/`;
const days = readdirSync(dir)
  .filter((name) => name.endsWith(".atom"))
  .sort()
  .map((name) => readFileSync(dir + name, "utf8"));

interface Seen {
  updates: string[];
  /** Each update's text, by its key: a text that changes from one day to the next is a vendor's edit. */
  texts: Map<string, string>;
  resolved: boolean;
}

/** Per incident code: its update keys (date, time, word, occurrence) and whether its newest word closes it. */
function readDay(xml: string): Map<string, Seen> {
  const incidents = new Map<string, Seen>();
  for (const entry of xml.split("<entry>").slice(1)) {
    const code = /\/incidents\/([a-z0-9]+)/.exec(entry)![1]!;
    const words = [
      ...entry.matchAll(
        /&lt;small&gt;(\w+) &lt;var data-var='date'&gt;\s*(\d+)&lt;\/var&gt;, &lt;var data-var='time'&gt;([\d:]+)&lt;\/var&gt;.*?&lt;strong&gt;([A-Za-z ]+)&lt;\/strong&gt;(?: - (.*?)&lt;\/p&gt;)?/g,
      ),
    ].map((m) => ({
      word: `${m[1]} ${m[2]} ${m[3]} ${m[4]}`,
      text: (m[5] ?? "").replace(/\s+/g, " ").trim(),
    }));
    const count = new Map<string, number>();
    const texts = new Map<string, string>();
    const updates = [...words].reverse().map(({ word: key, text }) => {
      const n = count.get(key) ?? 0;
      count.set(key, n + 1);
      texts.set(`${key} #${n}`, text);
      return `${key} #${n}`;
    });
    incidents.set(code, {
      updates,
      texts,
      resolved: /^\w+ \d+ [\d:]+ (Resolved|Completed|Postmortem)$/.test(words[0]?.word ?? ""),
    });
  }
  return incidents;
}

/** What a faithful replay must store and record, derived from the files alone. */
function expectedReplay() {
  const updates = new Map<string, Set<string>>();
  const texts = new Map<string, Map<string, string>>();
  let events = 0;
  days.forEach((xml, day) => {
    for (const [code, seen] of readDay(xml)) {
      const known = updates.get(code);
      if (day > 0)
        events += known ? seen.updates.filter((u) => !known.has(u)).length : 1 + (seen.resolved ? 1 : 0);
      // GitHub replaces "A detailed root cause analysis will be shared" with the analysis: one incident.edited.
      const before = texts.get(code);
      if (day > 0 && before && [...seen.texts].some(([key, text]) => (before.get(key) ?? text) !== text))
        events++;
      updates.set(code, new Set([...(known ?? []), ...seen.updates]));
      texts.set(code, new Map([...(before ?? []), ...seen.texts]));
    }
  });
  const totalUpdates = [...updates.values()].reduce((sum, set) => sum + set.size, 0);
  return { incidents: updates.size, updates: totalUpdates, events };
}

async function replay(open: (() => Promise<Store>) | undefined, restartAfterDay: number | null) {
  const vendor = await startFakeVendor({ "/history.atom": days[0]! });
  const h = await openHarness({ ...(open ? { open } : {}), start: "2026-08-03T07:36:07.000Z" });
  try {
    const added = await h.add({ url: `${vendor.url}/history.atom`, slug: "github" });
    expect(added.detection?.kind).toBe("feed");
    expect(added.baseline.events).toEqual([]);
    let events = 0;
    for (const [day, xml] of days.entries()) {
      if (day === 0) continue;
      vendor.serve("/history.atom", xml);
      h.clock.advance(86_400);
      events += (await h.poll("github")).events.length;
      // The same day polled again: the feed is unchanged, nothing happens.
      h.clock.advance(60);
      expect((await h.poll("github")).events).toEqual([]);
      if (day === restartAfterDay) await h.restart();
    }
    const incidents = await h.incidents("github");
    const stored = (await h.store.listEvents({ limit: 500 })).items;
    return {
      incidents: incidents.length,
      updates: incidents.reduce((sum, i) => sum + i.updates.length, 0),
      events,
      storedEvents: stored.length,
      uniqueEventIds: new Set(stored.map((e) => e.id)).size,
      record: incidents.map((i) => ({
        ...i,
        updates: i.updates.map((u) => ({ ...u, message: u.message.length })),
      })),
    };
  } finally {
    await h.close();
    await vendor.close();
  }
}

const pg = pgSchemaOpener();
const pgAfterRestart = pgSchemaOpener();
afterAll(async () => {
  if (pgRun) await Promise.all([pg.drop(), pgAfterRestart.drop()]);
});

describe("replaying 20 days of GitHub's history.atom", () => {
  const want = expectedReplay();

  it("the derived expectation is not trivial", () => {
    expect(want.incidents).toBeGreaterThan(25);
    expect(want.events).toBeGreaterThan(20);
  });

  const stores: [string, (() => Promise<Store>) | undefined, (() => Promise<Store>) | undefined][] = [
    ["SQLite", undefined, undefined],
    ...(pgRun
      ? [["PostgreSQL", pg.open, pgAfterRestart.open] as [string, () => Promise<Store>, () => Promise<Store>]]
      : []),
  ];

  it.each(stores)(
    "on %s: each incident once, each update once, events only for real changes",
    async (_, open, openForRestart) => {
      const straight = await replay(open, null);
      expect(straight).toMatchObject({
        incidents: want.incidents,
        updates: want.updates,
        events: want.events,
      });
      expect(straight.storedEvents).toBe(want.events);
      expect(straight.uniqueEventIds).toBe(want.events);

      // Stopped after day 10 and started again: no duplicate, nothing missing.
      const restarted = await replay(openForRestart, 10);
      expect(restarted).toMatchObject({
        incidents: want.incidents,
        updates: want.updates,
        events: want.events,
      });
      expect(restarted.storedEvents).toBe(want.events);
      expect(restarted.record.map(({ detectedAt: _, ...rest }) => rest)).toEqual(
        straight.record.map(({ detectedAt: _, ...rest }) => rest),
      );
    },
  );
});

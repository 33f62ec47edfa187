// Loads what uptime over a window needs from the store: the vendor's components, its incidents
// overlapping the window, its component changes in the window with each component's state when it begins,
// where its record begins and its partial-outage weight: bounded by the window, not the vendor's history.

import type { Incident, Iso } from "../domain/model.ts";
import type { Vendor } from "../domain/vendor.ts";
import { historyStart, type WindowUptimeInput } from "../domain/uptime.ts";
import type { Store } from "../store/store.ts";
import { PingoruError } from "../lib/errors.ts";
import { parseWindow, incidentQuery } from "./query.ts";

const PAGE = 500;
/** The longest window asked for at once (three years and a leap day). */
export const MAX_WINDOW_DAYS = 1096;

export async function loadUptimeInput(
  store: Store,
  vendor: Vendor,
  from: Date,
  to: Date,
  now: Date,
): Promise<WindowUptimeInput> {
  const [since, until] = [from.toISOString(), to.toISOString()];
  const [components, incidents, changes, older, weight] = await Promise.all([
    store.listComponents(vendor.slug),
    allIncidents(store, vendor.slug, since, until),
    store.listComponentChanges(vendor.slug, since, until),
    store.listIncidents(vendor.slug, { limit: 1, until: since }),
    store.partialOutageWeight(vendor.slug),
  ]);
  const earliest = older.items[0]?.startedAt ?? incidents.map((i) => i.startedAt).sort()[0] ?? null;
  return {
    components,
    incidents,
    changes,
    coverageStart: historyStart(vendor.baselineAt, earliest),
    now,
    from,
    to,
    ...(weight === null ? {} : { partialOutageWeight: weight }),
  };
}

/**
 * from and to of a request (a date `to` runs to the end of its day), bounded; defaults: now, and the
 * last 90 days (or `defaultFrom` of `to`).
 */
export function parseUptimeWindow(
  fromText: string | undefined,
  toText: string | undefined,
  now: Date,
  defaultFrom: (to: Date) => Date = (to) => new Date(to.getTime() - 90 * 86_400_000),
): { from: Date; to: Date } {
  const window = parseWindow(fromText, toText);
  const query = incidentQuery({ kind: null, status: null, component: null, ...window }, 1, null);
  const to = query.until === null ? now : new Date(query.until!);
  const from = query.since === null ? defaultFrom(to) : new Date(query.since!);
  if (from >= to)
    throw new PingoruError("input", `from must be before to, got ${fromText} and ${toText ?? "now"}`);
  if (to.getTime() - from.getTime() > MAX_WINDOW_DAYS * 86_400_000)
    throw new PingoruError("input", `from and to may be at most ${MAX_WINDOW_DAYS} days apart`);
  return { from, to };
}

/** Every incident and maintenance overlapping [since, until), newest first. */
export async function allIncidents(store: Store, slug: string, since: Iso, until?: Iso): Promise<Incident[]> {
  const all: Incident[] = [];
  let before: string | null = null;
  do {
    const page = await store.listIncidents(slug, { limit: PAGE, before, since, until: until ?? null });
    all.push(...page.items);
    before = page.next;
  } while (before !== null);
  return all;
}

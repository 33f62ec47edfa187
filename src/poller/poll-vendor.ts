// One poll of one vendor: fetch → build the record → diff → store, in one transaction.
import { isDeepStrictEqual } from "node:util";
import { diff } from "../domain/diff.ts";
import type {
  ChangeEvent,
  ComponentSnapshot,
  Incident,
  IncidentSnapshot,
  Iso,
  Snapshot,
} from "../domain/model.ts";
import { isClosedStatus } from "../domain/model.ts";
import { buildIncident, componentOrder } from "../domain/record.ts";
import { endUnlisted } from "../domain/unlisted.ts";
import { maintenanceWindows, upcomingMaintenances, type MaintenanceWindow } from "../domain/maintenance.ts";
import { describeError, isPingoruError } from "../lib/errors.ts";
import { shortHash, stableId } from "../lib/hash.ts";
import { routeEvents, withWatchedComponents } from "../notify/route.ts";
import { WRITTEN_MEMORY, type VendorCache } from "./memory-cache.ts";
import { nextPollAt } from "./next-poll.ts";
import type { PollDeps, PolledVendor, PollOutcome, ReadOutcome } from "./poll-deps.ts";
import { readVendorPage } from "./read-page.ts";
import { collectRevisions } from "./vendor-revisions.ts";
import { noteReminded, remindersDue } from "./maintenance-reminders.ts";
import { breakerTrip, recognizeRenamed } from "./source-guards.ts";
import type { ReadResult } from "../platforms/platform.ts";
import type { PollWrite, Store } from "../store/store.ts";
import type { Vendor } from "../domain/vendor.ts";

export type { PollDeps, PolledVendor, PollOutcome, ReadOutcome } from "./poll-deps.ts";

/**
 * The share of good polls after which the worker gives its vendor up (QuietPoll.handOff): whichever
 * worker claims first polls it next. Workers keep their vendors, and the connections to them, for about
 * 16 polls on average, and a worker that joins gets its share of the fleet within minutes.
 */
const HAND_OFF_SHARE = 1 / 16;

export async function pollVendor(vendor: Vendor, deps: PollDeps): Promise<PollOutcome> {
  return recordPoll(vendor, await readVendorPage(vendor, deps), deps);
}

/**
 * The vendor's memory notes validators as soon as a response arrives. If what arrived could not be
 * stored, forget it: otherwise the next poll would see "unchanged" and a lost write would pass for a
 * good one.
 */
function forgetOnFailure(vendor: Pick<Vendor, "slug">, deps: PollDeps): void {
  deps.cacheFor?.(vendor.slug).clear();
}

/** Writes what a read gave — the changes and their events, or the failure — in one transaction. */
export async function recordPoll(
  vendor: PolledVendor,
  read: ReadOutcome,
  deps: PollDeps,
): Promise<PollOutcome> {
  try {
    return await (read.ok
      ? recordSuccess(vendor, read.result, deps)
      : recordFailure(vendor, read.error, deps));
  } catch (error) {
    forgetOnFailure(vendor, deps);
    throw error;
  }
}

async function recordSuccess(vendor: PolledVendor, result: ReadResult, deps: PollDeps): Promise<PollOutcome> {
  const polledAt = deps.now().toISOString();
  const cache = deps.cacheFor?.(vendor.slug);
  const upcoming = result.unchanged
    ? (cache?.upcoming ?? [])
    : upcomingMaintenances(vendor.slug, result.snapshot.incidents);
  if (cache) cache.upcoming = upcoming;
  const reminders = await remindersDue(vendor, upcoming, polledAt, deps);
  const recovered = vendor.stale ? [sourceEvent(vendor, "source.recovered", polledAt, {})] : [];
  const write: PollWrite = {
    vendor: vendor.slug,
    polledAt,
    nextPollAt: nextPollAt(vendor, deps, 0),
    outcome: { ok: true },
    events: [...recovered, ...reminders],
    ...((deps.random ?? Math.random)() < HAND_OFF_SHARE ? { handOff: true } : {}),
  };
  if (result.unchanged && write.events.length === 0 && deps.quietPolls) {
    // Not awaited: the writer batches it and reports a failure itself (quiet-polls.ts). Written only
    // while the vendor's row still holds the claim this poll ran under (vendor.nextPollAt).
    const { nextPollAt: next, handOff = false } = write;
    const poll = { vendor: vendor.slug, polledAt, nextPollAt: next, handOff, leaseUntil: vendor.nextPollAt };
    void deps.quietPolls.write(poll).catch(() => {});
    deps.cacheFor?.(vendor.slug).wrote(polledAt);
    return { ok: true, unchanged: true, events: [], deliveries: 0 };
  }
  if (result.unchanged) {
    await addDeliveries(vendor, write, [], [], deps);
    await savePoll(vendor, write, deps);
    noteReminded(cache, reminders, polledAt);
    return { ok: true, unchanged: true, events: write.events, deliveries: write.deliveries?.length ?? 0 };
  }
  const { fresh, fingerprints } = unwritten(result.snapshot.incidents, cache);
  const changes = await buildChanges(
    vendor,
    { ...result.snapshot, incidents: fresh.map((f) => f.snapshot) },
    result.snapshot,
    polledAt,
    deps.store,
  );
  write.outcome = { ok: true, pageName: result.snapshot.pageName, ...changes.write };
  // An incident opened or closed by this poll changes how soon the vendor is polled again.
  write.nextPollAt = nextPollAt({ ...vendor, openIncidents: changes.openAfter }, deps, 0);
  write.events = [...recovered, ...changes.events, ...reminders];
  const trip = await breakerTrip(vendor, changes.events, polledAt, deps.store);
  if (trip !== null) {
    write.outcome.holdNotifications = trip;
    write.events.push(
      sourceEvent(vendor, "source.degraded", polledAt, { error: trip, circuit_breaker: true }),
    );
  }
  const maintenances = maintenanceWindows(result.snapshot.incidents, polledAt);
  await addDeliveries(vendor, write, changes.write.incidents, result.snapshot.components, deps, maintenances);
  await savePoll(vendor, write, deps);
  noteReminded(cache, reminders, polledAt);
  // What the page lists now is what the record says now. One it stops listing is forgotten: if Pingoru
  // ends it (changes.unlisted), what was written is Pingoru's ending, not the page, and if the page lists
  // it again it is compared with the record.
  cache?.written.replace(fingerprints);
  return { ok: true, unchanged: false, events: write.events, deliveries: write.deliveries?.length ?? 0 };
}

export interface WrittenIncident {
  snapshot: IncidentSnapshot;
  fingerprint: number;
}

/**
 * The incidents that may have changed since the last write (an identical fingerprint means not), and
 * the fingerprints of what the page lists, at most WRITTEN_MEMORY, those that may have changed first:
 * a vendor's memory is bounded by its page, not by its history.
 */
export function unwritten(
  incidents: readonly IncidentSnapshot[],
  cache: Pick<VendorCache, "written"> | undefined,
): { fresh: WrittenIncident[]; fingerprints: number[] } {
  const fresh: WrittenIncident[] = [];
  const same: number[] = [];
  for (const snapshot of incidents) {
    // The snapshot holds its incident's id: the fingerprint says which incident as well as what it says.
    const fingerprint = shortHash(JSON.stringify(snapshot));
    if (cache?.written.has(fingerprint)) same.push(fingerprint);
    else fresh.push({ snapshot, fingerprint });
  }
  const fingerprints = [...fresh.map((f) => f.fingerprint), ...same].slice(0, WRITTEN_MEMORY);
  return { fresh, fingerprints };
}

/** Every incident id the page lists, when it lists every open one; else null (absence says nothing). */
function listedIds(snapshot: Snapshot): ReadonlySet<string> | null {
  return snapshot.listsAllOpen ? new Set(snapshot.incidents.map((incident) => incident.id)) : null;
}

async function buildChanges(vendor: Vendor, snapshot: Snapshot, page: Snapshot, now: Iso, store: Store) {
  const listed = listedIds(page);
  const stored = await store.loadRecord(
    vendor.slug,
    snapshot.incidents.map((incident) => incident.id),
    listed === null ? {} : { openNotIn: listed },
  );
  const baseline = vendor.baselineAt === null;
  const ctx = { vendor: vendor.slug, now, baseline, componentOrder: componentOrder(snapshot.components) };
  // At the baseline nothing is new, so nothing needs recognising.
  const recognized = baseline
    ? { incidents: snapshot.incidents, found: [] }
    : await recognizeRenamed(vendor.slug, snapshot.incidents, stored, ctx, store);
  const storedIncidents = [...stored.incidents, ...recognized.found];
  const storedById = new Map(storedIncidents.map((incident) => [incident.vendorIncidentId, incident]));
  const onPage = listed && new Set([...listed, ...recognized.found.map((i) => i.vendorIncidentId)]);
  const unlisted = storedIncidents
    .filter((incident) => onPage !== null && !onPage.has(incident.vendorIncidentId))
    .filter((incident) => !isClosedStatus(incident.status)) // a named one may be closed
    .map((incident) => endUnlisted(incident, now));
  const built = [...recognized.incidents, ...unlisted].map((seen) => ({
    seen,
    incident: buildIncident(seen, storedById.get(seen.id) ?? null, ctx),
  }));
  const incidents = built.map((b) => b.incident);
  const changed = incidents.filter(
    (incident) => !sameIncident(storedById.get(incident.vendorIncidentId), incident),
  );
  const events = diff(
    vendor.slug,
    baseline ? null : { components: stored.components, incidents: storedIncidents },
    { components: snapshot.components, incidents: changed },
    now,
    vendor.baselineAt ?? vendor.createdAt,
  );
  const components = sameComponents(stored.components, snapshot.components) ? undefined : snapshot.components;
  const unstableIds = recognized.found.length > 0;
  // At the baseline nothing was seen before, so nothing can have been edited.
  const revised = baseline
    ? { revisions: [], events: [] }
    : await collectRevisions(
        {
          ...{ vendor: vendor.slug, now, storedComponents: stored.components, storedById, built },
          ...{
            components: snapshot.components,
            listed: page.incidents,
            listedSince: page.incidentsListedSince,
          },
          renamedIds: recognized.found.map((i) => i.vendorIncidentId),
        },
        store,
      );
  return {
    events: [...events, ...revised.events],
    openAfter: openAfter(vendor.openIncidents, changed, storedById),
    write: {
      ...(revised.revisions.length > 0 ? { revisions: revised.revisions } : {}),
      incidents: changed,
      ...(components ? { components } : {}),
      ...(unstableIds ? { unstableIds } : {}),
    },
    unlisted: unlisted.map((incident) => incident.id),
  };
}

/** The vendor's open incidents once this poll is written: those before, less the closed, plus the opened. */
function openAfter(
  before: number,
  changed: readonly Incident[],
  stored: ReadonlyMap<string, Incident>,
): number {
  const open = (incident: Incident | undefined) =>
    incident !== undefined && incident.kind === "incident" && !isClosedStatus(incident.status) ? 1 : 0;
  const delta = changed.reduce((n, i) => n + open(i) - open(stored.get(i.vendorIncidentId)), 0);
  return Math.max(0, before + delta);
}

function sameIncident(a: Incident | undefined, b: Incident): boolean {
  return a !== undefined && isDeepStrictEqual(a, b);
}

function sameComponents(a: readonly ComponentSnapshot[], b: readonly ComponentSnapshot[]): boolean {
  return a.length === b.length && isDeepStrictEqual(a, b);
}

async function recordFailure(vendor: PolledVendor, error: unknown, deps: PollDeps): Promise<PollOutcome> {
  const polledAt = deps.now().toISOString();
  const message = describeError(error);
  const failures = vendor.failures + 1;
  const retryAfterSeconds = isPingoruError(error) ? error.retryAfterSeconds : undefined;
  // One degraded event per outage: only on the transition from fresh to stale.
  const events = vendor.stale ? [] : [sourceEvent(vendor, "source.degraded", polledAt, { error: message })];
  const write: PollWrite = {
    vendor: vendor.slug,
    polledAt,
    nextPollAt: nextPollAt(vendor, deps, failures, retryAfterSeconds),
    outcome: { ok: false, error: message, failures },
    events,
  };
  await addDeliveries(vendor, write, [], [], deps);
  await savePoll(vendor, write, deps);
  return { ok: false, unchanged: false, events, deliveries: write.deliveries?.length ?? 0, error: message };
}

/** Writes the poll; the vendor's memory notes it, so it stays valid for this process's next poll. */
async function savePoll(vendor: Vendor, write: PollWrite, deps: PollDeps): Promise<void> {
  await deps.store.savePoll(write);
  deps.cacheFor?.(vendor.slug).wrote(write.polledAt);
}

/**
 * Routes the poll's events to the subscriptions, so the deliveries commit in the same transaction as
 * the events (the outbox). A baseline poll has no events and so notifies nothing, and a vendor whose
 * circuit breaker holds (or trips now) notifies nothing until a person resets it.
 */
async function addDeliveries(
  vendor: Vendor,
  write: PollWrite,
  incidents: readonly Incident[],
  components: readonly ComponentSnapshot[],
  deps: PollDeps,
  maintenances: readonly MaintenanceWindow[] = [],
): Promise<void> {
  if (write.events.length === 0) return;
  if (vendor.notificationsHeld || (write.outcome.ok && write.outcome.holdNotifications)) return;
  const subscriptions = await deps.store.listSubscriptions();
  if (subscriptions.length === 0) return;
  write.deliveries = routeEvents({
    events: write.events,
    incidents: new Map(incidents.map((incident) => [incident.id, incident])),
    components,
    subscriptions: withWatchedComponents(subscriptions, write.vendor, vendor.watchedComponents),
    now: write.polledAt,
    maintenances,
    ...(deps.flapWindowSeconds === undefined ? {} : { flapWindowSeconds: deps.flapWindowSeconds }),
  });
}

function sourceEvent(
  vendor: Vendor,
  type: "source.degraded" | "source.recovered",
  at: Iso,
  data: Record<string, unknown>,
): ChangeEvent {
  return {
    id: stableId(vendor.slug, "source", type, at),
    type,
    vendor: vendor.slug,
    incidentId: null,
    componentId: null,
    at,
    data,
  };
}

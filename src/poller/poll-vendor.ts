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
import { nextPollDelaySeconds } from "../lib/backoff.ts";
import { describeError, isPingoruError } from "../lib/errors.ts";
import { hashBody, stableId } from "../lib/hash.ts";
import { routeEvents, withWatchedComponents } from "../notify/route.ts";
import type { ConditionalCache, HttpClient } from "../lib/http-client.ts";
import { WRITTEN_MEMORY, type VendorCache } from "./memory-cache.ts";
import type { QuietPollWriter } from "./quiet-polls.ts";
import type { PageRef, Platform, ReadResult } from "../platforms/platform.ts";
import type { PollWrite, Store } from "../store/store.ts";
import type { Vendor } from "../domain/vendor.ts";

export interface PollDeps {
  store: Store;
  http: HttpClient;
  platform: (kind: string) => Platform;
  now: () => Date;
  defaultIntervalSeconds: number;
  /** Per-vendor conditional caches; absent means every poll parses. */
  cacheFor?: ((slug: string) => VendorCache) | undefined;
  random?: () => number;
  /** How long a component-only notification waits for the component to flap back (default 120 s). */
  flapWindowSeconds?: number;
  /** Where a poll that found nothing new writes its row, batched with others (serve); else its own write. */
  quietPolls?: QuietPollWriter | undefined;
}

/** A vendor being polled; `dueAt` (from the scheduler's claim) anchors its next due time. */
export type PolledVendor = Vendor & { dueAt?: Iso };

export interface PollOutcome {
  ok: boolean;
  unchanged: boolean;
  events: ChangeEvent[];
  error?: string;
}

export type ReadOutcome = { ok: true; result: ReadResult } | { ok: false; error: unknown };

export async function pollVendor(vendor: Vendor, deps: PollDeps): Promise<PollOutcome> {
  return recordPoll(vendor, await readVendorPage(vendor, deps), deps);
}

/**
 * The cache remembers bodies as soon as they arrive. If what arrived could not be parsed or stored,
 * forget it: otherwise the next poll would see "unchanged" and a broken page or a lost write would pass
 * for a good one.
 */
function forgetOnFailure(vendor: Pick<Vendor, "slug">, deps: PollDeps): void {
  deps.cacheFor?.(vendor.slug).clear();
}

/** Fetches and parses the vendor's page; failures are returned as data, never thrown. */
export async function readVendorPage(
  vendor: Pick<Vendor, "slug" | "url" | "feedUrl" | "platform" | "platformOptions"> &
    Partial<Pick<Vendor, "lastPolledAt">>,
  deps: PollDeps,
): Promise<ReadOutcome> {
  const cache = deps.cacheFor?.(vendor.slug);
  const page = { url: vendor.url, feedUrl: vendor.feedUrl, options: vendor.platformOptions };
  cache?.useFor(JSON.stringify([vendor.platform, page]), vendor.lastPolledAt ?? null);
  const platform = deps.platform(vendor.platform);
  try {
    if (!cache) return { ok: true, result: await platform.read(page, { http: deps.http }) };
    const now = deps.now().getTime();
    const fullRead = cache.fullReadDue(now);
    const result = await readKeepingNoBodies(platform, page, { cache, fullRead }, deps.http);
    if (fullRead) cache.fullReadDone(now);
    return { ok: true, result };
  } catch (error) {
    forgetOnFailure(vendor, deps);
    return { ok: false, error };
  }
}

/**
 * The vendor's memory keeps validators, not bodies. So when some of a page's documents come back
 * unchanged (a 304, or the same bytes) while another changed, the platform had no body for the
 * unchanged ones and its read says nothing true: read once more, this time without validators.
 */
async function readKeepingNoBodies(
  platform: Platform,
  page: PageRef,
  { cache, fullRead }: { cache: VendorCache; fullRead: boolean },
  http: HttpClient,
): Promise<ReadResult> {
  let bodyless = false;
  const watching: HttpClient = {
    async get(url, options) {
      const response = await http.get(url, options);
      if (response.notModified && response.body === "") bodyless = true;
      return response;
    },
  };
  try {
    const ctx = { http: watching, cache, fullRead };
    const result = await platform.read(page, ctx);
    if (result.unchanged || !bodyless) return result;
  } catch (error) {
    if (!bodyless) throw error;
  }
  const validatorsOnlyOnWrite: ConditionalCache = {
    get: () => undefined,
    set: (url, e) => cache.set(url, e),
  };
  return platform.read(page, {
    http,
    cache: validatorsOnlyOnWrite,
    fullRead: true,
  });
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
  const recovered = vendor.stale ? [sourceEvent(vendor, "source.recovered", polledAt, {})] : [];
  const write: PollWrite = {
    vendor: vendor.slug,
    polledAt,
    nextPollAt: nextPollAt(vendor, deps, 0),
    outcome: { ok: true },
    events: recovered,
  };
  if (result.unchanged && recovered.length === 0 && deps.quietPolls) {
    // Not awaited: the writer batches it and reports a failure itself (quiet-polls.ts).
    void deps.quietPolls
      .write({ vendor: vendor.slug, polledAt, nextPollAt: write.nextPollAt })
      .catch(() => {});
    deps.cacheFor?.(vendor.slug).wrote(polledAt);
    return { ok: true, unchanged: true, events: [] };
  }
  if (result.unchanged) {
    await addDeliveries(vendor, write, [], [], deps);
    await savePoll(vendor, write, deps);
    return { ok: true, unchanged: true, events: recovered };
  }
  const cache = deps.cacheFor?.(vendor.slug);
  const fresh = unwritten(result.snapshot.incidents, cache);
  const changes = await buildChanges(
    vendor,
    { ...result.snapshot, incidents: fresh.map((f) => f.snapshot) },
    listedIds(result.snapshot),
    polledAt,
    deps.store,
  );
  write.outcome = { ok: true, pageName: result.snapshot.pageName, ...changes.write };
  write.events = [...recovered, ...changes.events];
  await addDeliveries(vendor, write, changes.write.incidents, result.snapshot.components, deps);
  await savePoll(vendor, write, deps);
  if (cache) remember(cache.written, fresh);
  // What was written for these is Pingoru's ending, not the page: if the page lists one again, it is new.
  for (const id of changes.unlisted) cache?.written.delete(id);
  return { ok: true, unchanged: false, events: write.events };
}

interface WrittenIncident {
  snapshot: IncidentSnapshot;
  fingerprint: string;
}

/** The incidents that may have changed since the last write: an identical fingerprint means not. */
function unwritten(
  incidents: readonly IncidentSnapshot[],
  cache: VendorCache | undefined,
): WrittenIncident[] {
  const fresh: WrittenIncident[] = [];
  for (const snapshot of incidents) {
    const fingerprint = hashBody(JSON.stringify(snapshot));
    if (cache?.written.get(snapshot.id) !== fingerprint) fresh.push({ snapshot, fingerprint });
  }
  return fresh;
}

/** Notes what was written, newest last, keeping only the most recent (memory stays bounded). */
function remember(written: Map<string, string>, fresh: readonly WrittenIncident[]): void {
  for (const { snapshot, fingerprint } of fresh) {
    written.delete(snapshot.id);
    written.set(snapshot.id, fingerprint);
  }
  for (const id of written.keys()) {
    if (written.size <= WRITTEN_MEMORY) break;
    written.delete(id);
  }
}

/** Every incident id the page lists, when it lists every open one; else null (absence says nothing). */
function listedIds(snapshot: Snapshot): ReadonlySet<string> | null {
  return snapshot.listsAllOpen ? new Set(snapshot.incidents.map((incident) => incident.id)) : null;
}

async function buildChanges(
  vendor: Vendor,
  snapshot: Snapshot,
  listed: ReadonlySet<string> | null,
  now: Iso,
  store: Store,
) {
  const stored = await store.loadRecord(
    vendor.slug,
    snapshot.incidents.map((incident) => incident.id),
    listed === null ? {} : { openNotIn: listed },
  );
  const baseline = vendor.baselineAt === null;
  const order = componentOrder(snapshot.components);
  const storedById = new Map(stored.incidents.map((incident) => [incident.vendorIncidentId, incident]));
  const unlisted = stored.incidents
    .filter((incident) => listed !== null && !listed.has(incident.vendorIncidentId))
    .filter((incident) => !isClosedStatus(incident.status)) // a named one may be closed
    .map((incident) => endUnlisted(incident, now));
  const incidents = [...snapshot.incidents, ...unlisted].map((seen) =>
    buildIncident(seen, storedById.get(seen.id) ?? null, {
      vendor: vendor.slug,
      now,
      baseline,
      componentOrder: order,
    }),
  );
  const changed = incidents.filter(
    (incident) => !sameIncident(storedById.get(incident.vendorIncidentId), incident),
  );
  const events = diff(
    vendor.slug,
    baseline ? null : stored,
    { components: snapshot.components, incidents: changed },
    now,
  );
  const components = sameComponents(stored.components, snapshot.components) ? undefined : snapshot.components;
  return {
    events,
    write: { incidents: changed, ...(components ? { components } : {}) },
    unlisted: unlisted.map((incident) => incident.id),
  };
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
  return { ok: false, unchanged: false, events, error: message };
}

/** Writes the poll; the vendor's memory notes it, so it stays valid for this process's next poll. */
async function savePoll(vendor: Vendor, write: PollWrite, deps: PollDeps): Promise<void> {
  await deps.store.savePoll(write);
  deps.cacheFor?.(vendor.slug).wrote(write.polledAt);
}

/**
 * Routes the poll's events to the subscriptions, so the deliveries commit in the same transaction as
 * the events (the outbox). A baseline poll has no events and so notifies nothing.
 */
async function addDeliveries(
  vendor: Vendor,
  write: PollWrite,
  incidents: readonly Incident[],
  components: readonly ComponentSnapshot[],
  deps: PollDeps,
): Promise<void> {
  if (write.events.length === 0) return;
  const subscriptions = await deps.store.listSubscriptions();
  if (subscriptions.length === 0) return;
  write.deliveries = routeEvents({
    events: write.events,
    incidents: new Map(incidents.map((incident) => [incident.id, incident])),
    components,
    subscriptions: withWatchedComponents(subscriptions, write.vendor, vendor.watchedComponents),
    now: write.polledAt,
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

/**
 * When the vendor is due again. A good poll keeps the vendor's rhythm: an interval after the time it was
 * due (±2%, so vendors drift apart), not after it happened to run, so a poll that started late or took
 * long does not push every later one back. A vendor more than half an interval behind starts a new
 * rhythm from now (±10%, which spreads a crowd, such as a fleet added at once), so two polls are never
 * less than half an interval apart. Failures back off from now.
 */
function nextPollAt(vendor: PolledVendor, deps: PollDeps, failures: number, retryAfterSeconds?: number): Iso {
  const intervalSeconds = vendor.intervalSeconds ?? deps.defaultIntervalSeconds;
  const now = deps.now().getTime();
  const random = deps.random ?? Math.random;
  if (failures === 0 && retryAfterSeconds === undefined) {
    const dueAt = vendor.dueAt === undefined ? now : Date.parse(vendor.dueAt);
    const anchored = dueAt + intervalSeconds * 1000 * (0.98 + random() * 0.04);
    if (anchored - now >= (intervalSeconds * 1000) / 2) return new Date(anchored).toISOString();
  }
  const delay = nextPollDelaySeconds({ intervalSeconds, failures, retryAfterSeconds, random });
  return new Date(now + delay * 1000).toISOString();
}

// Turns what a poll saw of one incident, plus what was stored before, into the true record (DESIGN §5).
import {
  isClosedStatus,
  type ComponentState,
  type Incident,
  type IncidentSnapshot,
  type Iso,
  type UpdateSnapshot,
} from "./model.ts";
import { stableId } from "../lib/hash.ts";
import { isUnlistedUpdate } from "./unlisted.ts";
import { dateUndated } from "./undated.ts";
import { markPostmortems, postmortemOf, withPostmortemStatus } from "./postmortem.ts";
import { classifyComponents, componentRank, inRankOrder } from "./affected.ts";

export interface RecordContext {
  vendor: string;
  now: Iso;
  /** True on the vendor's first successful poll: nothing is "new" then. */
  baseline: boolean;
  /** Component id or name → the vendor's position, to order component lists. */
  componentOrder: ReadonlyMap<string, number>;
}

export function incidentId(vendor: string, vendorIncidentId: string): string {
  return stableId(vendor, vendorIncidentId);
}

export function buildIncident(seen: IncidentSnapshot, prev: Incident | null, ctx: RecordContext): Incident {
  const stored = storedUpdates(prev, seen);
  const merged = mergeUpdates(stored, markPostmortems(dateUndated(seen.updates, stored, ctx.now), stored));
  const withIds = idResolver(merged);
  const named = merged.map((u) => ({ ...u, components: withIds(u.components) }));
  const incidentLevel = withIds(seen.components);
  // Every list in the vendor's order, whatever order each update of its feed used.
  const states = [...named.flatMap((u) => u.components), ...incidentLevel];
  const rank = componentRank(ctx.componentOrder, states);
  const updates = named.map((u) => ({ ...u, components: inRankOrder(u.components, rank) }));
  const startedAt = earliestStart(seen, updates, prev);
  const detectedAt = prev?.detectedAt ?? ctx.now;
  const firstSeenLater = prev === null ? !ctx.baseline : prev.detectionLagSeconds !== null;
  return {
    id: incidentId(ctx.vendor, seen.id),
    vendor: ctx.vendor,
    vendorIncidentId: seen.id,
    kind: seen.kind,
    title: seen.title.trim() || prev?.title || titleFromUpdates(updates),
    status: withPostmortemStatus(seen.status, updates),
    impact: seen.impact,
    url: seen.url ?? prev?.url ?? null,
    startedAt,
    resolvedAt: resolvedAt(seen, updates),
    scheduledFor: seen.scheduledFor ?? prev?.scheduledFor ?? null,
    scheduledUntil: seen.scheduledUntil ?? prev?.scheduledUntil ?? null,
    detectedAt,
    seenLive: prev?.seenLive ?? !isClosedStatus(seen.status),
    detectionLagSeconds: firstSeenLater ? Math.max(0, seconds(startedAt, detectedAt)) : null,
    ...postmortemOf(updates),
    ...classifyComponents(states, rank),
    updates,
  };
}

/** The stored updates, less Pingoru's own "no longer listed" ending once the vendor lists the incident again. */
function storedUpdates(prev: Incident | null, seen: IncidentSnapshot): readonly UpdateSnapshot[] {
  const updates = prev?.updates ?? [];
  const relisted = !seen.updates.some(isUnlistedUpdate);
  return relisted ? updates.filter((update) => !isUnlistedUpdate(update)) : updates;
}

/**
 * Union of stored and seen updates, oldest first. An update is matched by id, else by incident, time
 * (to the second) and status: sources of one vendor (its JSON and its feed) give the same update
 * different ids, and it must stay one update, under the id it was first stored with.
 */
function mergeUpdates(stored: readonly UpdateSnapshot[], seen: readonly UpdateSnapshot[]): UpdateSnapshot[] {
  const byId = new Map<string, UpdateSnapshot>(stored.map((update) => [update.id, update]));
  const byMoment = new Map<string, string[]>();
  for (const update of stored)
    byMoment.set(moment(update), [...(byMoment.get(moment(update)) ?? []), update.id]);
  const seenIds = new Set(seen.map((update) => update.id));
  for (const update of seen) {
    if (byId.has(update.id)) {
      const old = byId.get(update.id)!;
      // What the vendor sends now wins, but a source that names no components does not erase them.
      byId.set(update.id, update.components.length > 0 ? update : { ...update, components: old.components });
      continue;
    }
    const twinId = byMoment.get(moment(update))?.find((id) => !seenIds.has(id));
    const twin = twinId === undefined ? undefined : byId.get(twinId);
    if (twin === undefined) byId.set(update.id, update);
    else {
      seenIds.add(twin.id);
      if (twin.components.length === 0) byId.set(twin.id, { ...twin, components: update.components });
    }
  }
  return [...byId.values()]
    .map((update, index) => ({ update, index }))
    .sort((a, b) => (a.update.at < b.update.at ? -1 : a.update.at > b.update.at ? 1 : a.index - b.index))
    .map(({ update }) => update);
}

function moment(update: UpdateSnapshot): string {
  return `${update.at.slice(0, 19)}|${update.status}`;
}

/**
 * A source that names components without ids (a feed) gets the id another update of the same incident
 * gave that name, when exactly one was given: the same component is then listed once, not twice.
 */
function idResolver(
  updates: readonly UpdateSnapshot[],
): (states: readonly ComponentState[]) => ComponentState[] {
  const ids = new Map<string, Set<string>>();
  for (const state of updates.flatMap((u) => u.components))
    if (state.id !== null) ids.set(state.name, (ids.get(state.name) ?? new Set()).add(state.id));
  const resolve = (state: ComponentState): ComponentState => {
    const candidates = state.id === null ? ids.get(state.name) : undefined;
    return candidates?.size === 1 ? { ...state, id: [...candidates][0]! } : state;
  };
  return (states) => states.map(resolve);
}

function earliestStart(
  seen: IncidentSnapshot,
  updates: readonly UpdateSnapshot[],
  prev: Incident | null,
): Iso {
  if (seen.kind === "maintenance" && seen.scheduledFor !== null) {
    // A maintenance starts when scheduled, or earlier if the vendor started it early.
    const started = updates.find((u) => u.status === "in_progress")?.at;
    return started !== undefined && started < seen.scheduledFor ? started : seen.scheduledFor;
  }
  const candidates = [seen.startedAt, updates[0]?.at, prev?.startedAt].filter((t): t is Iso => !!t);
  return candidates.reduce((a, b) => (b < a ? b : a), candidates[0] ?? "1970-01-01T00:00:00.000Z");
}

/** The time of the update that last moved the incident from open into closed; null while open. */
function resolvedAt(seen: IncidentSnapshot, updates: readonly UpdateSnapshot[]): Iso | null {
  if (!isClosedStatus(seen.status)) return null;
  let closedAt: Iso | null = null;
  let open = true;
  for (const update of updates) {
    const closed = isClosedStatus(update.status);
    if (closed && open) closedAt = update.at;
    if (!closed) closedAt = null;
    open = !closed;
  }
  return closedAt ?? updates.at(-1)?.at ?? null;
}

function titleFromUpdates(updates: readonly UpdateSnapshot[]): string {
  const text = plainText(updates[0]?.message ?? "");
  const sentence = /^(.+?[.!?])(\s|$)/.exec(text)?.[1] ?? text;
  return sentence.length > 140 ? `${sentence.slice(0, 139)}…` : sentence || "Untitled incident";
}

function plainText(html: string): string {
  return html
    .replace(/<[^<>]*>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

function seconds(from: Iso, to: Iso): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 1000);
}

/** Order map for a vendor's components, by id and by name. */
export function componentOrder(components: readonly { id: string; name: string; position: number }[]) {
  const order = new Map<string, number>();
  components.forEach((c, index) => {
    order.set(c.id, index);
    if (!order.has(c.name)) order.set(c.name, index);
  });
  return order;
}

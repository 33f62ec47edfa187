// The hold-back for component changes (route.ts holds each for the flap window). When a held change
// comes due, it is judged against the other changes of the same component for the same subscription:
// - a later change is still held: this one is superseded (suppressed, marked so); the later one will
//   speak for both, so a component flapping every poll sends nothing while it flaps;
// - it is the last: the net change since the first of that run of superseded changes is what is
//   sent (one message), or nothing when the component is back where the run started.
// A run is every change since the last one the receiver was told of (held changes that were
// suppressed told it nothing), so the net change is always from what the receiver last heard. After
// MAX_RUN_SECONDS of a run, changes stop superseding each other: a component that flaps for ever
// still gets its net change said, about once per MAX_RUN_SECONDS.
import type { ChangeEvent, Iso } from "../domain/model.ts";
import type { Delivery, Notification } from "../domain/notification.ts";
import type { Store } from "../store/store.ts";

/** How long changes of one component may keep superseding each other before the net change is sent. */
export const MAX_RUN_SECONDS = 30 * 60;

/** The lastError a superseded delivery is suppressed with; the next one in the run finds it by this. */
export const SUPERSEDED = "superseded: a later change of the same component was still held";

/** How many of a subscription's deliveries are looked through for the run (newest first). */
const LOOKBACK = 1000;
const PAGE = 200;

export type HeldVerdict =
  { action: "send"; netFrom: string | null } | { action: "suppress"; reason: string | null };

/** What to do with a due delivery (only component-only deliveries are ever held back). */
export async function judgeHeld(store: Store, delivery: Delivery, now: Iso): Promise<HeldVerdict> {
  if (delivery.componentId === null || delivery.incidentId !== null) return { action: "send", netFrom: null };
  const events = await store.getEvents(delivery.eventIds);
  if (events.length === 0 || events.some((e) => e.type !== "component.changed"))
    return { action: "send", netFrom: null };
  const { later, run } = await neighbours(store, delivery);
  const runStart = run.at(-1) ?? delivery;
  const runAge = (Date.parse(now) - Date.parse(runStart.createdAt)) / 1000;
  if (later && runAge < MAX_RUN_SECONDS) return { action: "suppress", reason: SUPERSEDED };
  const firstEvents = run.length === 0 ? events : await store.getEvents(runStart.eventIds);
  const netFrom = String(earliest(firstEvents)?.data.from ?? "");
  const current = (await store.listComponents(delivery.vendor)).find((c) => c.id === delivery.componentId);
  // Back where the run started (whatever happened in between): it flapped, nothing to say.
  if (current !== undefined && current.status === netFrom) return { action: "suppress", reason: null };
  return { action: "send", netFrom: run.length === 0 ? null : netFrom };
}

/**
 * The same subscription's deliveries of this component: whether a later one is still pending, and the
 * run of suppressed ones just before this delivery (newest first), back to the last one sent.
 */
async function neighbours(store: Store, delivery: Delivery) {
  const sameComponent = (d: Delivery) =>
    d.id !== delivery.id && d.incidentId === null && d.componentId === delivery.componentId;
  let later = false;
  const run: Delivery[] = [];
  let passed = false;
  let before: string | null = null;
  for (let seen = 0; seen < LOOKBACK; seen += PAGE) {
    const page = await store.listDeliveries({ limit: PAGE, before, subscription: delivery.subscription });
    for (const d of page.items) {
      if (d.id === delivery.id) {
        passed = true;
        continue;
      }
      if (!sameComponent(d)) continue;
      if (!passed) {
        if (d.status === "pending" && d.createdAt >= delivery.createdAt) later = true;
        continue;
      }
      // Suppressed ones (superseded, or flapped back) told the receiver nothing: the run goes on.
      if (d.status === "suppressed") run.push(d);
      else return { later, run };
    }
    if (page.next === null) break;
    before = page.next;
  }
  return { later, run };
}

function earliest(events: readonly ChangeEvent[]): ChangeEvent | undefined {
  return [...events].sort((a, b) => a.at.localeCompare(b.at))[0];
}

/** The notification with its component changes folded into one: from the run's start to now. */
export function withNetChange(notification: Notification, netFrom: string | null): Notification {
  if (netFrom === null) return notification;
  const changes = notification.events.filter((e) => e.type === "component.changed");
  const last = changes.at(-1);
  if (last === undefined) return notification;
  const net: ChangeEvent = { ...last, data: { ...last.data, from: netFrom } };
  return {
    ...notification,
    events: [...notification.events.filter((e) => e.type !== "component.changed"), net],
  };
}

// Watches the SLA targets while serve runs (issue 11): `sla.breached` the moment a month's downtime
// passes a target's allowance, `sla.claim_due` before a breached month's claim window closes (rules in
// domain/sla-events.ts). A vendor is checked when a poll recorded a change for it, and on a coarse
// timer only when its next check is due: while something is down, when the allowance could be used up
// at the earliest; when a claim reminder falls due. Each tick reads the targets (a small table) and
// nothing else unless a vendor is due, so a quiet fleet costs one read a minute. A change of a vendor
// without a target (as of the last read) reads nothing: a target added since is checked, as new, on
// the next tick.
// Multi-worker and restart safe: the events' ids are deterministic and the store writes each (and its
// deliveries) once; the memory only spares writing them again from this process.
import type { ChangeEvent } from "../domain/model.ts";
import { monthWindow, type SlaTarget } from "../domain/sla.ts";
import {
  checkBreach,
  claimDueEvents,
  claimReminderMonth,
  monthOf,
  previousMonth,
} from "../domain/sla-events.ts";
import type { WindowUptimeInput } from "../domain/uptime.ts";
import type { Vendor } from "../domain/vendor.ts";
import { routeEvents, withWatchedComponents } from "../notify/route.ts";
import type { Store } from "../store/store.ts";

/** What uptime over a window needs from the store (http/uptime-load.ts, wired by serve). */
export type LoadUptime = (vendor: Vendor, from: Date, to: Date, now: Date) => Promise<WindowUptimeInput>;

export interface SlaWatchOptions {
  store: Store;
  loadUptime: LoadUptime;
  now: () => Date;
  /** Between ticks (default a minute). */
  tickMs?: number;
  /** Days before a claim window closes that `sla.claim_due` is sent (default SLA_CLAIM_REMIND_DAYS). */
  claimRemindDays?: number;
  /** After events were written: how many were new, and how many deliveries they caused. */
  onWritten?: (events: readonly ChangeEvent[], deliveries: number) => void;
  /** After each vendor's check: when it is due again (null: on a change). */
  onChecked?: (slug: string, nextCheckAt: Date | null) => void;
  onError?: (error: unknown, vendor?: string) => void;
}

export interface SlaWatch {
  /** A poll recorded a change for this vendor: check it now (if it has a target). */
  changed(slug: string): void;
  /** Checks every vendor that is due (or changed); resolves when done. */
  tick(): Promise<void>;
  start(): void;
  /** Stops the timer and waits for a check in progress. */
  stop(): Promise<void>;
}

const TICK_MS = 60_000;

export function createSlaWatch(options: SlaWatchOptions): SlaWatch {
  const { store, now } = options;
  /** Per vendor: its targets as last checked, and when it must be checked again (ms; Infinity: on a change). */
  const due = new Map<string, { targets: string; at: number }>();
  const changed = new Set<string>();
  /** The vendors with a target as of the last read (null: not read yet). */
  let withTargets: ReadonlySet<string> | null = null;
  /** Event ids this process wrote, by month: not written again. */
  const written = new Map<string, string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  async function pass(): Promise<void> {
    const at = now();
    const byVendor = groupByVendor(await store.listSlas());
    withTargets = new Set(byVendor.keys());
    for (const slug of [...due.keys()]) if (!byVendor.has(slug)) due.delete(slug);
    for (const [slug, targets] of byVendor) {
      const key = JSON.stringify(targets);
      const memory = due.get(slug);
      if (!changed.has(slug) && memory?.targets === key && at.getTime() < memory.at) continue;
      changed.delete(slug);
      try {
        const next = await check(slug, targets, at);
        due.set(slug, { targets: key, at: next });
        options.onChecked?.(slug, Number.isFinite(next) ? new Date(next) : null);
      } catch (error) {
        due.delete(slug); // tried again on the next tick
        options.onError?.(error, slug);
      }
    }
    for (const slug of changed) if (!byVendor.has(slug)) changed.delete(slug);
    forgetOldMonths(written, previousMonth(monthOf(at)));
  }

  /** Checks one vendor's targets; gives when to check again. */
  async function check(slug: string, targets: readonly SlaTarget[], at: Date): Promise<number> {
    const vendor = await store.getVendor(slug);
    if (vendor === null) return Infinity;
    const current = monthOf(at);
    const previous = previousMonth(current);
    // Last month too: a breach that passed just before it ended, or an incident the vendor back-dated.
    const input = await options.loadUptime(vendor, monthWindow(previous).from, monthWindow(current).to, at);
    const events: ChangeEvent[] = [];
    const rechecks: number[] = [];
    for (const target of targets) {
      for (const month of [previous, current]) {
        const breach = checkBreach(target, month, input, vendor.baselineAt);
        events.push(...breach.events);
        if (breach.recheckAt !== null) rechecks.push(breach.recheckAt.getTime());
      }
      const claim = claimReminderMonth(target, at, options.claimRemindDays);
      if (claim.nextDueAt !== null) rechecks.push(claim.nextDueAt.getTime());
      if (claim.month !== null) {
        const claimInput =
          claim.month === previous
            ? input
            : await options.loadUptime(
                vendor,
                monthWindow(claim.month).from,
                monthWindow(claim.month).to,
                at,
              );
        events.push(...claimDueEvents(target, claim.month, claimInput, vendor.baselineAt));
      }
    }
    await write(vendor, events, at);
    return Math.min(Infinity, ...rechecks);
  }

  /** Writes the events not yet written from here, with their deliveries (none while the vendor's are held). */
  async function write(vendor: Vendor, events: readonly ChangeEvent[], at: Date): Promise<void> {
    const fresh = events.filter((event) => !written.has(event.id));
    if (fresh.length === 0) return;
    const subscriptions = vendor.notificationsHeld ? [] : await store.listSubscriptions();
    const deliveries = routeEvents({
      events: fresh,
      incidents: new Map(),
      components: [],
      subscriptions: withWatchedComponents(subscriptions, vendor.slug, vendor.watchedComponents),
      now: at.toISOString(),
    });
    const stored = await store.saveEvents(fresh, deliveries);
    for (const event of fresh) written.set(event.id, String(event.data.month));
    if (stored > 0) options.onWritten?.(fresh, deliveries.length);
  }

  /** One pass at a time; a change or tick meanwhile runs one more pass after it. */
  function run(): Promise<void> {
    if (running !== null) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await pass();
        } catch (error) {
          options.onError?.(error);
        }
      } while (again && !stopped);
      running = null;
    })();
    return running;
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => void run().then(schedule), options.tickMs ?? TICK_MS);
    timer.unref();
  }

  return {
    changed(slug) {
      if (withTargets !== null && !withTargets.has(slug)) return;
      changed.add(slug);
      if (!stopped) void run();
    },
    tick: run,
    start() {
      void run().then(schedule);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

/** Whether a poll's events changed what uptime is computed from (a reminder or a source event does not). */
export function changesUptime(events: readonly Pick<ChangeEvent, "type">[]): boolean {
  return events.some(
    (e) =>
      e.type.startsWith("incident.") ||
      e.type === "component.changed" ||
      (e.type.startsWith("maintenance.") && e.type !== "maintenance.reminder"),
  );
}

function groupByVendor(targets: readonly SlaTarget[]): Map<string, SlaTarget[]> {
  const byVendor = new Map<string, SlaTarget[]>();
  for (const target of targets) byVendor.set(target.vendor, [...(byVendor.get(target.vendor) ?? []), target]);
  return byVendor;
}

/** Months before `oldest` are no longer checked: their ids need no remembering. */
function forgetOldMonths(written: Map<string, string>, oldest: string): void {
  for (const [id, month] of written) if (month < oldest) written.delete(id);
}

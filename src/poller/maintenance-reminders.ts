// Reminders before a maintenance starts (issue 14). They come due with time, not with a change on the
// page, so every successful poll checks — the quiet ones too, against the upcoming maintenances the
// vendor's memory kept from the last page read in full. Cheap: no store read unless a maintenance
// starts within MAX_REMIND_MINUTES; then the subscriptions (a small table) give the lead times.
// Multi-worker and restart safe: a reminder's id is deterministic and the store writes an event (and
// its deliveries) once; the memory only spares writing it again from this process.
import {
  dueReminders,
  MAX_REMIND_MINUTES,
  reminderLeads,
  type UpcomingMaintenance,
} from "../domain/maintenance.ts";
import type { ChangeEvent, Iso } from "../domain/model.ts";
import type { Vendor } from "../domain/vendor.ts";
import type { VendorCache } from "./memory-cache.ts";
import type { PollDeps } from "./poll-deps.ts";

export async function remindersDue(
  vendor: Pick<Vendor, "slug" | "baselineAt">,
  upcoming: readonly UpcomingMaintenance[],
  now: Iso,
  deps: Pick<PollDeps, "store" | "cacheFor">,
): Promise<ChangeEvent[]> {
  // The baseline poll notifies nothing (DESIGN §5); the next poll sends what is due by then.
  if (vendor.baselineAt === null) return [];
  const at = Date.parse(now);
  const soon = upcoming.filter((m) => {
    const start = Date.parse(m.scheduledFor);
    return at < start && start - MAX_REMIND_MINUTES * 60_000 <= at;
  });
  if (soon.length === 0) return [];
  const leads = reminderLeads(await deps.store.listSubscriptions(), vendor.slug);
  const reminded = deps.cacheFor?.(vendor.slug).reminded;
  return dueReminders(vendor.slug, soon, leads, now).filter((event) => !reminded?.has(event.id));
}

/** Notes the reminders just written; forgets those of maintenances that have started. */
export function noteReminded(cache: VendorCache | undefined, events: readonly ChangeEvent[], now: Iso): void {
  if (cache === undefined) return;
  for (const event of events)
    if (event.type === "maintenance.reminder") cache.reminded.set(event.id, String(event.data.scheduled_for));
  for (const [id, start] of cache.reminded)
    if (Date.parse(start) <= Date.parse(now)) cache.reminded.delete(id);
}

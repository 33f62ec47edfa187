// The change stream: the events every poll stored, read in the order they were recorded.
import type { ChangeEvent, EventType, Iso } from "../domain/model.ts";
import type { Delivery } from "../domain/notification.ts";
import type { Page } from "./page.ts";

export interface EventStore {
  listEvents(query: EventQuery): Promise<Page<ChangeEvent>>; // oldest first
  /**
   * The vendor's component.changed events recorded in [since, until) (until null: up to the latest),
   * each component's last change before `since` with them (its state then), in stream order: what
   * uptime over a window needs, however long the vendor's history.
   */
  listComponentChanges(vendor: string, since: Iso, until: Iso | null): Promise<ChangeEvent[]>;
  /** Where the event stream ends now (the cursor to read on from); null before any event. */
  latestEventCursor(): Promise<string | null>;
  /** The stored events among `ids`, in stream order; unknown ids are left out. */
  getEvents(ids: readonly string[]): Promise<ChangeEvent[]>;
  /**
   * How many of the vendor's latest RECENT_EVENTS_SCANNED events are of this type and recorded at or
   * after `since`: a rate for the circuit breaker, bounded in cost however long the vendor's history.
   */
  countRecentEvents(vendor: string, type: EventType, since: Iso): Promise<number>;
  /**
   * Events that come due with time rather than with a poll (SLA breaches), with the deliveries they
   * cause, in one transaction: each event id is stored once and each (event, subscription) delivered
   * once, as savePoll does. Gives how many of the events were new.
   */
  saveEvents(events: readonly ChangeEvent[], deliveries: readonly Delivery[]): Promise<number>;
}

export const RECENT_EVENTS_SCANNED = 500;

export interface EventQuery {
  limit: number;
  after?: string | null;
  vendor?: string | null;
  /** Only events of these types; absent, null or empty: every type. */
  types?: readonly EventType[] | null;
}

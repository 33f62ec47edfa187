// The record of each vendor: its components and incidents, written by one poll at a time, read by everyone.
import type { ChangeEvent, ComponentSnapshot, Impact, Incident, IncidentKind, Iso } from "../domain/model.ts";
import type { Delivery } from "../domain/notification.ts";
import type { Page } from "./page.ts";
import type { Revision } from "../domain/revisions.ts";

export interface RecordStore {
  /** The stored components and the stored incidents among the given vendor incident ids (plus, if asked, open ones). */
  loadRecord(
    slug: string,
    vendorIncidentIds: readonly string[],
    options?: LoadRecordOptions,
  ): Promise<VendorRecord>;
  savePoll(write: PollWrite): Promise<void>;

  listComponents(slug: string): Promise<ComponentSnapshot[]>; // in the vendor's order
  /** Every vendor's components, each vendor's in its order, in one read (a vendor with none is absent). */
  listAllComponents(): Promise<Map<string, ComponentSnapshot[]>>;
  listIncidents(slug: string, query: IncidentQuery): Promise<Page<Incident>>; // newest first
  /** Every vendor's incidents, newest first, with listIncidents' filters and paging and a few more. */
  listAllIncidents(query: AllIncidentQuery): Promise<Page<Incident>>;
  /** listAllIncidents without the updates: the same pages, for readers of the incidents' own fields (exports). */
  listAllIncidentSummaries(query: AllIncidentQuery): Promise<Page<IncidentSummary>>;
  getIncident(id: string): Promise<Incident | null>;

  /** Every vendor's incidents and maintenances going on at or after `since` (open, or started or resolved since), newest first. */
  listIncidentSummaries(since: Iso): Promise<IncidentSummary[]>;
  /** When each vendor's earliest recorded incident started (where its record may begin, see domain/uptime.ts). */
  listFirstIncidentStarts(): Promise<Map<string, Iso>>;
}

/** An incident without its updates: what lists across all vendors (the dashboard) need. */
export type IncidentSummary = Omit<Incident, "updates">;

/** Everything one poll writes, in one transaction. */
export interface PollWrite {
  vendor: string;
  polledAt: Iso;
  nextPollAt: Iso;
  outcome: PollSuccess | PollFailure;
  /** Inserted once each: an event id already stored is skipped. */
  events: ChangeEvent[];
  /** The outbox: written with the events that cause them; one per (event, subscription), ever. */
  deliveries?: Delivery[];
  /** As QuietPoll's: the worker gives the vendor up. */
  handOff?: boolean;
}

export interface PollSuccess {
  ok: true;
  /** The page's name, when it gives one and the vendor has none of the user's. */
  pageName?: string | null;
  /** Replaces the vendor's component list; omitted when the poll saw no change. */
  components?: ComponentSnapshot[];
  /** Inserted or replaced whole (with their updates). Incidents not listed are left as they are. */
  incidents?: Incident[];
  /** The page gave known items new ids (matched by content): the vendor is marked, from this poll on. */
  unstableIds?: boolean;
  /** What the vendor changed after Pingoru saw it (domain/revisions.ts); each id inserted once, capped. */
  revisions?: Revision[];
  /** The circuit breaker tripped, for this reason: the vendor's notifications are held until a reset. */
  holdNotifications?: string;
}

export interface PollFailure {
  ok: false;
  error: string;
  failures: number;
}

export interface IncidentQuery {
  limit: number;
  before?: string | null;
  kind?: IncidentKind | null;
  /** open: not resolved yet; resolved: resolved, post-mortem or completed. */
  status?: IncidentOpenness | null;
  /** A component id: incidents whose affected components include it. */
  component?: string | null;
  /** Incidents going on at or after this time: open, or started or resolved at/after it. */
  since?: Iso | null;
  /** Incidents that started before this time. With `since`: those overlapping [since, until). */
  until?: Iso | null;
}

/** The outage history across vendors: the vendor history's filters, and these (null or absent: any). */
export interface AllIncidentQuery extends IncidentQuery {
  /** Only these vendors' incidents (slugs); an empty list matches none. */
  vendors?: readonly string[] | null;
  /** Only the incidents of vendors in this catalog category. */
  category?: string | null;
  /** A component name (exact): incidents whose affected components include one so named. */
  componentName?: string | null;
  /** Only incidents with one of these impacts. */
  impacts?: readonly Impact[] | null;
  /** Words, each the start of a word in the title or an update's text (SearchStore's matching). */
  text?: string | null;
}

export const INCIDENT_OPENNESS = ["open", "resolved"] as const;
export type IncidentOpenness = (typeof INCIDENT_OPENNESS)[number];

export interface LoadRecordOptions {
  /** Also load every incident and maintenance still open in the record whose vendor id is not in this set. */
  openNotIn?: ReadonlySet<string>;
  /** Also load the incidents that started at one of these times (to know one whose vendor id changed). */
  startedAtIn?: readonly Iso[];
  /** false: the incidents only (the record's components come back empty, unread). */
  components?: boolean;
}

export interface VendorRecord {
  components: ComponentSnapshot[];
  incidents: Incident[];
}

import type { IncidentSnapshot, PlatformKind, Snapshot } from "../domain/model.ts";
import type { ConditionalCache, HttpClient } from "./http-client.ts";

/** Where a vendor's status page lives and how to read it. */
export interface PageRef {
  /** The status page's base URL, e.g. https://www.githubstatus.com */
  url: string;
  /** A feed URL given by config or --feed; overrides discovery. */
  feedUrl?: string | null;
  /** Settings the platform needs beyond the URL (html: its CSS selectors), validated by the platform. */
  options?: PlatformOptions | null;
}

/** A vendor's platform settings as configured: plain JSON, kept with the vendor. */
export type PlatformOptions = Readonly<Record<string, unknown>>;

export interface PlatformContext {
  http: HttpClient;
  /** Per-vendor validators and last bodies; pass it to every http.get of a read. */
  cache?: ConditionalCache;
  /** Per-vendor memory of mapped incidents, so an adapter need not validate and map unchanged ones again. */
  incidentMemo?: IncidentMemo;
}

/** Key (the adapter's choice) → the incident as last mapped, with the vendor's change token for it. */
export type IncidentMemo = Map<string, { token: string; snapshot: IncidentSnapshot }>;

/** What one read of a page gave: a snapshot, or "unchanged" when every source was 304 / byte-identical. */
export type ReadResult = { unchanged: true } | { unchanged: false; snapshot: Snapshot };

export interface Detection {
  kind: PlatformKind;
  /** 0..1: how sure the detector is. */
  confidence: number;
  /** What was found, for the user: "GET /api/v2/summary.json returned a Statuspage summary". */
  evidence: string;
  /** A feed the detector found for the page, kept so later polls need not look for it again. */
  feedUrl?: string;
}

export interface Platform {
  readonly kind: PlatformKind;
  /** Returns a detection when the page at `url` looks like this platform, else null. Never throws for "no". */
  detect(url: string, ctx: PlatformContext): Promise<Detection | null>;
  /** Reads the page's now-state and the history it offers. Throws PingoruError on failure. */
  read(page: PageRef, ctx: PlatformContext): Promise<ReadResult>;
}

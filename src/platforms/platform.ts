import type { z } from "zod";
import type { Snapshot } from "../domain/model.ts";
import type { PlatformOptions } from "../domain/vendor.ts";
import type { ConditionalCache, HttpClient } from "../lib/http-client.ts";

/** Where a vendor's status page lives and how to read it. */
export interface PageRef {
  /** The status page's base URL, e.g. https://www.githubstatus.com */
  url: string;
  /** A feed URL given by config or --feed; overrides discovery. */
  feedUrl?: string | null;
  /** Settings the platform needs beyond the URL (html: its CSS selectors), validated by the platform. */
  options?: PlatformOptions | null;
}

export interface PlatformContext {
  http: HttpClient;
  /** Per-vendor validators and last bodies; pass it to every http.get of a read. */
  cache?: ConditionalCache;
  /**
   * False: the caller polls often and asks for the cheap read where the platform has one (Statuspage:
   * the summary alone while it is unchanged), and for a full read (true) now and then. Absent: full.
   */
  fullRead?: boolean;
}

/** What one read of a page gave: a snapshot, or "unchanged" when every source was 304 / byte-identical. */
export type ReadResult = { unchanged: true } | { unchanged: false; snapshot: Snapshot };

export interface Detection {
  kind: string;
  /** 0..1: how sure the detector is. */
  confidence: number;
  /** What was found, for the user: "GET /api/v2/summary.json returned a Statuspage summary". */
  evidence: string;
  /** A feed the detector found for the page, kept so later polls need not look for it again. */
  feedUrl?: string;
}

/**
 * One status-page platform, self-describing: the registry (registry.ts) lists these, and the kind
 * vocabulary, the config schema's platform names and the detection message all come from that list.
 */
export interface Platform<K extends string = string> {
  readonly kind: K;
  /** What detection looks for, for the "nothing recognised" message; absent: never detected. */
  readonly tried?: string;
  /** The settings the platform needs beyond the URL (html: its selectors); absent: none. */
  readonly optionsSchema?: z.ZodType;
  /** The page a URL names when other URLs name it too (cachet's …/api/v1); absent: the URL itself. */
  pageUrl?(url: string): string;
  /** Returns a detection when the page at `url` looks like this platform, else null. Never throws for "no". */
  detect(url: string, ctx: PlatformContext): Promise<Detection | null>;
  /** Reads the page's now-state and the history it offers. Throws PingoruError on failure. */
  read(page: PageRef, ctx: PlatformContext): Promise<ReadResult>;
}

/** Keeps the kind's literal type, so the registry can derive its vocabulary. */
export function definePlatform<const K extends string>(platform: Platform<K>): Platform<K> {
  return platform;
}

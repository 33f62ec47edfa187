// A fake HttpClient for unit tests: maps URLs to recorded fixture files, inline bodies or failures.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { PingoruError } from "../../src/lib/errors.ts";
import type { GetOptions, HttpClient, HttpResponse } from "../../src/lib/http-client.ts";

/** The real recorded payloads, copied into the repository with their provenance (test/fixtures/recorded/README.md). */
export const SHARED_FIXTURES = fileURLToPath(new URL("../fixtures/recorded/", import.meta.url));
/** Fixtures written for this repository (only where no recording exists). */
export const LOCAL_FIXTURES = fileURLToPath(new URL("../fixtures/", import.meta.url));

export function sharedFixture(path: string): string {
  return readFileSync(SHARED_FIXTURES + path, "utf8");
}

export function localFixture(path: string): string {
  return readFileSync(LOCAL_FIXTURES + path, "utf8");
}

export interface FakeRoute {
  /** Path under the shared fixtures directory. */
  shared?: string;
  /** Path under test/fixtures. */
  local?: string;
  body?: string;
  /** Non-2xx statuses make get() throw a PingoruError of kind "http", like the real client. */
  status?: number;
  notModified?: boolean;
  headers?: Record<string, string>;
  /** Throw this instead of answering. */
  error?: Error;
}

export interface FakeHttp extends HttpClient {
  /** Every call made, in order. */
  readonly calls: { url: string; options: GetOptions | undefined }[];
}

/** Unmapped URLs answer 404, as a real server would for a path it does not serve. */
export function fixtureHttp(routes: Record<string, FakeRoute>): FakeHttp {
  const calls: { url: string; options: GetOptions | undefined }[] = [];
  return {
    calls,
    async get(url: string, options?: GetOptions): Promise<HttpResponse> {
      calls.push({ url, options });
      const route = routes[url] ?? { status: 404, body: "Not Found" };
      if (route.error) throw route.error;
      const status = route.status ?? (route.notModified ? 304 : 200);
      if (status >= 300 && status !== 304) {
        throw new PingoruError("http", `GET ${url} returned HTTP ${status}`, { url, status });
      }
      const body = route.shared
        ? sharedFixture(route.shared)
        : route.local
          ? localFixture(route.local)
          : (route.body ?? "");
      return { url, status, headers: route.headers ?? {}, body, notModified: route.notModified ?? false };
    },
  };
}

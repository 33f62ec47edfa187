// Edge helpers: turn a response body into a validated value, or a one-line typed error naming the URL.
import type { z } from "zod";
import { PingoruError } from "../lib/errors.ts";
import type { HttpResponse } from "../lib/http-client.ts";

/** True when a body that should be data is an HTML page (login wall, error page served with 200). */
export function looksLikeHtml(body: string): boolean {
  return /^\s*(<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])/i.test(body);
}

/**
 * No status page nests a dozen levels; 4 MB of "[[[[…" would make 4 million arrays (over 500 MB)
 * before anything could look at them. So the depth is checked on the text first, in one pass.
 */
export const MAX_JSON_DEPTH = 64;

/** Whether arrays and objects nest deeper than `max`, brackets inside strings not counted. */
export function jsonDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/** Parses JSON; an HTML page is a "shape" error (the server answered, just not with our data). */
export function parseJsonBody(response: HttpResponse): unknown {
  if (looksLikeHtml(response.body)) {
    throw new PingoruError("shape", `expected JSON but got an HTML page from ${response.url}`, {
      url: response.url,
    });
  }
  const tooDeep = jsonDeeperThan(response.body, MAX_JSON_DEPTH);
  if (tooDeep) {
    throw new PingoruError("parse", `JSON from ${response.url} nests deeper than ${MAX_JSON_DEPTH} levels`, {
      url: response.url,
    });
  }
  try {
    return JSON.parse(response.body) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : "invalid JSON";
    throw new PingoruError("parse", `invalid JSON from ${response.url}: ${reason}`, {
      url: response.url,
      cause: error,
    });
  }
}

/** Validates with zod; the message names the first offending path, on one line. */
export function validatePayload<T>(schema: z.ZodType<T>, value: unknown, url: string, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? issue.path.join(".") : "(root)";
  const message = (issue?.message ?? "invalid").replace(/\s+/g, " ");
  throw new PingoruError("shape", `${url} is not a ${what}: ${where}: ${message}`, { url });
}

/** Parses and validates a JSON response in one step. */
export function readJson<T>(response: HttpResponse, schema: z.ZodType<T>, what: string): T {
  return validatePayload(schema, parseJsonBody(response), response.url, what);
}

/** A vendor's URL kept only when it is a web address: pages and messages never link "javascript:" or "data:". */
export function webUrlOrNull(url: string | null | undefined): string | null {
  return url && /^https?:\/\//i.test(url) ? url : null;
}

/** Joins a base URL and an absolute path, whatever trailing slash the base has. */
export function joinUrl(base: string, path: string): string {
  return base.replace(/\/+$/, "") + path;
}

/** A 404 (or not-found) from an optional source means "this page does not offer it". */
export function isNotFound(error: unknown): boolean {
  return error instanceof PingoruError && (error.status === 404 || error.kind === "not_found");
}

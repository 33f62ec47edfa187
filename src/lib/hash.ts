import { createHash } from "node:crypto";

/** A short, stable hex id from parts (joined unambiguously). */
export function stableId(...parts: readonly (string | number | null)[]): string {
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex").slice(0, 20);
}

export function hashBody(body: string | Uint8Array): string {
  return createHash("sha1").update(body).digest("hex");
}

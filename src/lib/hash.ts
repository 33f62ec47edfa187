import { createHash } from "node:crypto";

/** A short, stable hex id from parts (joined unambiguously). */
export function stableId(...parts: readonly (string | number | null)[]): string {
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex").slice(0, 20);
}

/** SHA-1 of a body, in base64url (27 characters): kept per document between polls, so kept short. */
export function hashBody(body: string | Uint8Array): string {
  return createHash("sha1").update(body).digest("base64url");
}

/**
 * The first 48 bits of the text's SHA-1, as a number: a fingerprint held in memory per incident costs
 * 16 bytes instead of a string's 40-60. Two different texts share one with odds of 1 in 2^48.
 */
export function shortHash(text: string): number {
  return createHash("sha1").update(text).digest().readUIntBE(0, 6);
}

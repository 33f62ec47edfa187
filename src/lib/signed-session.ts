// Sessions for the browser after a sign-in with a token (the admin's, PINGORU_ADMIN_TOKEN; a reader's,
// PINGORU_READ_TOKEN): the cookie holds an expiry, a nonce and an HMAC over both, keyed by a key derived
// from the token and the session's purpose — never the token itself. No server-side state: changing
// the token ends every session. CSRF tokens are an HMAC of the session, so a form is only good for
// the session that rendered it.
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const SESSION_SECONDS = 12 * 60 * 60;

export interface SignedSessions {
  /** True when `given` is the token (compared by digest, in constant time). */
  tokenMatches(given: string): boolean;
  issue(now: Date): string;
  valid(session: string | undefined, now: Date): session is string;
  csrf(session: string): string;
  csrfValid(session: string, given: string | undefined): boolean;
}

/** `purpose` keeps one token's sessions of one kind from being taken for another's. */
export function signedSessions(token: string, purpose: "admin" | "read"): SignedSessions {
  const key = createHmac("sha256", token).update(`pingoru ${purpose} session key v1`).digest();
  const mac = (text: string) => createHmac("sha256", key).update(text).digest("base64url");
  const expected = sha256(token);
  return {
    tokenMatches: (given) => timingSafeEqual(sha256(given), expected),
    issue(now) {
      const expires = Math.floor(now.getTime() / 1000) + SESSION_SECONDS;
      const body = `${expires}.${randomBytes(16).toString("base64url")}`;
      return `${body}.${mac(`session:${body}`)}`;
    },
    valid(session, now): session is string {
      const match = /^(\d{1,12})\.([\w-]{22})\.([\w-]{43})$/.exec(session ?? "");
      if (match === null) return false;
      const [, expires, nonce, given] = match;
      if (Number(expires) * 1000 <= now.getTime()) return false;
      return sameText(mac(`session:${expires}.${nonce}`), given!);
    },
    csrf: (session) => mac(`csrf:${session}`),
    csrfValid: (session, given) => given !== undefined && sameText(mac(`csrf:${session}`), given),
  };
}

const sha256 = (text: string) => createHash("sha256").update(text).digest();
const sameText = (a: string, b: string) => timingSafeEqual(sha256(a), sha256(b));

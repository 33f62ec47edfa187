// Sessions for the browser after a sign-in with a token (the admin's, PINGORU_ADMIN_TOKEN; a reader's,
// PINGORU_READ_TOKEN): the cookie holds an expiry, a nonce and an HMAC over both, keyed by a key derived
// from the token and the session's purpose — never the token itself. Changing the token ends every
// session. Signing out revokes the session on the server: its nonce is kept in memory until the
// session would have expired anyway (a bounded set; when it is full, every session issued so far is
// ended instead, failing closed). A restart forgets revocations: a session signed out before a
// restart is good again until its expiry (at most 12 h) unless the token is rotated. CSRF tokens are
// an HMAC of the session, so a form is only good for the session that rendered it.
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const SESSION_SECONDS = 12 * 60 * 60;
/** Revoked sessions remembered at once; past this, every session issued so far is ended instead. */
export const MAX_REVOKED_SESSIONS = 10_000;

export interface SignedSessions {
  /** True when `given` is the token (compared by digest, in constant time). */
  tokenMatches(given: string): boolean;
  issue(now: Date): string;
  valid(session: string | undefined, now: Date): session is string;
  csrf(session: string): string;
  csrfValid(session: string, given: string | undefined): boolean;
  /** Ends a valid session on the server (sign-out): valid() refuses it from now on. */
  revoke(session: string, now: Date): void;
}

/** `purpose` keeps one token's sessions of one kind from being taken for another's. */
export function signedSessions(token: string, purpose: "admin" | "read"): SignedSessions {
  const key = createHmac("sha256", token).update(`pingoru ${purpose} session key v1`).digest();
  const mac = (text: string) => createHmac("sha256", key).update(text).digest("base64url");
  const expected = sha256(token);
  /** Revoked nonces → their expiry (epoch seconds). */
  const revoked = new Map<string, number>();
  /** Sessions issued (expiry − SESSION_SECONDS) before this epoch second are void: the overflow. */
  let notBefore = 0;
  const parse = (session: string | undefined) => {
    const match = /^(\d{1,12})\.([\w-]{22})\.([\w-]{43})$/.exec(session ?? "");
    if (match === null) return null;
    const [, expires, nonce, given] = match;
    if (!sameText(mac(`session:${expires}.${nonce}`), given!)) return null;
    return { expires: Number(expires), nonce: nonce! };
  };
  return {
    tokenMatches: (given) => timingSafeEqual(sha256(given), expected),
    issue(now) {
      const expires = Math.floor(now.getTime() / 1000) + SESSION_SECONDS;
      const body = `${expires}.${randomBytes(16).toString("base64url")}`;
      return `${body}.${mac(`session:${body}`)}`;
    },
    valid(session, now): session is string {
      const parsed = parse(session);
      if (parsed === null || parsed.expires * 1000 <= now.getTime()) return false;
      if (parsed.expires - SESSION_SECONDS < notBefore) return false;
      return !revoked.has(parsed.nonce);
    },
    revoke(session, now) {
      const parsed = parse(session);
      const seconds = Math.floor(now.getTime() / 1000);
      if (parsed === null || parsed.expires <= seconds) return;
      // Pruned only when full, so that signing out costs the same however many came before.
      if (revoked.size >= MAX_REVOKED_SESSIONS)
        for (const [nonce, expires] of revoked) if (expires <= seconds) revoked.delete(nonce);
      if (revoked.size >= MAX_REVOKED_SESSIONS) {
        // Full of live revocations: end every session issued up to now (sign in again) and start over.
        notBefore = seconds + 1;
        revoked.clear();
        return;
      }
      revoked.set(parsed.nonce, parsed.expires);
    },
    csrf: (session) => mac(`csrf:${session}`),
    csrfValid: (session, given) => given !== undefined && sameText(mac(`csrf:${session}`), given),
  };
}

const sha256 = (text: string) => createHash("sha256").update(text).digest();
const sameText = (a: string, b: string) => timingSafeEqual(sha256(a), sha256(b));

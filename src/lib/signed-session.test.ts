import { describe, expect, it } from "vitest";
import { MAX_REVOKED_SESSIONS, signedSessions, SESSION_SECONDS } from "./signed-session.ts";

const NOW = new Date("2026-08-01T10:00:00.000Z");
const later = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);

describe("signed sessions", () => {
  const sessions = signedSessions("the-admin-token", "admin");

  it("matches only the exact token", () => {
    expect(sessions.tokenMatches("the-admin-token")).toBe(true);
    for (const wrong of ["", "the-admin-toke", "the-admin-token ", "THE-ADMIN-TOKEN"])
      expect(sessions.tokenMatches(wrong)).toBe(false);
  });

  it("issues a session that never contains the token and is valid until it expires", () => {
    const session = sessions.issue(NOW);
    expect(session).not.toContain("the-admin-token");
    expect(sessions.issue(NOW)).not.toBe(session);
    expect(sessions.valid(session, NOW)).toBe(true);
    expect(sessions.valid(session, later(SESSION_SECONDS - 1))).toBe(true);
    expect(sessions.valid(session, later(SESSION_SECONDS))).toBe(false);
  });

  it.each([
    ["missing", undefined],
    ["empty", ""],
    ["garbage", "not-a-session"],
  ])("refuses a %s session", (_, value) => {
    expect(sessions.valid(value, NOW)).toBe(false);
  });

  it("refuses a tampered session (longer expiry) and one made with another token", () => {
    const session = sessions.issue(NOW);
    const [expires, nonce, mac] = session.split(".");
    expect(sessions.valid(`${Number(expires) + 3600}.${nonce}.${mac}`, NOW)).toBe(false);
    expect(signedSessions("another-token", "admin").valid(session, NOW)).toBe(false);
  });

  it("keeps a read session from passing as an admin session made with the same token", () => {
    expect(signedSessions("the-admin-token", "read").valid(sessions.issue(NOW), NOW)).toBe(false);
  });

  it("ties the CSRF token to its session", () => {
    const a = sessions.issue(NOW);
    const b = sessions.issue(NOW);
    expect(sessions.csrfValid(a, sessions.csrf(a))).toBe(true);
    expect(sessions.csrfValid(a, sessions.csrf(b))).toBe(false);
    expect(sessions.csrfValid(a, undefined)).toBe(false);
    expect(sessions.csrfValid(a, "")).toBe(false);
  });

  it("refuses a revoked session from then on, and only that one", () => {
    const own = signedSessions("the-admin-token", "admin");
    const [a, b] = [own.issue(NOW), own.issue(NOW)];
    own.revoke(a, later(60));
    expect(own.valid(a, later(61))).toBe(false);
    expect(own.valid(b, later(61))).toBe(true);
    own.revoke("garbage", later(62)); // not a session: nothing happens
    expect(own.valid(b, later(62))).toBe(true);
  });

  it("stays bounded: past the cap of live revocations, every session issued so far ends", () => {
    const own = signedSessions("the-admin-token", "admin");
    const keep = own.issue(NOW);
    for (let i = 0; i < MAX_REVOKED_SESSIONS; i++) own.revoke(own.issue(NOW), NOW);
    expect(own.valid(keep, NOW)).toBe(true);
    own.revoke(own.issue(NOW), NOW); // one more: fail closed
    expect(own.valid(keep, later(1))).toBe(false);
    const fresh = own.issue(later(2));
    expect(own.valid(fresh, later(2))).toBe(true);
  });

  it("forgets revocations once the sessions would have expired anyway", () => {
    const own = signedSessions("the-admin-token", "admin");
    for (let i = 0; i < MAX_REVOKED_SESSIONS; i++) own.revoke(own.issue(NOW), NOW);
    const keep = own.issue(later(SESSION_SECONDS));
    own.revoke(own.issue(later(SESSION_SECONDS)), later(SESSION_SECONDS)); // the old ones are pruned first
    expect(own.valid(keep, later(SESSION_SECONDS))).toBe(true);
  });
});

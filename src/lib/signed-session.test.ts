import { describe, expect, it } from "vitest";
import { signedSessions, SESSION_SECONDS } from "./signed-session.ts";

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
});

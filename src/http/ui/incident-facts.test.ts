// The duration and resolved time shown for an incident: open, resolved, or closed at an unknown time.
import { describe, expect, it } from "vitest";
import { durationText, resolvedText } from "./incident-facts.ts";

describe("durationText and resolvedText", () => {
  const now = new Date("2024-05-01T14:00:00.000Z");
  const startedAt = "2024-05-01T12:00:00.000Z";

  it("runs to now while open, and has no resolved time yet", async () => {
    const open = { startedAt, status: "investigating" as const, resolvedAt: null };
    expect(durationText(open, now)).toBe("open for 2 h 0 min");
    expect(String(await resolvedText(open))).toContain("not yet");
  });

  it("is unknown for an incident closed without a resolved time, never open", async () => {
    const undated = { startedAt, status: "resolved" as const, resolvedAt: null };
    expect(durationText(undated, now)).toBe("unknown");
    expect(String(await resolvedText(undated))).toContain("unknown");
  });

  it("is the resolved time's when there is one", async () => {
    const resolved = { startedAt, status: "resolved" as const, resolvedAt: "2024-05-01T13:05:00.000Z" };
    expect(durationText(resolved, now)).toBe("1 h 5 min");
    expect(String(await resolvedText(resolved))).toContain('datetime="2024-05-01T13:05:00.000Z"');
  });
});

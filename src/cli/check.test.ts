// `pingoru check`'s printed span of an incident: open, resolved, or closed at an unknown time.
import { describe, expect, it } from "vitest";
import { spanText } from "./check.ts";

describe("spanText", () => {
  const started_at = "2024-05-01T12:00:00.000Z";
  it.each([
    ["investigating", null, null, "1 May 2024, 12:00 UTC → open"],
    [
      "resolved",
      "2024-05-01T13:05:00.000Z",
      3900,
      "1 May 2024, 12:00 UTC → 1 May 2024, 13:05 UTC (1 h 5 min)",
    ],
    ["resolved", null, null, "1 May 2024, 12:00 UTC → closed, end unknown"],
    ["completed", null, null, "1 May 2024, 12:00 UTC → closed, end unknown"],
  ] as const)("%s, resolved at %s (%s s) → %s", (status, resolved_at, duration_seconds, text) => {
    expect(spanText({ started_at, status, resolved_at, duration_seconds })).toBe(text);
  });
});

// The pages' scripts word durations and times in the browser: the same words as the server's.
import { describe, expect, it } from "vitest";
import { formatDuration, formatUtc } from "../../lib/human-time.ts";
import { TIME_TEXT_SCRIPT } from "./layout.ts";
import { DURATION_SCRIPT } from "./live-script.ts";

const duration = new Function(`${DURATION_SCRIPT}; return duration;`)() as (seconds: number) => string;
const timeText = new Function(`${TIME_TEXT_SCRIPT}; return timeText;`)() as (
  d: Date,
  local: boolean,
) => string;

describe("the browser's wording", () => {
  it.each([0, 45, 60, 845, 3599, 3600, 7259, 86_399, 86_400, 436_080, 34_560_000])(
    "says %d s as formatDuration does",
    (seconds) => {
      expect(duration(seconds)).toBe(formatDuration(seconds));
    },
  );

  it.each(["2026-02-10T19:43:59.999Z", "2024-05-01T00:04:00.000Z", "2025-09-30T23:59:00.000Z"])(
    "says %s in UTC as formatUtc does",
    (iso) => {
      expect(timeText(new Date(iso), false)).toBe(formatUtc(iso));
    },
  );

  it("says a local time in the same shape, with its zone's label", () => {
    expect(timeText(new Date("2026-02-10T19:43:00.000Z"), true)).toMatch(
      /^\d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d \S+$/,
    );
  });
});

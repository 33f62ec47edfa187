import { describe, expect, it } from "vitest";
import { nextPollDelaySeconds } from "./backoff.ts";

const fixed = (r: number) => () => r;

describe("nextPollDelaySeconds", () => {
  it.each([
    { failures: 0, retryAfterSeconds: undefined, random: 0.5, expected: 60 },
    { failures: 0, retryAfterSeconds: undefined, random: 0, expected: 54 },
    { failures: 0, retryAfterSeconds: undefined, random: 1, expected: 66 },
    { failures: 1, retryAfterSeconds: undefined, random: 0.5, expected: 60 },
    { failures: 3, retryAfterSeconds: undefined, random: 0.5, expected: 240 },
    { failures: 30, retryAfterSeconds: undefined, random: 0.5, expected: 1800 },
    { failures: 1, retryAfterSeconds: 600, random: 0.5, expected: 600 },
    { failures: 1, retryAfterSeconds: 10 ** 9, random: 0.5, expected: 86400 },
  ])(
    "failures=$failures retryAfter=$retryAfterSeconds → $expected s",
    ({ failures, retryAfterSeconds, random, expected }) => {
      expect(
        nextPollDelaySeconds({ intervalSeconds: 60, failures, retryAfterSeconds, random: fixed(random) }),
      ).toBeCloseTo(expected);
    },
  );

  it("never waits less than half a second, even for a 1 s interval", () => {
    expect(nextPollDelaySeconds({ intervalSeconds: 0.1, failures: 0, random: fixed(0) })).toBe(0.5);
  });
});

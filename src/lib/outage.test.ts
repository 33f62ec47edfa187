import { describe, expect, it } from "vitest";
import { createOutage } from "./outage.ts";

function recorded() {
  const lines: string[] = [];
  const clock = { ms: 0 };
  const outage = createOutage({
    belongs: (error) => error instanceof Error && error.message.startsWith("database"),
    onStart: (error) => lines.push(`start: ${(error as Error).message}`),
    onEnd: (failures) => lines.push(`end after ${failures} more`),
    now: () => new Date(clock.ms),
    settleMs: 60_000,
  });
  return { outage, lines, clock };
}

describe("outage", () => {
  it("reports the first error and the recovery, once each, however many errors come between", () => {
    const { outage, lines, clock } = recorded();
    outage.succeeded(); // nothing to end
    for (let i = 0; i < 50; i++) {
      clock.ms += 500;
      expect(outage.failed(new Error("database unreachable"))).toBe(true);
    }
    clock.ms += 60_000;
    outage.succeeded();
    outage.succeeded();
    expect(lines).toEqual(["start: database unreachable", "end after 49 more"]);
  });

  it("stays one outage while failures keep coming between successes (a full disk)", () => {
    const { outage, lines, clock } = recorded();
    for (let i = 0; i < 10; i++) {
      outage.failed(new Error("database or disk is full"));
      clock.ms += 30_000;
      outage.succeeded(); // a claim: an in-place update still works
    }
    expect(lines).toEqual(["start: database or disk is full"]);
    clock.ms += 30_000;
    outage.succeeded();
    expect(lines).toEqual(["start: database or disk is full", "end after 9 more"]);
  });

  it("leaves other errors to the caller, during an outage or not", () => {
    const { outage, lines } = recorded();
    expect(outage.failed(new Error("HTTP 500"))).toBe(false);
    outage.failed(new Error("database is locked"));
    expect(outage.failed(new Error("HTTP 500"))).toBe(false);
    expect(lines).toEqual(["start: database is locked"]);
  });

  it("reports a second outage after a recovery", () => {
    const { outage, lines, clock } = recorded();
    outage.failed(new Error("database unreachable: ECONNREFUSED"));
    clock.ms += 60_000;
    outage.succeeded();
    outage.failed(new Error("database or disk is full"));
    outage.failed(new Error("database or disk is full"));
    clock.ms += 60_000;
    outage.succeeded();
    expect(lines).toEqual([
      "start: database unreachable: ECONNREFUSED",
      "end after 0 more",
      "start: database or disk is full",
      "end after 1 more",
    ]);
  });
});

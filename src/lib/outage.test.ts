import { describe, expect, it } from "vitest";
import { createOutage } from "./outage.ts";

function recorded() {
  const lines: string[] = [];
  const outage = createOutage({
    belongs: (error) => error instanceof Error && error.message.startsWith("database"),
    onStart: (error) => lines.push(`start: ${(error as Error).message}`),
    onEnd: (failures) => lines.push(`end after ${failures} more`),
  });
  return { outage, lines };
}

describe("outage", () => {
  it("reports the first error and the recovery, once each, however many errors come between", () => {
    const { outage, lines } = recorded();
    outage.succeeded(); // nothing to end
    const swallowed = Array.from({ length: 50 }, () => outage.failed(new Error("database unreachable")));
    expect(swallowed.every(Boolean)).toBe(true);
    outage.succeeded();
    outage.succeeded();
    expect(lines).toEqual(["start: database unreachable", "end after 49 more"]);
  });

  it("leaves other errors to the caller, during an outage or not", () => {
    const { outage, lines } = recorded();
    expect(outage.failed(new Error("HTTP 500"))).toBe(false);
    outage.failed(new Error("database is locked"));
    expect(outage.failed(new Error("HTTP 500"))).toBe(false);
    expect(lines).toEqual(["start: database is locked"]);
  });

  it("reports a second outage after a recovery", () => {
    const { outage, lines } = recorded();
    outage.failed(new Error("database unreachable: ECONNREFUSED"));
    outage.succeeded();
    outage.failed(new Error("database or disk is full"));
    outage.failed(new Error("database or disk is full"));
    outage.succeeded();
    expect(lines).toEqual([
      "start: database unreachable: ECONNREFUSED",
      "end after 0 more",
      "start: database or disk is full",
      "end after 1 more",
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { formatAgo, incidentStatusLabel, timeTag } from "./format.ts";

describe("time wording", () => {
  it("prints UTC minutes, labelled, in a machine-readable <time>", () => {
    expect(String(timeTag("2024-05-01T12:34:56.000Z"))).toBe(
      '<time datetime="2024-05-01T12:34:56.000Z" title="1 May 2024, 12:34 UTC">1 May 2024, 12:34 UTC</time>',
    );
  });
  it("says how long ago, or never", () => {
    const now = new Date("2024-05-01T13:00:00.000Z");
    expect(formatAgo("2024-05-01T12:58:30.000Z", now)).toBe("1 min 30 s ago");
    expect(formatAgo(null, now)).toBe("never");
  });
  it("words incident statuses", () => {
    expect(incidentStatusLabel("in_progress")).toBe("In progress");
    expect(incidentStatusLabel("postmortem")).toBe("Postmortem");
  });
});

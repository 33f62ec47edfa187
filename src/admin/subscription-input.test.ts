import { describe, expect, it } from "vitest";
import { parseSubscriptionInput } from "./subscription-input.ts";

describe("the incident.edited event", () => {
  it("is off unless a subscription names it: neither the default nor the incident.* family has it", () => {
    const events = (input: Record<string, unknown>) =>
      parseSubscriptionInput({ channel: "ops", ...input }).events;
    expect(events({})).not.toContain("incident.edited");
    expect(events({ events: ["incident.*"] })).not.toContain("incident.edited");
    expect(events({ events: ["incident.*", "incident.edited"] })).toContain("incident.edited");
  });
});

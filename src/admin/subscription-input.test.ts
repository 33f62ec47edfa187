import { describe, expect, it } from "vitest";
import { stableId } from "../lib/hash.ts";
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

describe("the maintenance options", () => {
  it("are carried only when set, and keep the ids derived before they existed", () => {
    const plain = parseSubscriptionInput({ channel: "ops" });
    expect(plain).not.toHaveProperty("remindBeforeMinutes");
    expect(plain).not.toHaveProperty("notifyDuringMaintenance");
    // As derived before these options existed: [vendors, components, min impact, sorted events].
    const before = JSON.stringify([null, null, null, [...plain.events].sort()]);
    expect(plain.id).toBe(`ops-${stableId("ops", before).slice(0, 8)}`);
    const set = parseSubscriptionInput({
      channel: "ops",
      remind_before_minutes: 30,
      notify_during_maintenance: true,
    });
    expect(set).toMatchObject({ remindBeforeMinutes: 30, notifyDuringMaintenance: true });
    expect(set.id).not.toBe(plain.id);
    expect(parseSubscriptionInput({ channel: "ops", notify_during_maintenance: false }).id).toBe(plain.id);
  });

  it("naming maintenance.reminder in events changes nothing: the family does not include it", () => {
    expect(parseSubscriptionInput({ channel: "ops", events: ["maintenance.*"] }).events).not.toContain(
      "maintenance.reminder",
    );
  });
});

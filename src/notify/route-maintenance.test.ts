// Routing's maintenance rules: reminders by lead time, component changes a maintenance going on names.
import { describe, expect, it } from "vitest";
import { maintenanceWindow } from "../domain/maintenance.ts";
import type { ChangeEvent, ComponentSnapshot } from "../domain/model.ts";
import { DEFAULT_SUBSCRIBED_EVENTS, type Subscription } from "../domain/notification.ts";
import { EXPECTED_PREFIX, routeEvents, type RouteInput } from "./route.ts";

const NOW = "2026-08-01T10:00:00.000Z";

const sub = (id: string, extra: Partial<Subscription> = {}): Subscription => ({
  id,
  channel: "hook",
  vendors: null,
  components: null,
  minImpact: null,
  events: [...DEFAULT_SUBSCRIBED_EVENTS],
  ...extra,
});

const component = (id: string, name: string): ComponentSnapshot => ({
  id,
  name,
  group: null,
  position: 0,
  status: "under_maintenance",
  rawStatus: "under_maintenance",
});

const reminder = (lead: number, components = ["API"]): ChangeEvent => ({
  id: `r${lead}`,
  type: "maintenance.reminder",
  vendor: "github",
  incidentId: "m1",
  componentId: null,
  at: NOW,
  data: { title: "DB upgrade", remind_before_minutes: lead, components },
});

const changed = (componentId: string, name: string): ChangeEvent => ({
  id: `c-${componentId}`,
  type: "component.changed",
  vendor: "github",
  incidentId: null,
  componentId,
  at: NOW,
  data: { name, from: "operational", to: "under_maintenance" },
});

const route = (events: ChangeEvent[], subscriptions: Subscription[], extra: Partial<RouteInput> = {}) =>
  routeEvents({
    events,
    incidents: new Map(),
    components: [component("c1", "API"), component("c2", "Billing")],
    subscriptions,
    now: NOW,
    ...extra,
  });

describe("maintenance.reminder", () => {
  it("goes to the subscriptions that asked for exactly its lead time, whatever their events", () => {
    const subs = [
      sub("sixty", { remindBeforeMinutes: 60 }),
      sub("fifteen", { remindBeforeMinutes: 15, events: ["maintenance.scheduled"] }),
      sub("none", { events: ["maintenance.reminder"] }),
    ];
    expect(route([reminder(60)], subs).map((d) => d.subscription)).toEqual(["sixty"]);
    expect(route([reminder(15)], subs).map((d) => d.subscription)).toEqual(["fifteen"]);
  });

  it("keeps the vendor and component filters, and is never held back", () => {
    const subs = [
      sub("other-vendor", { remindBeforeMinutes: 60, vendors: ["stripe"] }),
      sub("other-component", { remindBeforeMinutes: 60, components: { github: ["Billing"] } }),
      sub("api", { remindBeforeMinutes: 60, components: { github: ["api"] }, minImpact: "critical" }),
    ];
    const deliveries = route([reminder(60)], subs);
    expect(deliveries.map((d) => [d.subscription, d.status, d.nextAttemptAt])).toEqual([
      ["api", "pending", NOW],
    ]);
  });
});

describe("component changes during a maintenance", () => {
  const maintenances = [maintenanceWindow("DB upgrade", [{ id: "c1", name: "API" }])];
  const subs = [
    sub("quiet", { events: ["component.changed"] }),
    sub("loud", { events: ["component.changed"], notifyDuringMaintenance: true }),
  ];

  it("one a maintenance going on names is suppressed, with the reason, unless the subscription asks", () => {
    const deliveries = route([changed("c1", "API")], subs, { maintenances });
    expect(deliveries.map((d) => [d.subscription, d.status, d.lastError])).toEqual([
      ["quiet", "suppressed", `${EXPECTED_PREFIX} "DB upgrade"`],
      ["loud", "pending", null],
    ]);
  });

  it("one it does not name, or with no maintenance going on, is held back as usual", () => {
    expect(route([changed("c2", "Billing")], subs, { maintenances }).map((d) => d.status)).toEqual([
      "pending",
      "pending",
    ]);
    expect(route([changed("c1", "API")], subs).map((d) => d.status)).toEqual(["pending", "pending"]);
  });
});

import { describe, expect, it } from "vitest";
import {
  dueReminders,
  expectingMaintenance,
  isMaintenanceInProgress,
  maintenanceWindow,
  maintenanceWindows,
  reminderLeads,
  upcomingMaintenances,
  type UpcomingMaintenance,
} from "./maintenance.ts";
import type { IncidentSnapshot } from "./model.ts";
import type { Subscription } from "./notification.ts";

const START = "2026-08-01T12:00:00.000Z";
const END = "2026-08-01T13:00:00.000Z";
const minutesBefore = (m: number) => new Date(Date.parse(START) - m * 60_000).toISOString();

describe("isMaintenanceInProgress", () => {
  const m = { kind: "maintenance" as const, scheduledFor: START, scheduledUntil: END };
  it.each([
    ["in progress, whatever the time", "in_progress", minutesBefore(30), true],
    ["verifying", "verifying", END, true],
    ["scheduled, before its window", "scheduled", minutesBefore(1), false],
    ["scheduled, its window begun (the vendor did not say)", "scheduled", START, true],
    ["scheduled, its window over", "scheduled", END, false],
    ["completed inside its window", "completed", START, false],
  ] as const)("%s: %s", (_, status, now, expected) => {
    expect(isMaintenanceInProgress({ ...m, status }, now)).toBe(expected);
  });

  it("an incident is never a maintenance window", () => {
    expect(isMaintenanceInProgress({ ...m, kind: "incident", status: "in_progress" }, START)).toBe(false);
  });
});

describe("expectingMaintenance", () => {
  const windows = [
    maintenanceWindow("DB upgrade", [
      { id: "c1", name: "API" },
      { id: null, name: "Web UI" },
    ]),
  ];
  it.each([
    ["by vendor id", { id: "c1", name: "renamed" }, "DB upgrade"],
    ["by name, ignoring case and spaces", { id: "c9", name: " web ui " }, "DB upgrade"],
    ["not named", { id: "c2", name: "Billing" }, undefined],
  ])("%s", (_, component, title) => {
    expect(expectingMaintenance(windows, component)?.title).toBe(title);
  });
});

describe("reminderLeads", () => {
  const sub = (id: string, extra: Partial<Subscription>): Subscription => ({
    id,
    channel: "hook",
    vendors: null,
    components: null,
    minImpact: null,
    events: [],
    ...extra,
  });
  it("the distinct lead times of the subscriptions that may hear of the vendor", () => {
    const leads = reminderLeads(
      [
        sub("a", { remindBeforeMinutes: 60 }),
        sub("b", { remindBeforeMinutes: 15, vendors: ["github"] }),
        sub("c", { remindBeforeMinutes: 60 }),
        sub("d", { remindBeforeMinutes: 30, vendors: ["stripe"] }),
        sub("e", {}),
      ],
      "github",
    );
    expect(leads).toEqual([15, 60]);
  });
});

describe("dueReminders", () => {
  const upcoming: UpcomingMaintenance[] = [
    { incidentId: "m1", title: "DB upgrade", scheduledFor: START, scheduledUntil: END, components: ["API"] },
  ];
  const due = (now: string, leads = [15, 60], list = upcoming) =>
    dueReminders("github", list, leads, now).map((e) => e.data.remind_before_minutes);

  it.each([
    ["a day before: none", minutesBefore(24 * 60), []],
    ["just before the 60-minute mark: none", minutesBefore(60.5), []],
    ["at the 60-minute mark: the 60-minute reminder", minutesBefore(60), [60]],
    ["10 minutes before: both are due", minutesBefore(10), [15, 60]],
    ["at the start: none (it has begun)", START, []],
  ])("%s", (_, now, leads) => {
    expect(due(now)).toEqual(leads);
  });

  it("the same maintenance and start give the same id on any poll; a new start a new id", () => {
    const [first] = dueReminders("github", upcoming, [60], minutesBefore(50));
    const [again] = dueReminders("github", upcoming, [60], minutesBefore(5));
    expect(again!.id).toBe(first!.id);
    const later = "2026-08-02T12:00:00.000Z";
    const moved = dueReminders(
      "github",
      [{ ...upcoming[0]!, scheduledFor: later }],
      [60],
      "2026-08-02T11:30:00.000Z",
    );
    expect(moved[0]!.id).not.toBe(first!.id);
  });

  it("says what and when", () => {
    const [event] = dueReminders("github", upcoming, [60], minutesBefore(42));
    expect(event).toMatchObject({
      type: "maintenance.reminder",
      vendor: "github",
      incidentId: "m1",
      componentId: null,
      at: minutesBefore(42),
      data: {
        title: "DB upgrade",
        scheduled_for: START,
        scheduled_until: END,
        minutes_left: 42,
        components: ["API"],
      },
    });
  });
});

describe("a page's maintenances", () => {
  const snapshot = (id: string, status: IncidentSnapshot["status"]): IncidentSnapshot => ({
    id,
    kind: "maintenance",
    title: `Maintenance ${id}`,
    status,
    impact: "maintenance",
    url: null,
    startedAt: null,
    scheduledFor: START,
    scheduledUntil: END,
    components: [{ id: "c1", name: "API", status: "operational" }],
    updates: [
      {
        id: `${id}-u1`,
        status,
        at: minutesBefore(120),
        message: "",
        components: [{ id: "c2", name: "Web", status: "under_maintenance" }],
      },
    ],
  });

  it("upcoming: the scheduled ones, with the components they name", () => {
    const list = upcomingMaintenances("github", [snapshot("a", "scheduled"), snapshot("b", "in_progress")]);
    expect(list).toEqual([
      expect.objectContaining({ title: "Maintenance a", scheduledFor: START, components: ["API", "Web"] }),
    ]);
  });

  it("windows: the ones going on now", () => {
    const windows = maintenanceWindows(
      [snapshot("a", "scheduled"), snapshot("b", "in_progress")],
      minutesBefore(5),
    );
    expect(windows.map((w) => w.title)).toEqual(["Maintenance b"]);
    expect([...windows[0]!.componentIds]).toEqual(["c1", "c2"]);
  });
});

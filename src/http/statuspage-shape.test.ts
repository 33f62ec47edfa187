import { describe, expect, it } from "vitest";
import type { ComponentSnapshot, ComponentStatus } from "../domain/model.ts";
import { toComponents, toStatus } from "./statuspage-shape.ts";
import type { Vendor } from "../domain/vendor.ts";

const vendor = { slug: "acme", createdAt: "2024-01-01T00:00:00.000Z", lastOkAt: null } as Vendor;
const component = (id: string, group: string | null, status: ComponentStatus): ComponentSnapshot => ({
  id,
  name: id.toUpperCase(),
  group,
  position: 0,
  status,
  rawStatus: status,
});

describe("toStatus", () => {
  it.each([
    ["operational", "none", "All Systems Operational"],
    ["degraded_performance", "minor", "Partially Degraded Service"],
    ["partial_outage", "major", "Partial System Outage"],
    ["major_outage", "critical", "Major Service Outage"],
    ["under_maintenance", "maintenance", "Service Under Maintenance"],
    ["unknown", "minor", "Status Unknown"],
  ] as const)("%s → %s", (rollUp, indicator, description) => {
    expect(toStatus(rollUp)).toEqual({ indicator, description });
  });
});

describe("toComponents", () => {
  it("places each group where its first member is, numbers members inside it, and rolls its status up", () => {
    const rows = toComponents(vendor, [
      component("a", null, "operational"),
      component("b", "G", "unknown"),
      component("c", "G", "partial_outage"),
      component("d", null, "unknown"),
      component("e", "H", "unknown"),
    ]);
    expect(rows.map((r) => [r.name, r.position, r.group, r.status, r.components])).toEqual([
      ["A", 1, false, "operational", []],
      ["G", 2, true, "partial_outage", ["b", "c"]],
      ["B", 1, false, "unknown", []],
      ["C", 2, false, "partial_outage", []],
      ["D", 3, false, "unknown", []],
      ["H", 4, true, "unknown", ["e"]],
      ["E", 1, false, "unknown", []],
    ]);
    const g = rows[1]!;
    expect(rows[2]?.group_id).toBe(g.id);
    expect(rows[0]?.group_id).toBeNull();
    // Stable ids for groups across calls.
    expect(toComponents(vendor, [component("b", "G", "unknown")])[0]?.id).toBe(g.id);
  });
});

// Which components an incident affected, and in what order its component lists go (DESIGN §5).
// Vendors name more than they affect: incident.io lists every component on some updates, most of
// them "Operational". Affected means the component's worst state in the incident is not
// operational (under maintenance counts, so a maintenance affects what it maintains; so does a
// state Pingoru could not read). The others stay on their updates and are "listed as operational".
import { worseStatus, type AffectedComponent, type ComponentState, type NamedComponent } from "./model.ts";

type Ref = Pick<ComponentState, "id" | "name">;

const keyOf = (c: Ref) => c.id ?? `name:${c.name}`;

/**
 * The vendor's order (by id, else by name); components the vendor does not list come after, in the
 * order the incident first mentions them (a feed-only vendor has no list at all).
 */
export function componentRank(order: ReadonlyMap<string, number>, mentioned: readonly Ref[]) {
  const first = new Map<string, number>();
  for (const c of mentioned) if (!first.has(keyOf(c))) first.set(keyOf(c), first.size);
  return (c: Ref): number =>
    order.get(c.id ?? "") ?? order.get(c.name) ?? order.size + (first.get(keyOf(c)) ?? first.size);
}

export function inRankOrder<T extends Ref>(components: readonly T[], rank: (c: Ref) => number): T[] {
  return [...components].sort((a, b) => rank(a) - rank(b)); // stable: ties keep the vendor's order
}

/** Each named component once with its worst state, split into affected and only listed as operational. */
export function classifyComponents(
  states: readonly ComponentState[],
  rank: (c: Ref) => number,
): { affectedComponents: AffectedComponent[]; listedOperational: NamedComponent[] } {
  const worst = new Map<string, AffectedComponent>();
  for (const s of states) {
    const known = worst.get(keyOf(s));
    if (known) known.worstStatus = worseStatus(known.worstStatus, s.status);
    else worst.set(keyOf(s), { id: s.id, name: s.name, worstStatus: s.status });
  }
  const all = inRankOrder([...worst.values()], rank);
  return {
    affectedComponents: all.filter((c) => c.worstStatus !== "operational"),
    listedOperational: all
      .filter((c) => c.worstStatus === "operational")
      .map(({ id, name }) => ({ id, name })),
  };
}

/**
 * The components an incident concerns, for filters and messages: those it affected; when it affected
 * none (a maintenance not yet started), those it names.
 */
export function concernedComponents(incident: {
  affectedComponents: readonly AffectedComponent[];
  listedOperational: readonly NamedComponent[];
}): AffectedComponent[] {
  if (incident.affectedComponents.length > 0) return [...incident.affectedComponents];
  return incident.listedOperational.map(({ id, name }) => ({ id, name, worstStatus: "operational" }));
}

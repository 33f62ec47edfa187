// incident.io's summary.json has no component groups, but its status page embeds the page's own
// data (Next.js __NEXT_DATA__), whose summary.structure lists groups and their components by id.
import { z } from "zod";
import type { Snapshot } from "../domain/model.ts";
import { jsonDeeperThan, MAX_JSON_DEPTH } from "./payload.ts";

const NEXT_DATA = /<script[^>]*\bid=["']__NEXT_DATA__["'][^>]*>([\s\S]*?)<\/script>/i;
const MAX_DEPTH = 12; // the summary sits a few levels under props.pageProps; never walk forever

const memberSchema = z.object({ component_id: z.string().min(1) });
const itemSchema = z.object({
  group: z.object({ name: z.string(), components: z.array(memberSchema).nullish() }).nullish(),
});
const structureSchema = z.object({ items: z.array(itemSchema) });

/** Component id → group name from the page's HTML; null when the page offers no such data. */
export function pageComponentGroups(html: string): Map<string, string> | null {
  const script = NEXT_DATA.exec(html)?.[1];
  if (script === undefined || jsonDeeperThan(script, MAX_JSON_DEPTH)) return null;
  let data: unknown;
  try {
    data = JSON.parse(script);
  } catch {
    return null; // a page we cannot read says nothing about groups; the summary still stands
  }
  const structure = findStructure(data, 0);
  if (structure === null) return null;
  const groups = new Map<string, string>();
  for (const item of structure.items) {
    const name = item.group?.name.trim();
    if (!name) continue; // a top-level component: no group
    for (const member of item.group?.components ?? []) groups.set(member.component_id, name);
  }
  return groups;
}

/** The first `structure: {items: [...]}` of the right shape, depth first. */
function findStructure(value: unknown, depth: number): z.infer<typeof structureSchema> | null {
  if (depth > MAX_DEPTH || typeof value !== "object" || value === null) return null;
  if (!Array.isArray(value) && "structure" in value) {
    const parsed = structureSchema.safeParse(value.structure);
    if (parsed.success) return parsed.data;
  }
  for (const child of Object.values(value)) {
    const found = findStructure(child, depth + 1);
    if (found) return found;
  }
  return null;
}

/** Sets each component's group by id; components the page does not group keep theirs. */
export function withPageGroups(snapshot: Snapshot, groups: Map<string, string> | null): Snapshot {
  if (groups === null || groups.size === 0) return snapshot;
  const components = snapshot.components.map((c) => ({ ...c, group: groups.get(c.id) ?? c.group }));
  return { ...snapshot, components };
}

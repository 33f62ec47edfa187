// One fuzz case, end to end: serve the mutated bodies, read them with the platform, and say what went
// wrong, if anything: a read that neither gave a snapshot nor a PingoruError, a snapshot of the wrong
// shape, live markup in its rendering, or a read that hung past the guard.
import {
  COMPONENT_STATUSES,
  IMPACTS,
  INCIDENT_KINDS,
  INCIDENT_STATUSES,
  type Snapshot,
} from "../../src/domain/model.ts";
import { ERROR_KINDS, PingoruError } from "../../src/lib/errors.ts";
import { bodySize, fuzzHttp } from "./fuzz-http.ts";
import { bodiesOf, type FuzzCase, type FuzzTarget } from "./fuzz-targets.ts";
import { renderedProblems } from "./render-snapshot.ts";

export interface CaseOutcome {
  /** "snapshot", "unchanged", or the PingoruError kind. */
  result: string;
  /** Milliseconds read() took. */
  readMs: number;
  /** Bytes served for the mutated body. */
  size: number;
  problems: string[];
}

const ISO_Z = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const has = (list: readonly string[], value: unknown) => typeof value === "string" && list.includes(value);
const text = (value: unknown) => typeof value === "string";
// Vendor ids are kept as sent; a blank one is odd but still an id (the contract's fixtures have none).
const idLike = (value: unknown) => typeof value === "string" && value !== "";
const isoOrNull = (value: unknown) => value === null || (typeof value === "string" && ISO_Z.test(value));

/** What the contract asks of a snapshot (test/platform-contract.ts), as a list of what is off. */
export function shapeProblems(snapshot: Snapshot): string[] {
  const problems: string[] = [];
  const off = (where: string, ok: boolean) => void (ok || problems.push(where));
  for (const [i, c] of snapshot.components.entries()) {
    off(`component ${i} id ${JSON.stringify(c.id)}`, idLike(c.id));
    off(`component ${i} name`, text(c.name));
    off(`component ${i} position ${c.position}`, Number.isSafeInteger(c.position));
    off(`component ${i} status ${c.status}`, has(COMPONENT_STATUSES, c.status));
    off(`component ${i} rawStatus`, text(c.rawStatus));
    off(`component ${i} group`, c.group === null || text(c.group));
  }
  // A component id the payload repeats is not checked: the store keeps the first (sql-poll.ts, uniqueBy).
  for (const incident of snapshot.incidents) {
    const at = `incident ${JSON.stringify(incident.id).slice(0, 60)}`;
    off(`${at} id`, idLike(incident.id));
    off(`${at} title`, text(incident.title));
    off(`${at} kind ${incident.kind}`, has(INCIDENT_KINDS, incident.kind));
    off(`${at} status ${incident.status}`, has(INCIDENT_STATUSES, incident.status));
    off(`${at} impact ${incident.impact}`, has(IMPACTS, incident.impact));
    off(`${at} url`, incident.url === null || text(incident.url));
    for (const key of ["startedAt", "scheduledFor", "scheduledUntil"] as const)
      off(`${at} ${key} ${incident[key]}`, isoOrNull(incident[key]));
    for (const s of incident.components)
      off(`${at} component status ${s.status}`, has(COMPONENT_STATUSES, s.status));
    const times = incident.updates.map((u) => u.at);
    off(
      `${at} updates oldest first`,
      times.every((t, i) => i === 0 || times[i - 1]! <= t),
    );
    for (const u of incident.updates) {
      off(`${at} update ${u.id} id`, idLike(u.id));
      off(`${at} update ${u.id} at ${u.at}`, typeof u.at === "string" && ISO_Z.test(u.at));
      off(`${at} update ${u.id} status ${u.status}`, has(INCIDENT_STATUSES, u.status));
      off(`${at} update ${u.id} message`, text(u.message));
      for (const s of u.components)
        off(`${at} update component status ${s.status}`, has(COMPONENT_STATUSES, s.status) && text(s.name));
    }
  }
  return problems;
}

function describeThrown(error: unknown): string {
  if (error instanceof Error)
    return `${error.name}: ${error.message.slice(0, 200)}\n${error.stack?.split("\n").slice(1, 4).join("\n")}`;
  return `non-error thrown: ${String(error).slice(0, 200)}`;
}

/** Runs one case; `guardMs` only catches a hang (it is no timing assertion). */
export async function runCase(target: FuzzTarget, fuzz: FuzzCase, guardMs: number): Promise<CaseOutcome> {
  const bodies = bodiesOf(target, fuzz);
  const size = bodySize(bodies[fuzz.url]!);
  const http = fuzzHttp(bodies);
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<"hung">((resolve) => (timer = setTimeout(() => resolve("hung"), guardMs)));
  const started = performance.now();
  const settled = await Promise.race([
    target.platform.read(target.page, { http }).then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    ),
    hung,
  ]);
  const readMs = performance.now() - started;
  clearTimeout(timer);
  const outcome = (result: string, problems: string[]) => ({ result, readMs, size, problems });
  if (settled === "hung" || readMs > guardMs) return outcome("hung", [`read() took over ${guardMs} ms`]);
  if ("error" in settled) {
    const { error } = settled;
    if (error instanceof PingoruError && has(ERROR_KINDS, error.kind)) return outcome(error.kind, []);
    return outcome("untyped", [`read() rejected with ${describeThrown(error)}`]);
  }
  const { value } = settled;
  if (value.unchanged) return outcome("unchanged", ["read() said unchanged without a cache"]);
  const shape = shapeProblems(value.snapshot);
  if (shape.length > 0) return outcome("snapshot", shape);
  return outcome("snapshot", await renderedProblems(value.snapshot, target.page.url));
}

// incidents.json and summary.json bodies for the poll benchmark: the same bytes each time, or, for
// "changed", each incidents body adds one new update to the next incident in turn (as a real page
// changes: one update at a time) and each summary says the page changed then, as Statuspage's does.
export type Mode = "changed" | "same" | "etag";

export function incidentsBodies(text: string, mode: Mode, count: number): Buffer[] {
  if (mode !== "changed") return [Buffer.from(text)];
  const page = JSON.parse(text);
  return Array.from({ length: count }, (_, n) => {
    const incident = page.incidents[n % page.incidents.length];
    const at = new Date(Date.parse("2026-08-01T00:00:00Z") + n * 1000).toISOString();
    const update = {
      ...incident.incident_updates[0],
      id: `bench${n}`,
      body: `Update ${n}`,
      created_at: at,
      display_at: at,
      updated_at: at,
    };
    incident.incident_updates.unshift(update);
    incident.updated_at = at;
    return Buffer.from(JSON.stringify(page, null, 2));
  });
}

export function summaryBodies(text: string, mode: Mode, count: number): Buffer[] {
  if (mode !== "changed") return [Buffer.from(text)];
  const page = JSON.parse(text);
  return Array.from({ length: count }, (_, n) => {
    page.page.updated_at = new Date(Date.parse("2026-08-01T00:00:00Z") + n * 1000).toISOString();
    return Buffer.from(JSON.stringify(page, null, 2));
  });
}

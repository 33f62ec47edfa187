// The vendor page's uptime bars over 90 days (a bar a day, the default), 12 months (a bar a week) or a
// custom range (`range=custom&uptime_from=&uptime_to=`, a bar a day, or a week past 120 days). The
// figures are uptime.ts's, as ever; this only picks the window and groups the days.

import { html } from "hono/html";
import { worseStatus } from "../../domain/model.ts";
import { UPTIME_DAYS, type DayStatus, type UptimeDay } from "../../domain/uptime.ts";
import { PingoruError } from "../../lib/errors.ts";
import { parseUptimeWindow } from "../uptime-load.ts";

const DAY_MS = 86_400_000;
const MAX_DAILY = 120;

export interface UptimeRange {
  kind: "90d" | "12m" | "custom";
  /** UTC days the bars cover, ending with the day of `end`. */
  days: number;
  /** The window's last instant: now, or the end of a custom range in the past. */
  end: Date;
  /** Days per bar: 1 or 7. */
  bucket: number;
  /** The query that asks for this range ("" for the default), for the live part's URL. */
  query: string;
  /** "the last 90 days", "the last 12 months", "from 2026-01-01 to 2026-03-31". */
  label: string;
  from?: string;
  to?: string;
}

export function parseUptimeRange(query: Record<string, string | undefined>, now: Date): UptimeRange {
  const kind = query.range || "90d";
  if (kind === "90d")
    return { kind, days: UPTIME_DAYS, end: now, bucket: 1, query: "", label: `the last ${UPTIME_DAYS} days` };
  if (kind === "12m")
    return {
      kind,
      days: 52 * 7,
      end: now,
      bucket: 7,
      query: "range=12m",
      label: "the last 12 months",
    };
  if (kind !== "custom")
    throw new PingoruError(
      "input",
      `range must be 90d, 12m or custom, got ${JSON.stringify(kind.slice(0, 20))}`,
    );
  const [fromText, toText] = [query.uptime_from, query.uptime_to];
  if (!fromText) throw new PingoruError("input", "a custom range needs uptime_from (a date)");
  const { from, to } = parseUptimeWindow(fromText, toText, now);
  const end = to < now ? new Date(to.getTime() - 1) : now;
  const days = Math.max(1, Math.floor(end.getTime() / DAY_MS) - Math.floor(from.getTime() / DAY_MS) + 1);
  const bucket = days > MAX_DAILY ? 7 : 1;
  const params = new URLSearchParams({
    range: "custom",
    uptime_from: fromText,
    ...(toText ? { uptime_to: toText } : {}),
  });
  const last = end.toISOString().slice(0, 10);
  return {
    kind,
    days,
    end,
    bucket,
    query: params.toString(),
    label: `from ${from.toISOString().slice(0, 10)} to ${last}`,
    from: fromText,
    to: toText,
  };
}

/** Days grouped `size` at a time from the first: each bar the worst status of its days, their incidents. */
export function groupDays(days: readonly UptimeDay[], size: number): UptimeDay[] {
  if (size === 1) return [...days];
  const groups: UptimeDay[] = [];
  for (let i = 0; i < days.length; i += size) {
    const chunk = days.slice(i, i + size);
    const status = chunk.reduce<DayStatus>(
      (acc, d) => (d.status === "no_data" ? acc : acc === "no_data" ? d.status : worseStatus(acc, d.status)),
      "no_data",
    );
    const incidents = [...new Map(chunk.flatMap((d) => d.incidents.map((x) => [x.id, x] as const))).values()];
    groups.push({ date: chunk[0]!.date, status, incidents });
  }
  return groups;
}

/** The switch: links for 90 days and 12 months, a GET form for a custom range. */
export function rangeSwitch(slug: string, range: UptimeRange) {
  const base = `/vendors/${encodeURIComponent(slug)}`;
  const link = (kind: UptimeRange["kind"], href: string, text: string) =>
    range.kind === kind
      ? html`<strong aria-current="page">${text}</strong>`
      : html`<a href="${href}">${text}</a>`;
  return html`<form class="uptime-range" method="get" action="${base}">
    Uptime bars: ${link("90d", base, "90 days")} · ${link("12m", `${base}?range=12m`, "12 months")} ·
    <input type="hidden" name="range" value="custom" />
    <label>from <input type="date" name="uptime_from" value="${range.from ?? ""}" required /></label>
    <label>to <input type="date" name="uptime_to" value="${range.to ?? ""}" /></label>
    <button type="submit">Show</button>
  </form>`;
}

// iCalendar (RFC 5545) text: one VCALENDAR of VEVENTs, TEXT values escaped (§3.3.11), times in UTC
// (§3.3.5), content lines folded at 75 octets and ended by CRLF (§3.1). Pure.
import type { Iso } from "../domain/model.ts";

export const ICS_TYPE = "text/calendar; charset=utf-8";

export interface IcsCalendar {
  name: string;
  description: string;
}

export interface IcsEvent {
  uid: string;
  sequence: number;
  /** When the event was last revised (RFC 5545 §3.8.7.2, a calendar without METHOD). */
  stamp: Iso;
  start: Iso;
  /** Null: the event has a start only. */
  end: Iso | null;
  summary: string;
  description: string;
  url: string;
  status: "CONFIRMED" | "CANCELLED";
}

export function renderIcs(calendar: IcsCalendar, events: readonly IcsEvent[]): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Pingoru//Maintenance calendar//EN",
    "CALSCALE:GREGORIAN",
    `NAME:${escapeText(calendar.name)}`,
    `X-WR-CALNAME:${escapeText(calendar.name)}`,
    `DESCRIPTION:${escapeText(calendar.description)}`,
    // How often subscribers should fetch again (RFC 7986; the X- form for older Outlook clients).
    "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
    "X-PUBLISHED-TTL:PT1H",
    ...events.flatMap(eventLines),
    "END:VCALENDAR",
  ];
  return lines.map(foldLine).join("\r\n") + "\r\n";
}

function eventLines(event: IcsEvent): string[] {
  return [
    "BEGIN:VEVENT",
    `UID:${escapeText(event.uid)}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTAMP:${utc(event.stamp)}`,
    `DTSTART:${utc(event.start)}`,
    ...(event.end === null ? [] : [`DTEND:${utc(event.end)}`]),
    `SUMMARY:${escapeText(event.summary)}`,
    `DESCRIPTION:${escapeText(event.description)}`,
    `URL:${event.url}`, // built by Pingoru from its base and an encoded id: nothing to escape
    `STATUS:${event.status}`,
    "TRANSP:TRANSPARENT", // a vendor's maintenance does not make the subscriber busy
    "END:VEVENT",
  ];
}

/** A TEXT value (§3.3.11): backslash, semicolon, comma and line breaks escaped; other controls dropped. */
export function escapeText(text: string): string {
  return [...text.replace(/\r\n?/g, "\n")]
    .filter(isTextChar)
    .join("")
    .replace(/[\\;,]/g, (ch) => `\\${ch}`)
    .replace(/\n/g, "\\n");
}

// TEXT allows no control characters but tab (and the line breaks it escapes).
function isTextChar(ch: string): boolean {
  const cp = ch.codePointAt(0) ?? 0;
  return ch === "\t" || ch === "\n" || (cp >= 0x20 && cp !== 0x7f);
}

/** "2026-08-29T01:25:00.000Z" → "20260829T012500Z" (a UTC DATE-TIME, §3.3.5 form #2). */
export function utc(iso: Iso): string {
  return new Date(iso)
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");
}

/** Lines longer than 75 octets go on as CRLF + space; a UTF-8 character is never split (§3.1). */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  let limit = 75;
  for (const ch of line) {
    const size = utf8Length(ch.codePointAt(0) ?? 0);
    if (octets + size > limit) {
      parts.push(current);
      current = "";
      octets = 0;
      limit = 74; // the leading space of a continuation line counts
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

// A lone surrogate is written as U+FFFD, three octets.
const utf8Length = (cp: number) => (cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4);

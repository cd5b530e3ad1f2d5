/**
 * The business day: "today" is the center's calendar day in its utility's time zone, never the PC's
 * midnight (a station set to UTC in a Pacific center would otherwise roll the day over at 16:00).
 */
import { z } from 'zod';

/** Time zone ids Intl accepts ("America/Los_Angeles"); anything else would silently fall back or throw later. */
export function isTimeZone(id: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: id });
    return true;
  } catch {
    return false;
  }
}

export const timeZoneSchema = z
  .string()
  .min(1, { message: 'must be an IANA time zone such as America/Los_Angeles' })
  .max(64, { message: 'must be an IANA time zone such as America/Los_Angeles (at most 64 characters)' })
  .refine(isTimeZone, { message: 'must be an IANA time zone such as America/Los_Angeles' });

/** YYYY-MM-DD naming a real calendar day. */
export const businessDaySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a day written YYYY-MM-DD' })
  .refine((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s) || new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s, { message: 'must be a real day' });

/** The zone id, or an error naming the field: a bad zone must never fall back to the PC's. */
export function checkTimeZone(id: string): string {
  const r = timeZoneSchema.safeParse(id);
  if (!r.success) throw new Error(`timeZone: ${r.error.issues[0]?.message ?? 'not a time zone'} (got ${JSON.stringify(id)})`);
  return r.data;
}

// Formatters are costly to build and the same few zones are asked again and again.
const dayFormats = new Map<string, Intl.DateTimeFormat>();
function dayFormat(timeZone: string): Intl.DateTimeFormat {
  let f = dayFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: checkTimeZone(timeZone), year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, f);
  }
  return f;
}

/** "2026-11-22": the calendar day of an instant on the wall clock of `timeZone`. */
export function businessDay(instant: Date, timeZone: string): string {
  const parts = dayFormat(timeZone).formatToParts(instant);
  const get = (t: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

export function isSameBusinessDay(a: Date, b: Date, timeZone: string): boolean {
  return businessDay(a, timeZone) === businessDay(b, timeZone);
}

export type BusinessDayBounds = { start: Date; end: Date };

const HOUR = 3_600_000;

/** The first instant whose business day is `day` or later, searched between two instants known to bracket it. */
function firstInstantOf(day: string, timeZone: string): Date {
  const midnightUtc = Date.parse(`${day}T00:00:00Z`);
  // UTC offsets run from -12:00 to +14:00; a margin beyond them brackets local midnight anywhere.
  let lo = midnightUtc - 15 * HOUR;
  let hi = midnightUtc + 13 * HOUR;
  // Bisection to the millisecond: exact whatever the offset (minutes, seconds) and across a DST change,
  // including zones whose clocks skip midnight itself.
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (businessDay(new Date(mid), timeZone) < day) lo = mid;
    else hi = mid;
  }
  return new Date(hi);
}

function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The UTC instants of the day's local midnight and the next one: `start <= t < end` is "taken that day".
 * A DST day is 23 or 25 hours long.
 */
export function businessDayBounds(day: string, timeZone: string): BusinessDayBounds {
  const r = businessDaySchema.safeParse(day);
  if (!r.success) throw new Error(`day: ${r.error.issues[0]?.message ?? 'not a day'} (got ${JSON.stringify(day)})`);
  const d = r.data;
  return { start: firstInstantOf(d, timeZone), end: firstInstantOf(nextDay(d), timeZone) };
}

/** A business day with its bounds: what the station's day-scoped reads take. */
export type BusinessDayWithBounds = { day: string } & BusinessDayBounds;

export function withBounds(day: string, timeZone: string): BusinessDayWithBounds {
  return { day, ...businessDayBounds(day, timeZone) };
}

/** Milliseconds from `now` to the start of the next business day in `timeZone`. */
export function msUntilNextBusinessDay(now: Date, timeZone: string): number {
  return businessDayBounds(businessDay(now, timeZone), timeZone).end.getTime() - now.getTime();
}

const clockFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The status bar's clock, the center's wall clock whatever the PC's zone: "Sun, Dec 6, 2026, 4:30 PM PST".
 * Spaces are plain (ICU puts a narrow no-break space before AM/PM).
 */
export function formatClock(instant: Date, timeZone: string): string {
  let f = clockFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: checkTimeZone(timeZone),
      weekday: 'short',
      month: 'short',
      day: 'numeric',
      year: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      timeZoneName: 'short',
    });
    clockFormats.set(timeZone, f);
  }
  return f.format(instant).replace(/[\u202f\u00a0]/g, ' ');
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** "04:30 PM": an instant's time of day on the center's clock, for lists of the day's payments. */
export function formatTimeOfDay(instant: Date, timeZone: string): string {
  let f = timeFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: checkTimeZone(timeZone), hour: '2-digit', minute: '2-digit' });
    timeFormats.set(timeZone, f);
  }
  return f.format(instant).replace(/[\u202f\u00a0]/g, ' ');
}

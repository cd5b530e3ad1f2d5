/**
 * The time zone each utility counts its day in: "the day's postings" are those taken between its local
 * midnights. The zone is the profile's (`center.timeZone`, required there), the same one the stations'
 * "today" follows; the export refuses to run for any profile missing from this map rather than leave its
 * payments out.
 */
import { profiles } from '../../shared/profiles';
import { businessDayBounds, type BusinessDayBounds } from '../../shared/time/business-day';

export const UTILITY_TIME_ZONES: Readonly<Record<string, string>> = Object.fromEntries(Object.values(profiles).map((p) => [p.id, p.center.timeZone]));

/** Each utility's business day `day` as UTC instants, from its own local midnight to the next. */
export function businessDayByUtility(day: string): Array<{ utility: string } & BusinessDayBounds> {
  return Object.entries(UTILITY_TIME_ZONES).map(([utility, zone]) => ({ utility, ...businessDayBounds(day, zone) }));
}

/** Profiles with no zone here, for the export's refusal (and a test that keeps this list empty). */
export function utilitiesWithoutZone(): string[] {
  return Object.keys(profiles).filter((id) => !(id in UTILITY_TIME_ZONES));
}

/** "2025-06-02T10:15:00-07:00": a moment as the wall clock in `timeZone` shows it, with its offset. */
export function localTimestamp(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    timeZoneName: 'longOffset',
  }).formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  // "GMT-07:00", or plain "GMT" at offset zero.
  const offset = get('timeZoneName').replace(/^GMT/, '') || '+00:00';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}:${get('second')}${offset}`;
}

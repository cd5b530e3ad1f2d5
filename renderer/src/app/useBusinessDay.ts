/**
 * "Today" at the counter: the center's business day in its profile's time zone, with its bounds, turning
 * over at the zone's midnight (not the PC's) while a screen stays open.
 */
import { useEffect, useMemo, useState } from 'react';
import type { UtilityProfile } from '../../../shared/profiles';
import { businessDay, businessDayBounds, msUntilNextBusinessDay } from '../../../shared/time/business-day';

export type BusinessDay = { day: string; start: Date; end: Date; timeZone: string };

export function useBusinessDay(profile: UtilityProfile): BusinessDay {
  const timeZone = profile.center.timeZone;
  const [day, setDay] = useState(() => businessDay(new Date(), timeZone));
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const check = () => {
      const now = new Date();
      setDay(businessDay(now, timeZone));
      // A timer may fire a little early (or late, after sleep): check again, then wait for the next midnight.
      timer = setTimeout(check, msUntilNextBusinessDay(now, timeZone) + 50);
    };
    check();
    return () => clearTimeout(timer);
  }, [timeZone]);
  return useMemo(() => ({ day, timeZone, ...businessDayBounds(day, timeZone) }), [day, timeZone]);
}

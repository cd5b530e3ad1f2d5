/** The center's wall clock and date in the status bar: the time zone "today" is counted in, whatever the PC's. */
import { useEffect, useState } from 'react';
import { formatClock } from '../../../../shared/time/business-day';

export function CenterClock({ timeZone }: { timeZone: string }) {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    // Ticks on the minute, so the clock never shows a minute late.
    const tick = () => {
      const at = new Date();
      setNow(at);
      timer = setTimeout(tick, 60_000 - (at.getTime() % 60_000));
    };
    tick();
    return () => clearTimeout(timer);
  }, []);
  return (
    <time className="clock" aria-label="Center time" dateTime={now.toISOString()}>
      {formatClock(now, timeZone)}
    </time>
  );
}

/**
 * The one status bar: who, where, online or not, how many payments wait and since when, and the center's
 * clock. "Offline" only when nothing answers; a central (or a proxy before it) answering with errors is
 * "Central error, retrying".
 */
import { useEffect, useState } from 'react';
import { countPending, oldestPending } from '../../db/outbox';
import { counterDb } from '../../db/schema';
import { useLive } from '../../db/live';
import { formatTimeOfDay } from '../../../../shared/time/business-day';
import { CenterClock } from './CenterClock';
import type { SyncRunner, SyncState } from './runner';

function age(iso: string | null, now: number): string {
  if (!iso) return '';
  const min = Math.floor((now - Date.parse(iso)) / 60_000);
  return min < 1 ? 'under a minute' : min < 120 ? `${min} min` : `${Math.floor(min / 60)} h`;
}

export function StatusBar({
  title,
  who,
  runner,
  storagePersisted,
  tokenAtRest = null,
  timeZone,
}: {
  title: string;
  who: string;
  runner: SyncRunner;
  storagePersisted: boolean | null;
  tokenAtRest?: 'sealed' | 'plain' | 'none' | null;
  /** The center's zone (the profile's): the clock and the last sync time are on its wall clock. */
  timeZone: string;
}) {
  const [sync, setSync] = useState<SyncState | null>(null);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => runner.subscribe(setSync), [runner]);
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(t);
  }, []);
  // Counted from the store itself, so every window shows the same figure whichever one is sending.
  const waiting = useLive(() => countPending(counterDb()), [], 0);
  const oldest = useLive(() => oldestPending(counterDb()), [], undefined);
  const online = sync?.online ?? true;
  const retrying = online && sync && sync.retrying > 0 ? sync : null;
  return (
    <header className="statusbar">
      <span className="title">{title}</span>
      <span>{who}</span>
      {storagePersisted === false && <span className="warn-text">Storage not persistent</span>}
      {tokenAtRest === 'plain' && (
        <span className="warn-text" title="This computer has no OS keychain; a supervisor accepted keeping the station token in plain text in Station settings">
          Token in plain text
        </span>
      )}
      <span role="status" aria-label="Sync status" className={online ? 'online' : 'offline'}>
        <span aria-hidden="true">{online ? '●' : '○'}</span>{' '}
        {!online ? (
          'Offline'
        ) : retrying ? (
          <span className="warn-text" title={retrying.lastError ?? undefined}>
            Central error, retrying ({retrying.retrying})<span className="visually-hidden">: {retrying.lastError}</span>
          </span>
        ) : (
          'Online'
        )}{' '}
        · {waiting} waiting
        {waiting > 0 && oldest ? ` · oldest ${age(oldest.queuedAt, now)}` : ''}
        {sync?.lastSyncAt ? ` · last sync ${formatTimeOfDay(new Date(sync.lastSyncAt), timeZone)}` : ''}
      </span>
      <CenterClock timeZone={timeZone} />
    </header>
  );
}

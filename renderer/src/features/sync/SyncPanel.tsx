/**
 * The sync panel: how many payments wait and since when, the last success, the last error in plain
 * words, what has waited too long, what central holds unapplied, what central refused for good (kept for a
 * supervisor, never retried), and Sync now.
 */
import { useEffect, useState } from 'react';
import { formatMoney } from '../../../../shared/money/money';
import { countHeld, countPending, entriesNeedingAttention, oldestPending } from '../../db/outbox';
import { countCachedAccounts } from '../../db/accounts';
import { useLive } from '../../db/live';
import { counterDb } from '../../db/schema';
import type { UtilityProfile } from '../../../../shared/profiles/schema';
import type { SyncRunner, SyncState } from './runner';
import { HeldPayments } from './HeldPayments';
import { StuckEntries } from './StuckEntries';

/** On the center's clock, like the status bar. */
const when = (iso: string | null | undefined, timeZone: string) => (iso ? new Date(iso).toLocaleString('en-US', { timeZone }) : 'never');

export function SyncPanel({ runner, profile, onClose }: { runner: SyncRunner; profile: UtilityProfile; onClose: () => void }) {
  const db = counterDb();
  const [sync, setSync] = useState<SyncState | null>(null);
  useEffect(() => runner.subscribe(setSync), [runner]);
  const waiting = useLive(() => countPending(db), [], 0);
  const oldest = useLive(() => oldestPending(db), [], undefined);
  const attention = useLive(() => entriesNeedingAttention(db), [], []);
  const held = useLive(() => countHeld(db), [], 0);
  // Grows while the first fill runs in the background: the cache's progress, live.
  const cached = useLive(() => countCachedAccounts(db), [], 0);
  return (
    <section className="panel wide" aria-label="Sync">
      <h2>Sync with central</h2>
      <dl className="figures">
        <dt>Central</dt>
        <dd>
          {sync?.online === false
            ? 'Offline: payments are kept on this station and sent when central answers'
            : sync && sync.retrying > 0
              ? `Central error, retrying (${sync.retrying}): payments are kept on this station and sent again`
              : 'Online'}
        </dd>
        <dt>Waiting</dt>
        <dd>{waiting}</dd>
        <dt>Oldest waiting</dt>
        <dd>{oldest ? when(oldest.queuedAt, profile.center.timeZone) : '—'}</dd>
        <dt>Last successful sync</dt>
        <dd>{when(sync?.lastSyncAt, profile.center.timeZone)}</dd>
        <dt>Accounts cached</dt>
        <dd>{cached.toLocaleString('en-US')}</dd>
        <dt>Held at central</dt>
        <dd>{held}</dd>
        <dt>Last error</dt>
        <dd>{sync?.lastError ?? 'none'}</dd>
      </dl>
      <StuckEntries afterMinutes={profile.sync.stuckAfterMinutes} timeZone={profile.center.timeZone} />
      <HeldPayments profile={profile} />
      <h3>Refused by central ({attention.length})</h3>
      {attention.length === 0 ? (
        <p className="muted">Nothing needs a supervisor.</p>
      ) : (
        <ul className="attention">
          {attention.map((e) => (
            <li key={e.id}>
              <strong>{e.state === 'conflict' ? 'Conflict' : 'Refused'}</strong> {e.kind} {e.id}
              {e.kind === 'payment' ? ` · ${formatMoney(e.payment.total)}` : ''} · {e.lastError}
            </li>
          ))}
        </ul>
      )}
      <div className="row">
        <button type="button" className="primary" onClick={() => runner.kick()}>
          Sync now
        </button>
        <button type="button" onClick={onClose}>
          Close <kbd aria-hidden="true">Esc</kbd>
        </button>
      </div>
    </section>
  );
}

/** What has waited longer than the profile allows, by what it is, with its attempts and last error. */
import { useEffect, useState } from 'react';
import { formatMoney } from '../../../../shared/money/money';
import { stuckEntries } from '../../db/outbox';
import { useLive } from '../../db/live';
import { counterDb } from '../../db/schema';
import { summarizeEntry } from './outbox-entry';

const REFRESH_MS = 30_000;

export function StuckEntries({ afterMinutes, timeZone }: { afterMinutes: number; timeZone: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), REFRESH_MS);
    return () => clearInterval(t);
  }, []);
  const cutoff = new Date(now - afterMinutes * 60_000).toISOString();
  const stuck = useLive(() => stuckEntries(counterDb(), cutoff), [cutoff], []);
  const title = `Waiting more than ${afterMinutes} minutes`;
  return (
    <>
      <h3>
        {title} ({stuck.length})
      </h3>
      {stuck.length === 0 ? (
        <p className="muted">Nothing has waited that long.</p>
      ) : (
        <table aria-label={title}>
          <thead>
            <tr>
              <th scope="col">What</th>
              <th scope="col">Transaction id</th>
              <th scope="col" className="money">
                Amount
              </th>
              <th scope="col">Queued</th>
              <th scope="col">Attempts</th>
              <th scope="col">Last error</th>
            </tr>
          </thead>
          <tbody>
            {stuck.map((e) => {
              const s = summarizeEntry(e);
              return (
                <tr key={e.id}>
                  <td>{s.what}</td>
                  <td className="mono">{s.id}</td>
                  <td className="money">{s.amount ? formatMoney(s.amount) : '—'}</td>
                  <td>{new Date(e.queuedAt).toLocaleString('en-US', { timeZone })}</td>
                  <td>{e.attempts}</td>
                  <td>{e.lastError ?? '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}

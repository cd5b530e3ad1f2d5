/**
 * Today's receipts at this station, newest first, any of them reprinted with one button (Shift+F12 opens
 * the list; F12 alone reprints the last). A voided payment's receipt is not reprinted: the customer would
 * hold proof of a payment that no longer stands.
 */
import { useEffect, useRef } from 'react';
import { formatAccountNumber } from '../../../../shared/accounts/account-number';
import { formatMoney } from '../../../../shared/money/money';
import { formatTimeOfDay } from '../../../../shared/time/business-day';
import { paymentsBetween } from '../../db/payments';
import { useLive } from '../../db/live';
import { counterDb } from '../../db/schema';
import { useBusinessDay } from '../../app/useBusinessDay';
import type { Station } from '../../app/App';

const TENDER_NAMES = { cash: 'cash', check: 'check', money_order: 'money order', card: 'card' } as const;

export function ReceiptsToday({ station, onReprint, onClose }: { station: Station; onReprint: (paymentId: string) => void; onClose: () => void }) {
  const db = counterDb();
  const { profile, config } = station;
  // Central's answer is on each journal entry (written with the outbox's "sent"): the status needs no other read.
  // The center's day, not the PC's: a station set to UTC in a Pacific center would turn the day at 16:00.
  const today = useBusinessDay(profile);
  const payments = useLive(() => paymentsBetween(db, today), [today], []);
  const here = payments.filter((p) => p.entry.payment.stationId === config.stationId);
  const firstReprintable = here.findIndex((p) => !p.voided);
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), [here.length]);
  const time = (iso: string) => formatTimeOfDay(new Date(iso), today.timeZone);

  return (
    <section className="panel wide" aria-label="Today's receipts">
      <h2>Today's receipts</h2>
      {here.length === 0 ? (
        <p>No payments taken today at this station.</p>
      ) : (
        <table className="receipts-today">
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Accounts</th>
              <th scope="col" className="money">
                Total
              </th>
              <th scope="col">Tenders</th>
              <th scope="col">Cashier</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {here.map((p, i) => {
              const pay = p.entry.payment;
              const accounts = pay.lines.map((l) => formatAccountNumber(l.accountNumber, profile.accountNumber)).join(', ');
              const label = `${time(pay.takenAt)} ${accounts} ${formatMoney(pay.total)}`;
              return (
                <tr key={p.entry.id}>
                  <td>{time(pay.takenAt)}</td>
                  <td className="mono">{accounts}</td>
                  <td className="money">{formatMoney(pay.total)}</td>
                  <td>{[...new Set(pay.tenders.map((t) => TENDER_NAMES[t.kind]))].join(' + ')}</td>
                  <td>{pay.cashier}</td>
                  <td>{p.voided ? 'Voided' : p.entry.central?.held !== undefined ? `Held at central: ${p.entry.central.held}` : p.entry.central ? 'At central' : 'Pending sync'}</td>
                  <td>
                    {p.voided ? (
                      <span className="muted">no reprint</span>
                    ) : (
                      <button type="button" className="small" ref={i === firstReprintable ? first : undefined} aria-label={`Reprint ${label}`} onClick={() => onReprint(p.entry.id)}>
                        Reprint
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <button type="button" onClick={onClose}>
        Close <kbd aria-hidden="true">Esc</kbd>
      </button>
    </section>
  );
}

/**
 * The day's payments central stored without applying them, for a supervisor: the money was taken and
 * counts in the drawer; the back office applies or refunds it, for the reason given.
 */
import { formatMoney } from '../../../../shared/money/money';
import type { UtilityProfile } from '../../../../shared/profiles/schema';
import { formatTimeOfDay } from '../../../../shared/time/business-day';
import { paymentsBetween } from '../../db/payments';
import { useLive } from '../../db/live';
import { counterDb } from '../../db/schema';
import { useBusinessDay } from '../../app/useBusinessDay';

export function HeldPayments({ profile }: { profile: UtilityProfile }) {
  const day = useBusinessDay(profile);
  const today = useLive(() => paymentsBetween(counterDb(), day), [day], []);
  const held = today.filter((p) => p.entry.central?.held !== undefined);
  const time = (iso: string) => formatTimeOfDay(new Date(iso), day.timeZone);
  return (
    <>
      <h3>Held at central today ({held.length})</h3>
      {held.length === 0 ? (
        <p className="muted">No payment of today is held.</p>
      ) : (
        <table aria-label="Held at central">
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Transaction id</th>
              <th scope="col">Accounts</th>
              <th scope="col" className="money">
                Amount
              </th>
              <th scope="col">Cashier</th>
              <th scope="col">Reference</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {held.map(({ entry }) => (
              <tr key={entry.id}>
                <td>{time(entry.payment.takenAt)}</td>
                <td className="mono">{entry.id}</td>
                <td className="mono">{entry.payment.lines.map((l) => l.accountNumber).join(', ')}</td>
                <td className="money">{formatMoney(entry.payment.total)}</td>
                <td>{entry.payment.cashier}</td>
                <td className="mono">{entry.central?.reference}</td>
                <td>{entry.central?.held}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

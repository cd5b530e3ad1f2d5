/**
 * The day's payments central stored without applying them, for a supervisor: the money was taken and
 * counts in the drawer; the back office applies or refunds it, for the reason given.
 */
import { formatMoney } from '../../../../shared/money/money';
import { paymentsSince } from '../../db/payments';
import { useLive } from '../../db/live';
import { counterDb } from '../../db/schema';
import { startOfToday } from '../../app/today';

export function HeldPayments() {
  const today = useLive(() => paymentsSince(counterDb(), startOfToday()), [], []);
  const held = today.filter((p) => p.entry.central?.held !== undefined);
  const time = (iso: string) => new Date(iso).toLocaleTimeString('en-US', { hour: '2-digit', minute: '2-digit' });
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

/**
 * The day's deposit: every closed drawer of the day not yet deposited, its cash receipts (counted cash +
 * drops − the float it keeps), the checks and money orders listed; the supervisor counts the bag's cash by
 * denomination and enters the bank bag's number.
 */
import { useState } from 'react';
import type { Deposit } from '../../../../shared/drawer/deposit';
import { depositFigures } from '../../../../shared/drawer/deposit';
import { formatMoney } from '../../../../shared/money/money';
import { drawersToDeposit, prepareDeposit } from '../../db/drawer';
import { useLive } from '../../db/live';
import { counterDb } from '../../db/schema';
import type { Station } from '../../app/App';
import { useBusinessDay } from '../../app/useBusinessDay';
import type { SignedInUser } from '../signin/SignIn';
import { CountFields } from './CountFields';
import { Field, FormError, type Errors } from '../../ui/fields';
import { placeRefusal } from './refusal';

export function DepositForm({ station, user, onPrepared, onCancel }: { station: Station; user: SignedInUser; onPrepared: (d: Deposit) => void; onCancel: () => void }) {
  const db = counterDb();
  const today = useBusinessDay(station.profile);
  const { day } = today;
  const drawers = useLive(() => drawersToDeposit(db, station.config.stationId, today), [today], []);
  const [cash, setCash] = useState<Record<string, string>>({});
  const [bag, setBag] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const f = depositFigures(drawers.flatMap((d) => (d.closeout ? [d.closeout] : [])));

  const submit = async () => {
    setErrors({});
    setBusy(true);
    try {
      const deposit = await prepareDeposit(db, { stationId: station.config.stationId, utility: station.profile.id, today, bagNumber: bag, cash, preparedBy: user.name });
      station.runner.kick();
      onPrepared(deposit);
    } catch (e) {
      setErrors(placeRefusal(e, ['bagNumber', 'cash']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      aria-label="Prepare the deposit"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3>Deposit of {day}</h3>
      {drawers.length === 0 ? (
        <p>No closed drawer of {day} is waiting for a deposit.</p>
      ) : (
        <>
          <table className="drawer-table" aria-label="Drawers in this deposit">
            <thead>
              <tr>
                <th scope="col">Cashier</th>
                <th scope="col" className="money">
                  Cash to deposit
                </th>
              </tr>
            </thead>
            <tbody>
              {f.drawers.map((d) => (
                <tr key={d.drawerSessionId}>
                  <th scope="row">{d.cashier}</th>
                  <td className="money">{formatMoney(d.cash)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            Cash for the bag: <strong className="money">{formatMoney(f.cashTarget)}</strong> · Checks ({f.items.filter((i) => i.kind === 'check').length}):{' '}
            <strong className="money">{formatMoney(f.checksTotal)}</strong> · Money orders ({f.items.filter((i) => i.kind === 'money_order').length}):{' '}
            <strong className="money">{formatMoney(f.moneyOrdersTotal)}</strong>
          </p>
          <ul aria-label="Checks and money orders">
            {f.items.map((i) => (
              <li key={`${i.paymentId}-${i.number}`}>
                {i.kind === 'check' ? `Check #${i.number}` : `Money order ${i.number}`} · {formatMoney(i.amount)}
              </li>
            ))}
          </ul>
          <CountFields idPrefix="bag" values={cash} onChange={(id, v) => setCash((c) => ({ ...c, [id]: v }))} errors={errors} totalLabel="Bag cash counted" />
          {errors.cash && (
            <p role="alert" className="error">
              {errors.cash}
            </p>
          )}
          <Field id="deposit-bag" label="Bag number" value={bag} onChange={setBag} error={errors.bagNumber} />
        </>
      )}
      <FormError message={errors._} />
      <div className="row">
        {drawers.length > 0 && (
          <button type="submit" className="primary" disabled={busy}>
            Prepare deposit
          </button>
        )}
        <button type="button" onClick={onCancel}>
          Cancel <kbd aria-hidden="true">Esc</kbd>
        </button>
      </div>
    </form>
  );
}

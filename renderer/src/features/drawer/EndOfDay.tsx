/**
 * The end-of-day checklist: every drawer closed, nothing waiting to reach central (or the supervisor
 * acknowledges what waits), the deposit prepared. Completing it is a journal entry, with the supervisor's PIN.
 */
import { useState, type ReactNode } from 'react';
import { completeEndOfDay, endOfDay } from '../../db/drawer';
import { useLive } from '../../db/live';
import { counterDb } from '../../db/schema';
import { approve } from '../../db/users';
import type { Station } from '../../app/App';
import { useBusinessDay } from '../../app/useBusinessDay';
import type { SignedInUser } from '../signin/SignIn';
import { Field, FormError, type Errors } from '../../ui/fields';
import { placeRefusal } from './refusal';

function Item({ ok, children }: { ok: boolean; children: ReactNode }) {
  return (
    <li className={ok ? 'alert-text ok' : 'alert-text warn'}>
      <span aria-hidden="true">{ok ? '✓ ' : '▲ '}</span>
      {ok ? 'Done: ' : 'Not yet: '}
      {children}
    </li>
  );
}

export function EndOfDayChecklist({ station, user, onClose }: { station: Station; user: SignedInUser; onClose: () => void }) {
  const db = counterDb();
  const today = useBusinessDay(station.profile);
  const { day } = today;
  const s = useLive(() => endOfDay(db, station.config.stationId, today), [today], null);
  const [ack, setAck] = useState(false);
  const [pin, setPin] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  if (!s) return <p>Loading the checklist…</p>;
  const waiting = s.waiting + s.refused;

  const complete = async () => {
    setErrors({});
    setBusy(true);
    try {
      const a = await approve(db, user.name, pin, { for: '', role: 'supervisor', field: 'Supervisor', pinField: 'Supervisor PIN', what: '', policy: station.profile.drawer.pinLockout, stationId: station.config.stationId });
      if (!a.ok) return setErrors({ [a.field]: a.message });
      await completeEndOfDay(db, { stationId: station.config.stationId, today, by: a.approval, acknowledgeWaiting: ack });
    } catch (e) {
      setErrors(placeRefusal(e, ['acknowledge']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      aria-label="End of day"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void complete();
      }}
    >
      <h3>End of day · {day}</h3>
      <ul className="checklist">
        <Item ok={s.notClosed.length === 0}>
          {s.notClosed.length === 0 ? 'every drawer is closed' : `${s.notClosed.length} drawer(s) not closed: ${s.notClosed.map((d) => `${d.cashier} (${d.state})`).join(', ')}`}
        </Item>
        <Item ok={waiting === 0}>
          {waiting === 0 ? 'nothing is waiting to reach central' : `${s.waiting} waiting to reach central${s.refused > 0 ? `, ${s.refused} refused by central (see Sync, F11)` : ''}`}
        </Item>
        <Item ok={s.deposits.length > 0 && s.notDeposited.length === 0}>
          {s.notDeposited.length > 0
            ? `${s.notDeposited.length} closed drawer(s) not in a deposit`
            : s.deposits.length > 0
              ? `deposit prepared (bag ${s.deposits.map((d) => d.bagNumber).join(', ')})`
              : 'no deposit prepared'}
        </Item>
      </ul>
      {s.done ? (
        <p role="status" className="alert-text ok">
          ✓ The day {day} is complete.
        </p>
      ) : (
        <>
          {waiting > 0 && (
            <div className="confirm">
              <input id="eod-ack" type="checkbox" checked={ack} onChange={(e) => setAck(e.target.checked)} aria-invalid={!!errors.acknowledge} aria-describedby={errors.acknowledge ? 'eod-ack-error' : undefined} />
              <label htmlFor="eod-ack">I acknowledge {waiting} entries not yet at central</label>
            </div>
          )}
          {errors.acknowledge && (
            <p id="eod-ack-error" role="alert" className="error">
              {errors.acknowledge}
            </p>
          )}
          <Field id="eod-pin" label="Supervisor PIN" type="password" inputMode="numeric" value={pin} onChange={setPin} error={errors['Supervisor PIN'] ?? errors.Supervisor} />
          <FormError message={errors._} />
          <div className="row">
            <button type="submit" className="primary" disabled={busy}>
              Complete end of day
            </button>
          </div>
        </>
      )}
      <button type="button" onClick={onClose}>
        Close <kbd aria-hidden="true">Esc</kbd>
      </button>
    </form>
  );
}

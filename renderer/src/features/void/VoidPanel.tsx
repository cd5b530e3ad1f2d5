/**
 * Voids: the cashier picks a payment of today at this station, says why, and a supervisor (not the
 * cashier) approves with their own PIN. The void is a new journal entry; nothing is deleted.
 */
import { FormButtons } from '../../ui/fields';
import { useEffect, useRef, useState } from 'react';
import { formatAccountNumber } from '../../../../shared/accounts/account-number';
import { uuidv7 } from '../../../../shared/ids';
import { formatMoney } from '../../../../shared/money/money';
import { voidReasonSchema } from '../../../../shared/payments/void';
import { formatTimeOfDay } from '../../../../shared/time/business-day';
import { paymentsBetween, VoidRefused } from '../../db/payments';
import { commitDrawerVoid, DrawerRefused } from '../../db/drawer';
import { useLive } from '../../db/live';
import { counterDb } from '../../db/schema';
import type { VoidEntry } from '../../db/schema';
import { checkPin } from '../../db/users';
import type { Station } from '../../app/App';
import { useBusinessDay } from '../../app/useBusinessDay';
import type { SignedInUser } from '../signin/SignIn';


export function VoidPanel({ station, user, onVoided, onCancel }: { station: Station; user: SignedInUser; onVoided: (v: VoidEntry) => void; onCancel: () => void }) {
  const db = counterDb();
  // Same-day voids only: the payments of the center's business day, which ends at its midnight, not the PC's.
  const today = useBusinessDay(station.profile);
  const payments = useLive(() => paymentsBetween(db, today), [today], []);
  const [chosen, setChosen] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [supervisor, setSupervisor] = useState('');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The void's id is made once, when the void is started.
  const voidId = useRef(uuidv7());
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), [payments.length]);

  const open = payments.filter((p) => !p.voided && p.entry.payment.stationId === station.config.stationId);

  const approve = async () => {
    setError(null);
    const target = open.find((p) => p.entry.id === chosen);
    if (!target) return setError('Payment: choose the payment to void');
    const r = voidReasonSchema.safeParse(reason);
    if (!r.success) return setError(r.error.issues[0]?.message ?? 'Reason: say why');
    if (supervisor.trim().toLowerCase() === user.name) return setError('Supervisor: a cashier cannot approve their own void; call a supervisor');
    setBusy(true);
    try {
      const approver = await checkPin(db, supervisor, pin, station.profile.drawer.pinLockout);
      if (!approver || approver.role !== 'supervisor') return setError('Supervisor PIN: not a supervisor, or the PIN is not right; nothing was voided');
      const entry = await commitDrawerVoid(db, {
        id: voidId.current,
        paymentId: target.entry.id,
        utility: station.profile.id,
        stationId: station.config.stationId,
        cashier: user.name,
        approvedBy: approver.name,
        reason: r.data,
        drawerSessionId: target.entry.payment.drawerSessionId,
        takenAt: new Date().toISOString(),
      }, { timeZone: today.timeZone });
      station.runner.kick();
      onVoided(entry);
    } catch (e) {
      setError(e instanceof VoidRefused || e instanceof DrawerRefused ? e.message : `Void: not recorded (${e instanceof Error ? e.message : String(e)}); nothing was voided`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel wide" aria-label="Void a payment">
      <h2>Void a payment</h2>
      {open.length === 0 ? (
        <p>No payments of today at this station can be voided.</p>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void approve();
          }}
          noValidate
        >
          <fieldset>
            <legend>Payment</legend>
            {open.map((p, i) => {
              const pay = p.entry.payment;
              const label = `${formatTimeOfDay(new Date(pay.takenAt), today.timeZone)} · ${pay.lines
                .map((l) => formatAccountNumber(l.accountNumber, station.profile.accountNumber))
                .join(', ')} · ${formatMoney(pay.total)} · ${pay.tenders.map((t) => t.kind.replace('_', ' ')).join(' + ')}`;
              return (
                <div key={p.entry.id} className="choice">
                  <input ref={i === 0 ? first : undefined} type="radio" id={`void-${p.entry.id}`} name="void-payment" checked={chosen === p.entry.id} onChange={() => setChosen(p.entry.id)} />
                  <label htmlFor={`void-${p.entry.id}`}>{label}</label>
                </div>
              );
            })}
          </fieldset>
          <div className="field">
            <label htmlFor="void-reason">Reason</label>
            <input id="void-reason" value={reason} onChange={(e) => setReason(e.target.value)} autoComplete="off" />
          </div>
          <div className="field">
            <label htmlFor="void-supervisor">Supervisor</label>
            <input id="void-supervisor" value={supervisor} onChange={(e) => setSupervisor(e.target.value)} autoComplete="off" />
          </div>
          <div className="field">
            <label htmlFor="void-pin">Supervisor PIN</label>
            <input id="void-pin" type="password" inputMode="numeric" value={pin} onChange={(e) => setPin(e.target.value)} autoComplete="off" />
          </div>
          {error && (
            <p role="alert" className="error">
              {error}
            </p>
          )}
          <FormButtons submit="Approve void" busy={busy} onCancel={onCancel} />
        </form>
      )}
    </section>
  );
}

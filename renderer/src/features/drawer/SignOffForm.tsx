/**
 * After the blind count: the figures per tender (expected, counted, over/short), and the supervisor's
 * sign-off with their own PIN; beyond the profile's threshold their note is required. A supervisor may
 * instead reopen the drawer (the count stays in the journal).
 */
import { formatTimeOfDay } from '../../../../shared/time/business-day';
import { useState } from 'react';
import { beyondThreshold, describeOverShort, TENDER_LABEL, type Closeout } from '../../../../shared/drawer/closeout';
import type { DrawerSession } from '../../../../shared/drawer/entries';
import { formatMoney, type MoneyString } from '../../../../shared/money/money';
import { closeoutPreview, reopenDrawer, signOff } from '../../db/drawer';
import { useLive } from '../../db/live';
import { counterDb } from '../../db/schema';
import { approve } from '../../db/users';
import type { Station } from '../../app/App';
import type { SignedInUser } from '../signin/SignIn';
import { ApproverFields, Field, FormError, type Errors } from '../../ui/fields';
import { APPROVER_ALIASES, placeRefusal } from './refusal';

export function SignOffForm({
  station,
  user,
  drawer,
  onSignedOff,
  onReopened,
  onCancel,
}: {
  station: Station;
  user: SignedInUser;
  drawer: DrawerSession;
  onSignedOff: (c: Closeout) => void;
  onReopened: () => void;
  onCancel: () => void;
}) {
  const db = counterDb();
  const settings = station.profile.drawer;
  const preview = useLive(() => closeoutPreview(db, drawer.id), [drawer.id], null);
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const [approver, setApprover] = useState(user.role === 'supervisor' && user.name !== drawer.cashier ? user.name : '');
  const [pin, setPin] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  const approval = async (what: string) => {
    const a = await approve(db, approver, pin, { for: drawer.cashier, role: 'supervisor', field: 'Supervisor', pinField: 'Supervisor PIN', what, policy: settings.pinLockout, stationId: station.config.stationId });
    if (!a.ok) setErrors({ [a.field]: a.message });
    return a.ok ? a.approval : null;
  };

  const doSignOff = async () => {
    setErrors({});
    setBusy(true);
    try {
      const a = await approval('a cashier cannot sign off their own drawer');
      if (!a) return;
      const c = await signOff(db, { drawerId: drawer.id, approval: a, note, settings });
      station.runner.kick();
      onSignedOff(c);
    } catch (e) {
      setErrors(placeRefusal(e, ['Supervisor', 'Supervisor PIN', 'note'], APPROVER_ALIASES));
    } finally {
      setBusy(false);
    }
  };

  const doReopen = async () => {
    setErrors({});
    setBusy(true);
    try {
      const a = await approval('a cashier cannot reopen their own drawer');
      if (!a) return;
      await reopenDrawer(db, { drawerId: drawer.id, approval: a, reason });
      onReopened();
    } catch (e) {
      setErrors(placeRefusal(e, ['Supervisor', 'Supervisor PIN', 'reason'], APPROVER_ALIASES));
    } finally {
      setBusy(false);
    }
  };

  if (!preview) return <p>Loading the count…</p>;
  const { expected: e, overShort: os } = preview;
  const counted = preview.drawer.counted!;
  const rows: Array<[string, MoneyString, MoneyString, MoneyString]> = [
    [TENDER_LABEL.cash, e.cash, counted.cashTotal, os.cash],
    [TENDER_LABEL.checks, e.checks.total, counted.checks.total, os.checks],
    [TENDER_LABEL.moneyOrders, e.moneyOrders.total, counted.moneyOrders.total, os.moneyOrders],
    [TENDER_LABEL.card, e.card.total, counted.card.total, os.card],
  ];
  const beyond = beyondThreshold(os, settings.overShortThreshold);
  return (
    <form
      aria-label="Sign off the close"
      noValidate
      onSubmit={(ev) => {
        ev.preventDefault();
        void doSignOff();
      }}
    >
      <h3>Sign off · {drawer.cashier}</h3>
      <p>Counted at {formatTimeOfDay(new Date(preview.drawer.countedAt ?? preview.drawer.openedAt), station.profile.center.timeZone)}. The count is recorded; here is what the drawer should have held.</p>
      <table className="drawer-table" aria-label="Over and short by tender">
        <thead>
          <tr>
            <th scope="col">Tender</th>
            <th scope="col" className="money">
              Expected
            </th>
            <th scope="col" className="money">
              Counted
            </th>
            <th scope="col" className="money">
              Over/short
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, exp, cnt, diff]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td className="money">{formatMoney(exp)}</td>
              <td className="money">{formatMoney(cnt)}</td>
              <td className="money">{describeOverShort(diff)}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">Total</th>
            <td />
            <td />
            <td className="money">
              <strong>{describeOverShort(os.total)}</strong>
            </td>
          </tr>
        </tbody>
      </table>
      {beyond.length > 0 && (
        <p className="alert-text warn">
          ▲ Beyond the {formatMoney(settings.overShortThreshold)} threshold: {beyond.map((t) => TENDER_LABEL[t].toLowerCase()).join(', ')}. The supervisor's note is required.
        </p>
      )}
      <Field id="signoff-note" label="Supervisor note" value={note} onChange={setNote} error={errors.note} hint={beyond.length > 0 ? 'Required: what was found' : 'Optional'} />
      <ApproverFields idPrefix="signoff-approver" label="Supervisor" name={approver} pin={pin} onName={setApprover} onPin={setPin} errors={errors} />
      <FormError message={errors._} />
      <div className="row">
        <button type="submit" className="primary" disabled={busy}>
          Sign off and print Z report
        </button>
        <button type="button" onClick={onCancel}>
          Later <kbd aria-hidden="true">Esc</kbd>
        </button>
      </div>
      <details>
        <summary>Reopen the drawer instead</summary>
        <Field id="reopen-reason" label="Reason to reopen" value={reason} onChange={setReason} error={errors.reason} />
        <button type="button" onClick={() => void doReopen()} disabled={busy}>
          Reopen drawer
        </button>
      </details>
    </form>
  );
}

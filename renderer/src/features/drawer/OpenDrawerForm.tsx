/**
 * Opening a drawer: the float counted by denomination and checked against the profile's expected float
 * (a difference needs a note), approved by a supervisor with their own PIN. A supervisor opens it for any
 * cashier; at a cashier's station the supervisor comes over and enters their PIN.
 */
import { useState } from 'react';
import { formatMoney } from '../../../../shared/money/money';
import { drawerHolders, openDrawer } from '../../db/drawer';
import { useLive } from '../../db/live';
import { counterDb } from '../../db/schema';
import { approve } from '../../db/users';
import type { Station } from '../../app/App';
import type { SignedInUser } from '../signin/SignIn';
import { CountFields } from './CountFields';
import { ApproverFields, Field, FormError, type Errors, FormButtons } from '../../ui/fields';
import { APPROVER_ALIASES, placeRefusal } from './refusal';

export function OpenDrawerForm({ station, user, onDone, onCancel }: { station: Station; user: SignedInUser; onDone: () => void; onCancel: () => void }) {
  const db = counterDb();
  const settings = station.profile.drawer;
  const isSupervisor = user.role === 'supervisor';
  const holders = useLive(() => drawerHolders(db), [], []);
  const [cashier, setCashier] = useState(isSupervisor ? '' : user.name);
  const [count, setCount] = useState<Record<string, string>>({});
  const [note, setNote] = useState('');
  const [approver, setApprover] = useState(isSupervisor ? user.name : '');
  const [pin, setPin] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setErrors({});
    if (cashier === '') return setErrors({ Cashier: 'Cashier: choose whose drawer opens' });
    setBusy(true);
    try {
      const a = await approve(db, approver, pin, {
        for: cashier,
        role: 'supervisor',
        field: 'Supervisor',
        pinField: 'Supervisor PIN',
        what: 'a cashier cannot open their own drawer',
        policy: settings.pinLockout,
        stationId: station.config.stationId,
      });
      if (!a.ok) return setErrors({ [a.field]: a.message });
      await openDrawer(db, { stationId: station.config.stationId, utility: station.profile.id, cashier, floatCount: count, note, approval: a.approval, settings });
      onDone();
    } catch (e) {
      setErrors(placeRefusal(e, ['Cashier', 'Supervisor', 'Supervisor PIN', 'note'], { ...APPROVER_ALIASES, cashier: 'Cashier' }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      aria-label="Open a drawer"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3>Open a drawer</h3>
      {isSupervisor ? (
        <div className="field">
          <label htmlFor="open-cashier">Cashier</label>
          <select id="open-cashier" value={cashier} onChange={(e) => setCashier(e.target.value)} aria-invalid={!!errors.Cashier} aria-describedby={errors.Cashier ? 'open-cashier-error' : undefined}>
            <option value="">Choose…</option>
            {holders
              .filter((h) => h.name !== user.name)
              .map((h) => (
                <option key={h.name} value={h.name}>
                  {h.name} ({h.displayName})
                </option>
              ))}
          </select>
          {errors.Cashier && (
            <p id="open-cashier-error" role="alert" className="error">
              {errors.Cashier}
            </p>
          )}
        </div>
      ) : (
        <p>
          Drawer for <strong>{user.name}</strong>: a supervisor counts the float with you and approves with their PIN.
        </p>
      )}
      <p className="muted">Count the float by denomination. A drawer opens with {formatMoney(settings.expectedFloat)}.</p>
      <CountFields idPrefix="float" values={count} onChange={(id, v) => setCount((c) => ({ ...c, [id]: v }))} errors={errors} totalLabel="Float counted" />
      <Field id="open-note" label="Note" value={note} onChange={setNote} error={errors.note} hint="Only when the float differs from the expected float: say why" />
      <ApproverFields idPrefix="open-approver" label="Supervisor" name={approver} pin={pin} onName={setApprover} onPin={setPin} errors={errors} />
      <FormError message={errors._ ?? errors.float} />
      <FormButtons submit="Open drawer" busy={busy} onCancel={onCancel} />
    </form>
  );
}

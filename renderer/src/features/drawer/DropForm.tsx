/** A drop to the safe: the cash counted by denomination in front of a second person, who enters their PIN. */
import { useState } from 'react';
import type { DrawerSession } from '../../../../shared/drawer/entries';
import { formatMoney } from '../../../../shared/money/money';
import { recordDrop } from '../../db/drawer';
import { counterDb } from '../../db/schema';
import { approve } from '../../db/users';
import type { Station } from '../../app/App';
import type { SignedInUser } from '../signin/SignIn';
import { CountFields } from './CountFields';
import { ApproverFields, FormError, type Errors, FormButtons } from '../../ui/fields';
import { APPROVER_ALIASES, placeRefusal } from './refusal';

export function DropForm({ station, user, drawer, onDone, onCancel }: { station: Station; user: SignedInUser; drawer: DrawerSession; onDone: (message: string) => void; onCancel: () => void }) {
  const db = counterDb();
  const [count, setCount] = useState<Record<string, string>>({});
  const [witness, setWitness] = useState(user.name !== drawer.cashier ? user.name : '');
  const [pin, setPin] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setErrors({});
    setBusy(true);
    try {
      const a = await approve(db, witness, pin, {
        for: drawer.cashier,
        role: 'any',
        field: 'Witness',
        pinField: 'Witness PIN',
        what: 'a drop needs a second person, not the cashier',
        policy: station.profile.drawer.pinLockout,
        stationId: station.config.stationId,
      });
      if (!a.ok) return setErrors({ [a.field]: a.message });
      const drop = await recordDrop(db, { drawerId: drawer.id, count, witness: a.approval });
      station.runner.kick();
      onDone(`Drop of ${formatMoney(drop.amount)} to the safe recorded, witnessed by ${drop.witness}`);
    } catch (e) {
      setErrors(placeRefusal(e, ['Witness', 'Witness PIN'], APPROVER_ALIASES));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      aria-label="Record a drop"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3>Drop to the safe · {drawer.cashier}</h3>
      <p className="muted">Count the cash going into the safe bag, by denomination, with a second person watching.</p>
      <CountFields idPrefix="drop" values={count} onChange={(id, v) => setCount((c) => ({ ...c, [id]: v }))} errors={errors} totalLabel="Drop counted" />
      <ApproverFields idPrefix="drop-witness" label="Witness" name={witness} pin={pin} onName={setWitness} onPin={setPin} errors={errors} />
      <FormError message={errors._} />
      <FormButtons submit="Record drop" busy={busy} onCancel={onCancel} />
    </form>
  );
}

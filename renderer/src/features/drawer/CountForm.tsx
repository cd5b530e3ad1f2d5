/**
 * The blind count at the close: cash by denomination, the number and total of checks and of money orders,
 * the card terminal's batch total. Nothing on this form says what the drawer should hold; the figures are
 * shown only after the count is recorded.
 */
import { useState } from 'react';
import { CLOSE_FIELD_LABEL, type CloseForm } from '../../../../shared/drawer/closeout';
import type { DrawerSession } from '../../../../shared/drawer/entries';
import { submitCount } from '../../db/drawer';
import { counterDb } from '../../db/schema';
import { CountFields } from './CountFields';
import { Field, FormError, type Errors, FormButtons } from '../../ui/fields';
import { placeRefusal } from './refusal';

const FIELDS = Object.keys(CLOSE_FIELD_LABEL) as Array<keyof typeof CLOSE_FIELD_LABEL>;

export function CountForm({ drawer, paymentInHand, onDone, onCancel }: { drawer: DrawerSession; paymentInHand: boolean; onDone: () => void; onCancel: () => void }) {
  const [cash, setCash] = useState<Record<string, string>>({});
  const [rest, setRest] = useState<Record<keyof typeof CLOSE_FIELD_LABEL, string>>({ checksCount: '', checksTotal: '', moneyOrdersCount: '', moneyOrdersTotal: '', cardTotal: '' });
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setErrors({});
    if (paymentInHand) return setErrors({ _: 'Close: a payment is in hand at this station and not yet posted; post it (F9) or start over (F2), then count' });
    const form: CloseForm = { cash, ...rest };
    setBusy(true);
    try {
      await submitCount(counterDb(), { drawerId: drawer.id, form });
      onDone();
    } catch (e) {
      setErrors(placeRefusal(e, FIELDS));
    } finally {
      setBusy(false);
    }
  };

  const field = (k: keyof typeof CLOSE_FIELD_LABEL, inputMode: 'numeric' | 'decimal') => (
    <Field id={`close-${k}`} label={CLOSE_FIELD_LABEL[k]} value={rest[k]} inputMode={inputMode} onChange={(v) => setRest((r) => ({ ...r, [k]: v }))} error={errors[k]} />
  );

  return (
    <form
      aria-label="Count and close"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3>Count and close · {drawer.cashier}</h3>
      <p className="muted">Blind count: count what is in the drawer. What it should hold is shown only after the count is recorded.</p>
      <CountFields idPrefix="close" values={cash} onChange={(id, v) => setCash((c) => ({ ...c, [id]: v }))} errors={errors} totalLabel="Cash counted" />
      <div className="field-pair">
        {field('checksCount', 'numeric')}
        {field('checksTotal', 'decimal')}
        {field('moneyOrdersCount', 'numeric')}
        {field('moneyOrdersTotal', 'decimal')}
        {field('cardTotal', 'decimal')}
      </div>
      <FormError message={errors._} />
      <FormButtons submit="Submit count" busy={busy} onCancel={onCancel} />
    </form>
  );
}

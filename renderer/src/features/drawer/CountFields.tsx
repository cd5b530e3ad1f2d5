/**
 * Counting by denomination: one labelled field per bill, coin roll and loose coin, each refusal under its
 * field. The running figure is the count's own value (what the counter counted), never what is expected.
 */
import { DENOMINATIONS, judgeCount } from '../../../../shared/drawer/denominations';
import { formatMoney } from '../../../../shared/money/money';
import './drawer.css';

export type Errors = Readonly<Record<string, string>>;

const GROUPS = [
  { group: 'bill', legend: 'Bills' },
  { group: 'roll', legend: 'Coin rolls' },
  { group: 'coin', legend: 'Loose coin' },
] as const;

export function CountFields({
  idPrefix,
  values,
  onChange,
  errors,
  totalLabel,
}: {
  idPrefix: string;
  values: Readonly<Record<string, string>>;
  onChange: (id: string, value: string) => void;
  errors: Errors;
  totalLabel: string;
}) {
  const judged = judgeCount(values);
  return (
    <div>
      <div className="count-grid">
        {GROUPS.map(({ group, legend }) => (
          <fieldset key={group}>
            <legend>{legend}</legend>
            {DENOMINATIONS.filter((d) => d.group === group).map((d) => {
              const id = `${idPrefix}-${d.id}`;
              const error = errors[d.id];
              return (
                <div key={d.id} className="count-row">
                  <label htmlFor={id}>{d.label}</label>
                  <input
                    id={id}
                    inputMode="numeric"
                    autoComplete="off"
                    value={values[d.id] ?? ''}
                    onChange={(e) => onChange(d.id, e.target.value)}
                    aria-invalid={!!error}
                    aria-describedby={error ? `${id}-error` : undefined}
                  />
                  {error && (
                    <p id={`${id}-error`} role="alert" className="error">
                      {error}
                    </p>
                  )}
                </div>
              );
            })}
          </fieldset>
        ))}
      </div>
      <p className="count-total" aria-live="polite">
        {totalLabel}: {judged.ok ? formatMoney(judged.total) : 'check the fields marked above'}
      </p>
    </div>
  );
}

/** A labelled text field with its error under it. */
export function Field({
  id,
  label,
  value,
  onChange,
  error,
  type = 'text',
  inputMode,
  hint,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string | undefined;
  type?: 'text' | 'password';
  inputMode?: 'numeric' | 'decimal' | 'text';
  hint?: string;
}) {
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type={type} inputMode={inputMode} autoComplete="off" value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={!!error} aria-describedby={describedBy} />
      {hint && (
        <span id={`${id}-hint`} className="muted">
          {hint}
        </span>
      )}
      {error && (
        <p id={`${id}-error`} role="alert" className="error">
          {error}
        </p>
      )}
    </div>
  );
}

/** The second person's name and PIN: a supervisor approving, or a witness to a drop. */
export function ApproverFields({
  idPrefix,
  label,
  name,
  pin,
  onName,
  onPin,
  errors,
}: {
  idPrefix: string;
  label: string;
  name: string;
  pin: string;
  onName: (v: string) => void;
  onPin: (v: string) => void;
  errors: Errors;
}) {
  return (
    <div className="field-pair">
      <Field id={`${idPrefix}-who`} label={label} value={name} onChange={onName} error={errors[label]} />
      <Field id={`${idPrefix}-pin`} label={`${label} PIN`} value={pin} onChange={onPin} type="password" inputMode="numeric" error={errors[`${label} PIN`]} />
    </div>
  );
}

/** A refusal for the whole form (not one field). */
export function FormError({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <p role="alert" className="error">
      {message}
    </p>
  );
}

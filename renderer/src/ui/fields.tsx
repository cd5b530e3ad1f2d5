/**
 * The fields every form of the counter is made of: a labelled input with its hint and its refusal
 * (role="alert", under the field it names), a second person's name and PIN, a form-wide refusal, and the
 * submit-and-cancel buttons.
 */

/** Refusals by the label of the field they belong to ("_" for the form as a whole). */
export type Errors = Readonly<Record<string, string>>;

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
  autoFocus,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string | undefined;
  type?: 'text' | 'password';
  inputMode?: 'numeric' | 'decimal' | 'text';
  hint?: string;
  autoFocus?: boolean;
}) {
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type={type} inputMode={inputMode} autoComplete="off" autoFocus={autoFocus} value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={!!error} aria-describedby={describedBy} />
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
  autoFocus,
}: {
  idPrefix: string;
  label: string;
  name: string;
  pin: string;
  onName: (v: string) => void;
  onPin: (v: string) => void;
  errors: Errors;
  autoFocus?: boolean;
}) {
  return (
    <div className="field-pair">
      <Field id={`${idPrefix}-who`} label={label} value={name} onChange={onName} error={errors[label]} autoFocus={autoFocus} />
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

/** The form's action and its way out: submit (primary), and Cancel, which Escape also does. */
export function FormButtons({ submit, busy, onCancel }: { submit: string; busy: boolean; onCancel: () => void }) {
  return (
    <div className="row">
      <button type="submit" className="primary" disabled={busy}>
        {submit}
      </button>
      <button type="button" onClick={onCancel}>
        Cancel <kbd aria-hidden="true">Esc</kbd>
      </button>
    </div>
  );
}

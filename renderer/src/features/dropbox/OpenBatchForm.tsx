/**
 * Opening a drop-box batch: when the box was emptied (the posting date of every check in it), the two
 * people who emptied it, and the count and total from their adding-machine tape.
 */
import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { uuidv7 } from '../../../../shared/ids';
import { judgeOpening, LABEL, type OpeningDraft, type OpeningField } from '../../../../shared/dropbox/entry';
import { BatchRefused, openBatch, type StoredBatch } from '../../db/dropbox';
import { counterDb } from '../../db/schema';
import type { Station } from '../../app/App';
import { useBusinessDay } from '../../app/useBusinessDay';
import type { SignedInUser } from '../signin/SignIn';

const FIELDS: Array<{ field: OpeningField; type: string; hint?: string; inputMode?: 'numeric' | 'decimal' }> = [
  { field: 'retrievalDate', type: 'date', hint: 'the day the box was emptied: every check is credited on it' },
  { field: 'retrievalTime', type: 'time', hint: 'as written on the log, like 07:30' },
];

export function OpenBatchForm({ station, user, onOpened }: { station: Station; user: SignedInUser; onOpened: (b: StoredBatch) => void }) {
  const { profile, config } = station;
  // The box's default date is the center's today, not the PC's.
  const { day } = useBusinessDay(profile);
  const [draft, setDraft] = useState<OpeningDraft>(() => ({
    retrievalDate: day,
    retrievalTime: '',
    firstPerson: '',
    secondPerson: '',
    controlCount: '',
    controlTotal: '',
  }));
  const [errors, setErrors] = useState<Partial<Record<OpeningField, string>>>({});
  const [refused, setRefused] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const refs = useRef<Partial<Record<OpeningField, HTMLInputElement | null>>>({});
  // The batch's id is made once, when the form opens.
  const batchId = useRef(uuidv7());

  useEffect(() => refs.current.retrievalTime?.focus(), []);

  const set = (field: OpeningField) => (e: ChangeEvent<HTMLInputElement>) => setDraft((d) => ({ ...d, [field]: e.target.value }));

  const submit = async () => {
    setRefused(null);
    const r = judgeOpening(draft, profile);
    if (!r.ok) {
      setErrors(Object.fromEntries(r.errors.map((e) => [e.field, e.message])));
      const first = r.errors[0];
      if (first) refs.current[first.field]?.focus();
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const batch = await openBatch(counterDb(), {
        id: batchId.current,
        utility: profile.id,
        stationId: config.stationId,
        clerk: user.name,
        ...r.value,
        openedAt: new Date().toISOString(),
      });
      onOpened(batch);
    } catch (e) {
      setRefused(e instanceof BatchRefused ? e.message : `Open batch: not opened (${e instanceof Error ? e.message : String(e)}); try again`);
    } finally {
      setBusy(false);
    }
  };

  const input = (field: OpeningField, type: string, extra: { hint?: string; inputMode?: 'numeric' | 'decimal'; className?: string } = {}) => (
    <div className="field" key={field}>
      <label htmlFor={`open-${field}`}>{LABEL[field]}</label>
      <input
        id={`open-${field}`}
        ref={(el) => {
          refs.current[field] = el;
        }}
        type={type}
        value={draft[field]}
        onChange={set(field)}
        autoComplete="off"
        spellCheck={false}
        inputMode={extra.inputMode}
        className={extra.className}
        aria-invalid={!!errors[field]}
        aria-describedby={errors[field] ? `open-${field}-error` : extra.hint ? `open-${field}-hint` : undefined}
      />
      {extra.hint && !errors[field] && (
        <span id={`open-${field}-hint`} className="muted small-hint">
          {extra.hint}
        </span>
      )}
      {errors[field] && (
        <p id={`open-${field}-error`} role="alert" className="error">
          {errors[field]}
        </p>
      )}
    </div>
  );

  return (
    <section className="panel dropbox-open" aria-label="Open a batch">
      <h2>Open a drop-box batch</h2>
      <p className="muted">
        Two people empty the box and run an adding-machine tape. Enter when they emptied it, who they are, and the tape&apos;s count and total. Times are {profile.center.name}
        &apos;s clock ({profile.center.timeZone}).
      </p>
      <form
        noValidate
        aria-label="Batch opening"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="open-grid">
          {FIELDS.map((f) => input(f.field, f.type, f))}
          <fieldset className="people">
            <legend>Who emptied the box</legend>
            {input('firstPerson', 'text')}
            {input('secondPerson', 'text', { hint: 'someone other than the first person' })}
          </fieldset>
          {input('controlCount', 'text', { inputMode: 'numeric', className: 'money', hint: 'checks on the tape' })}
          {input('controlTotal', 'text', { inputMode: 'decimal', className: 'money', hint: 'the tape total, like 4012.55' })}
        </div>
        {refused && (
          <p role="alert" className="error">
            {refused}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          Open batch <kbd aria-hidden="true">Enter</kbd>
        </button>
      </form>
    </section>
  );
}

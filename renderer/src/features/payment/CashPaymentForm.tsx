/** The cash payment form: Amount, Bills and Coins apart, change due worked out as the cashier types. */
import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useMemo, useRef } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { cashFormSchema, cashProgress, judgeCash, type CashDraft, type CashFigures } from '../../../../shared/payments/cash';
import { formatMoney } from '../../../../shared/money/money';
import type { UtilityProfile } from '../../../../shared/profiles';

type Props = {
  profile: UtilityProfile;
  /** The balance to offer as the amount; the cashier may change it. */
  suggestedAmount: string;
  onPost: (figures: CashFigures) => Promise<void>;
  postError: string | null;
};

export function CashPaymentForm({ profile, suggestedAmount, onPost, postError }: Props) {
  const schema = useMemo(() => cashFormSchema(profile), [profile]);
  const { register, handleSubmit, control, formState, getFieldState, setValue, setFocus } = useForm<CashDraft>({
    resolver: zodResolver(schema),
    defaultValues: { amount: suggestedAmount, bills: '', coins: '' },
    mode: 'onSubmit',
    reValidateMode: 'onChange',
  });
  const draft = useWatch({ control }) as CashDraft;
  const formRef = useRef<HTMLFormElement>(null);

  // A fresher balance from central replaces the offered amount only while the cashier has not typed one.
  useEffect(() => {
    if (!getFieldState('amount').isDirty) setValue('amount', suggestedAmount);
  }, [suggestedAmount, getFieldState, setValue]);

  useEffect(() => setFocus('bills'), [setFocus]);

  const progress = cashProgress({ amount: draft.amount ?? '', bills: draft.bills ?? '', coins: draft.coins ?? '' });
  const summary =
    progress === null ? 'Change due —' : 'change' in progress ? `Change due ${formatMoney(progress.change)}` : `Still to pay ${formatMoney(progress.short)}`;

  const submit = handleSubmit(async (values) => {
    const r = judgeCash(values, profile);
    if (r.ok) await onPost(r.value);
  });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'F9') {
        e.preventDefault();
        formRef.current?.requestSubmit();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const err = formState.errors;
  const field = (name: keyof CashDraft, label: string, hint?: string) => (
    <div className="field money-field">
      <label htmlFor={`pay-${name}`}>{label}</label>
      <input
        id={`pay-${name}`}
        inputMode="decimal"
        autoComplete="off"
        className="money"
        aria-invalid={!!err[name]}
        aria-describedby={err[name] ? `pay-${name}-error` : undefined}
        {...register(name)}
      />
      {hint && <span className="muted hint">{hint}</span>}
      {err[name] && (
        <p id={`pay-${name}-error`} role="alert" className="error">
          {err[name]?.message}
        </p>
      )}
    </div>
  );
  const limit = profile.tenders.cash.coinLimit;
  return (
    <form ref={formRef} className="panel payment" aria-label="Cash payment" onSubmit={submit} noValidate>
      <h2>Cash payment</h2>
      {field('amount', 'Amount', 'defaults to the balance due')}
      {field('bills', 'Bills')}
      {field('coins', 'Coins', limit ? `at most ${formatMoney(limit)}` : undefined)}
      <p className="change money big" aria-live="polite">
        {summary}
      </p>
      {postError && (
        <p role="alert" className="error">
          {postError}
        </p>
      )}
      <button type="submit" className="primary" aria-keyshortcuts="F9" disabled={formState.isSubmitting}>
        Post payment <kbd aria-hidden="true">F9</kbd>
      </button>
    </form>
  );
}

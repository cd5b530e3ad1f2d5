/**
 * The payment form: one or several accounts, cash (Bills and Coins apart) and any number of checks,
 * money orders and cards. The arithmetic shows as the cashier types; the rules are shared/'s.
 * Keys: F5 check, F6 money order, F7 card, F9 post.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useEffectEvent, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { LANGUAGE_NAMES, LANGUAGES, type Language } from '../../../../shared/receipt/i18n';
import { useFieldArray, useForm, useWatch, type FieldErrors } from 'react-hook-form';
import type { Account } from '../../../../shared/accounts/account';
import { formatAccountNumber } from '../../../../shared/accounts/account-number';
import { add, formatMoney, money, parseMoneyInput, sub, toMoneyString } from '../../../../shared/money/money';
import type { UtilityProfile } from '../../../../shared/profiles';
import {
  judgeTransaction,
  overLimitRule,
  overWindowLimit,
  tenderPrefixes,
  transactionFormSchema,
  transactionProgress,
  type Judged,
  type TenderDraft,
  type TransactionDraft,
} from '../../../../shared/payments/transaction';

type Props = {
  profile: UtilityProfile;
  accounts: Account[];
  /** The first account's offered amount (a scanned stub's amount due, else the balance). */
  firstAmount: string;
  /** `approverPin`: the PIN of the supervisor named in `judged.approver` (kept here only, never on disk). */
  onPost: (judged: Judged, receiptLanguage: Language, approverPin: string) => Promise<void>;
  postError: string | null;
  /** What was typed before (a draft resumed after a restart, or the payment held while F10 was open). */
  restore?: { values: TransactionDraft; language: Language } | undefined;
  /** Every change to what is typed, to keep the draft on disk. */
  onChange?: ((values: TransactionDraft, language: Language) => void) | undefined;
};

const NEW_TENDER: Record<TenderDraft['kind'], TenderDraft> = {
  check: { kind: 'check', amount: '', checkNumber: '', routingNumber: '' },
  money_order: { kind: 'money_order', amount: '', serial: '' },
  card: { kind: 'card', amount: '', brand: '', last4: '', approvalCode: '' },
};

function errorAt(errors: FieldErrors<TransactionDraft>, path: string): string | undefined {
  let node: unknown = errors;
  for (const p of path.split('.')) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[p] : undefined;
  const message = node && typeof node === 'object' ? (node as { message?: unknown }).message : undefined;
  return typeof message === 'string' ? message : undefined;
}

const suggest = (a: Account) => (money(a.balance).greaterThan(0) ? a.balance : '');

/** The form's values with nothing missing (a watch callback may see fields not yet registered). */
function complete(v: Partial<Record<keyof TransactionDraft, unknown>>): TransactionDraft {
  const lines = (Array.isArray(v.lines) ? v.lines : []) as Array<Partial<TransactionDraft['lines'][number]> | undefined>;
  return {
    lines: lines.map((l) => ({ accountNumber: l?.accountNumber ?? '', amount: l?.amount ?? '' })),
    bills: typeof v.bills === 'string' ? v.bills : '',
    coins: typeof v.coins === 'string' ? v.coins : '',
    tenders: (Array.isArray(v.tenders) ? v.tenders : []) as TenderDraft[],
    memo: typeof v.memo === 'string' ? v.memo : '',
    confirmCredit: v.confirmCredit === true,
    confirmCertified: v.confirmCertified === true,
    approver: typeof v.approver === 'string' ? v.approver : '',
  };
}

export function TransactionForm({ profile, accounts, firstAmount, onPost, postError, restore, onChange }: Props) {
  const byNumber = useMemo(() => Object.fromEntries(accounts.map((a) => [a.number, a])), [accounts]);
  const schema = useMemo(() => transactionFormSchema(profile, byNumber), [profile, byNumber]);
  const { register, handleSubmit, control, formState, setValue, getValues, subscribe } = useForm<TransactionDraft>({
    resolver: zodResolver(schema),
    defaultValues: restore?.values ?? {
      lines: accounts.map((a, i) => ({ accountNumber: a.number, amount: i === 0 ? firstAmount : suggest(a) })),
      bills: '',
      coins: '',
      tenders: [],
      memo: '',
      confirmCredit: false,
      confirmCertified: false,
      approver: '',
    },
    mode: 'onSubmit',
    reValidateMode: 'onChange',
  });
  const lines = useFieldArray({ control, name: 'lines' });
  const tenders = useFieldArray({ control, name: 'tenders' });
  const draft = useWatch({ control }) as TransactionDraft;
  const formRef = useRef<HTMLFormElement>(null);
  // Chosen per transaction for the customer; the cashier's screens stay in English.
  const [language, setLanguage] = useState<Language>(restore?.language ?? 'en');
  // A restored amount was typed by the cashier: a fresher balance must not replace it.
  const restored = useRef(restore !== undefined);

  const report = useEffectEvent((values: TransactionDraft) => onChange?.(values, language));
  useEffect(() => subscribe({ formState: { values: true }, callback: ({ values }) => report(complete(values)) }), [subscribe]);
  // At the start (the accounts looked up are worth keeping already) and on each change of language.
  useEffect(() => report(complete(getValues())), [language, getValues]);

  // An account added to the transaction joins the form with its balance offered.
  useEffect(() => {
    const have = new Set(getValues('lines').map((l) => l.accountNumber));
    for (const a of accounts) if (!have.has(a.number)) lines.append({ accountNumber: a.number, amount: suggest(a) }, { shouldFocus: true });
  }, [accounts, getValues, lines]);

  // A fresher first balance from central replaces the offered amount while the cashier has not typed one.
  useEffect(() => {
    // Nor while the cashier is in the field, or when it already says so: setting the value there moves the
    // caret and drops a selection, and what is typed next would land beside the old amount.
    if (restored.current || formState.dirtyFields.lines?.[0]?.amount) return;
    if (getValues('lines.0.amount') === firstAmount || document.activeElement?.id === 'pay-line-0') return;
    setValue('lines.0.amount', firstAmount);
  }, [firstAmount, formState.dirtyFields.lines, setValue, getValues]);

  // Focus lands in Bills in the same frame the form appears, before the next keystroke (RHF's setFocus
  // waits a task, and a scanner's next keystrokes would land elsewhere).
  const billsEl = useRef<HTMLInputElement | null>(null);
  useLayoutEffect(() => billsEl.current?.focus(), []);

  const addTender = (kind: TenderDraft['kind']) => {
    tenders.append(NEW_TENDER[kind], { shouldFocus: true });
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const keys: Record<string, () => void> = {
        F5: () => addTender('check'),
        F6: () => addTender('money_order'),
        F7: () => addTender('card'),
        F9: () => formRef.current?.requestSubmit(),
      };
      const act = keys[e.key];
      if (act) {
        e.preventDefault();
        act();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  // The preview judges the amounts alone: the confirmations and the approval are asked for when posting.
  const safe: TransactionDraft = { ...complete(draft), confirmCredit: true, confirmCertified: true, approver: 'preview' };
  const progress = transactionProgress(safe);
  const preview = judgeTransaction(safe, profile, byNumber);
  const credits = preview.ok ? preview.value.credits : [];
  // Non-cash over the total gets no cash back: offer to keep the extra as credit on the first account.
  const nonCash = add(...safe.tenders.map((t) => {
    const r = parseMoneyInput(t.amount);
    return r.ok ? money(r.value) : money('0.00');
  }));
  const totalRead = safe.lines.map((l) => parseMoneyInput(l.amount));
  const total = totalRead.every((r) => r.ok) ? add(...totalRead.map((r) => money(r.ok ? r.value : '0.00'))) : null;
  const extra = total && nonCash.greaterThan(total) ? sub(nonCash, total) : null;
  const applyExtraAsCredit = () => {
    if (!extra) return;
    const current = parseMoneyInput(getValues('lines.0.amount'));
    const base = current.ok ? money(current.value) : money('0.00');
    setValue('lines.0.amount', toMoneyString(add(base, extra)), { shouldDirty: true, shouldValidate: formState.isSubmitted });
  };
  const certified = accounts.some((a) => a.status === 'certified') && profile.certified;
  // Over the window limit a supervisor approves: their PIN stays in this component, never in the draft on disk.
  const overLimit = total !== null && overWindowLimit(total, profile);
  const [approverPin, setApproverPin] = useState('');

  const summary =
    progress === null ? 'Change due —' : 'change' in progress ? `Change due ${formatMoney(progress.change)}` : `Still to pay ${formatMoney(progress.short)}`;

  const submit = handleSubmit(async (values) => {
    const r = judgeTransaction(values, profile, byNumber);
    if (r.ok) await onPost(r.value, language, approverPin);
  });

  const err = formState.errors;
  const prefixes = tenderPrefixes(safe.tenders);

  const moneyField = (name: `lines.${number}.amount` | 'bills' | 'coins' | `tenders.${number}.amount`, id: string, label: string, hint?: string) => {
    const e = errorAt(err, name);
    const reg = register(name);
    return (
      <div className="field money-field">
        <label htmlFor={id}>{label}</label>
        <input
          id={id}
          inputMode="decimal"
          autoComplete="off"
          className="money"
          aria-invalid={!!e}
          aria-describedby={e ? `${id}-error` : undefined}
          {...reg}
          ref={(el) => {
            reg.ref(el);
            if (name === 'bills') billsEl.current = el;
          }}
        />
        {hint ? <span className="muted hint">{hint}</span> : <span />}
        {e && (
          <p id={`${id}-error`} role="alert" className="error">
            {e}
          </p>
        )}
      </div>
    );
  };
  const textField = (name: `tenders.${number}.${string}` | 'memo' | 'approver', id: string, label: string, opts: { numeric?: boolean; hint?: string } = {}) => {
    const e = errorAt(err, name);
    return (
      <div className="field money-field">
        <label htmlFor={id}>{label}</label>
        <input
          id={id}
          autoComplete="off"
          inputMode={opts.numeric ? 'numeric' : 'text'}
          aria-invalid={!!e}
          aria-describedby={e ? `${id}-error` : undefined}
          {...register(name as 'memo')}
        />
        {opts.hint ? <span className="muted hint">{opts.hint}</span> : <span />}
        {e && (
          <p id={`${id}-error`} role="alert" className="error">
            {e}
          </p>
        )}
      </div>
    );
  };

  return (
    <form ref={formRef} className="panel payment" aria-label="Payment" onSubmit={submit} noValidate>
      <h2>Payment</h2>
      {lines.fields.map((f, i) =>
        moneyField(
          `lines.${i}.amount`,
          `pay-line-${i}`,
          i === 0 ? 'Amount' : `Apply to ${formatAccountNumber(f.accountNumber, profile.accountNumber)}`,
          i === 0 ? (accounts.length > 1 ? `to ${formatAccountNumber(f.accountNumber, profile.accountNumber)}` : 'defaults to the balance due') : undefined,
        ),
      )}
      {overLimit && (
        <fieldset className="tender approval">
          <legend>Supervisor approval</legend>
          <p className="warn-text">{`▲ ${overLimitRule(profile).replace(/^a/, 'A')}.`}</p>
          {textField('approver', 'pay-approver', 'Supervisor')}
          <div className="field money-field">
            <label htmlFor="pay-approver-pin">Supervisor PIN</label>
            <input id="pay-approver-pin" type="password" inputMode="numeric" autoComplete="off" value={approverPin} onChange={(e) => setApproverPin(e.target.value)} />
            <span />
          </div>
        </fieldset>
      )}
      <fieldset className="tender">
        <legend>Cash</legend>
        {moneyField('bills', 'pay-bills', 'Bills')}
        {moneyField('coins', 'pay-coins', 'Coins', profile.tenders.cash.coinLimit ? `at most ${formatMoney(profile.tenders.cash.coinLimit)}` : undefined)}
      </fieldset>
      {tenders.fields.map((f, i) => {
        const p = prefixes[i] ?? 'Tender';
        const id = `pay-t${i}`;
        return (
          <fieldset key={f.id} className="tender">
            <legend>{p}</legend>
            {moneyField(`tenders.${i}.amount`, `${id}-amount`, `${p} total`)}
            {f.kind === 'check' && (
              <>
                {textField(`tenders.${i}.checkNumber`, `${id}-number`, `${p} number`, { numeric: true })}
                {textField(`tenders.${i}.routingNumber`, `${id}-routing`, `${p} routing number`, { numeric: true, hint: 'optional' })}
              </>
            )}
            {f.kind === 'money_order' && textField(`tenders.${i}.serial`, `${id}-serial`, `${p} serial number`)}
            {f.kind === 'card' && (
              <>
                <div className="field money-field">
                  <label htmlFor={`${id}-brand`}>{`${p} brand`}</label>
                  <select id={`${id}-brand`} aria-invalid={!!errorAt(err, `tenders.${i}.brand`)} {...register(`tenders.${i}.brand` as 'memo')}>
                    <option value="">Choose…</option>
                    {profile.tenders.card.brands.map((b) => (
                      <option key={b} value={b}>
                        {b}
                      </option>
                    ))}
                  </select>
                  <span />
                  {errorAt(err, `tenders.${i}.brand`) && (
                    <p role="alert" className="error">
                      {errorAt(err, `tenders.${i}.brand`)}
                    </p>
                  )}
                </div>
                {textField(`tenders.${i}.last4`, `${id}-last4`, `${p} last four`, { numeric: true, hint: 'never the whole number' })}
                {textField(`tenders.${i}.approvalCode`, `${id}-approval`, `${p} approval code`)}
              </>
            )}
            <button type="button" className="small" onClick={() => tenders.remove(i)}>
              Remove {p.toLowerCase()}
            </button>
          </fieldset>
        );
      })}
      <div className="tender-buttons">
        {profile.tenders.check.accepted && (
          <button type="button" onClick={() => addTender('check')} aria-keyshortcuts="F5">
            Add check <kbd aria-hidden="true">F5</kbd>
          </button>
        )}
        {profile.tenders.moneyOrder.accepted && (
          <button type="button" onClick={() => addTender('money_order')} aria-keyshortcuts="F6">
            Add money order <kbd aria-hidden="true">F6</kbd>
          </button>
        )}
        {profile.tenders.card.accepted && (
          <button type="button" onClick={() => addTender('card')} aria-keyshortcuts="F7">
            Add card <kbd aria-hidden="true">F7</kbd>
          </button>
        )}
      </div>
      {textField('memo', 'pay-memo', 'Memo', { hint: 'optional' })}
      <div className="field money-field">
        <label htmlFor="pay-language">Receipt language</label>
        <select id="pay-language" value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
          {LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {LANGUAGE_NAMES[l]}
            </option>
          ))}
        </select>
        <span />
      </div>
      {extra && (
        <button type="button" onClick={applyExtraAsCredit}>
          Apply {formatMoney(extra)} as credit
        </button>
      )}
      {credits.length > 0 && (
        <div className="confirm">
          <input id="pay-confirm-credit" type="checkbox" {...register('confirmCredit')} />
          <label htmlFor="pay-confirm-credit">
            Keep {credits.map((c) => `${formatMoney(c.amount)} on ${formatAccountNumber(c.accountNumber, profile.accountNumber)}`).join(', ')} as credit
          </label>
        </div>
      )}
      {errorAt(err, 'confirmCredit') && (
        <p role="alert" className="error">
          {errorAt(err, 'confirmCredit')}
        </p>
      )}
      {certified && (
        <div className="confirm">
          <input id="pay-confirm-certified" type="checkbox" {...register('confirmCertified')} />
          <label htmlFor="pay-confirm-certified">Customer told: certified charges are paid to {profile.certified ? profile.certified.payTo : ''}</label>
        </div>
      )}
      {errorAt(err, 'confirmCertified') && (
        <p role="alert" className="error">
          {errorAt(err, 'confirmCertified')}
        </p>
      )}
      <div className="post-bar">
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
      </div>
    </form>
  );
}

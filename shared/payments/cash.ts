/**
 * A cash payment: the form's draft, the rules that judge it, and the change.
 * The same function judges the form, the IPC boundary and central, so none can accept what another refuses.
 */
import { z } from 'zod';
import { add, compare, formatMoney, money, parseMoneyInput, sub, toMoneyString, type MoneyString } from '../money/money';
import type { UtilityProfile } from '../profiles/schema';

/** What the cashier typed: strings, exactly as typed. */
export const cashDraftSchema = z.object({
  amount: z.string(),
  bills: z.string(),
  coins: z.string(),
});
export type CashDraft = z.infer<typeof cashDraftSchema>;

export type CashFigures = {
  amount: MoneyString;
  bills: MoneyString;
  coins: MoneyString;
  tendered: MoneyString;
  change: MoneyString;
};

export type FieldError = { field: 'amount' | 'bills' | 'coins'; message: string };

const LABEL: Record<FieldError['field'], string> = { amount: 'Amount', bills: 'Bills', coins: 'Coins' };

/**
 * Judges a cash draft against the profile. Empty Bills or Coins count as none.
 * Every message starts with the field's label and says the rule (and its source where the profile gives one).
 */
export function judgeCash(draft: CashDraft, profile: UtilityProfile): { ok: true; value: CashFigures } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const read = (field: FieldError['field'], raw: string, emptyIsZero: boolean): MoneyString | null => {
    if (emptyIsZero && raw.trim() === '') return '0.00' as MoneyString;
    const r = parseMoneyInput(raw);
    if (!r.ok) {
      errors.push({ field, message: `${LABEL[field]}: ${r.message}` });
      return null;
    }
    return r.value;
  };
  const amount = read('amount', draft.amount, false);
  const bills = read('bills', draft.bills, true);
  const coins = read('coins', draft.coins, true);

  const cash = profile.tenders.cash;
  if (!cash.accepted) errors.push({ field: 'bills', message: `Bills: ${profile.name} does not take cash at this counter` });
  if (amount !== null && money(amount).isZero()) {
    errors.push({ field: 'amount', message: 'Amount: must be more than $0.00' });
  }
  if (coins !== null && cash.coinLimit !== null && compare(money(coins), money(cash.coinLimit)) > 0) {
    errors.push({
      field: 'coins',
      message: `Coins: at most ${formatMoney(cash.coinLimit)} in coin per payment (${cash.source.title}); take the rest in bills`,
    });
  }
  if (amount !== null && bills !== null && coins !== null && errors.length === 0) {
    const tendered = add(money(bills), money(coins));
    if (compare(tendered, money(amount)) < 0) {
      errors.push({
        field: 'bills',
        message: `Bills: cash tendered ${formatMoney(tendered)} is less than the amount ${formatMoney(amount)}; take ${formatMoney(sub(money(amount), tendered))} more`,
      });
    } else {
      return {
        ok: true,
        value: { amount, bills, coins, tendered: toMoneyString(tendered), change: toMoneyString(sub(tendered, money(amount))) },
      };
    }
  }
  return { ok: false, errors };
}

/** The form's schema: the same judgement, with each error on its field. */
export function cashFormSchema(profile: UtilityProfile) {
  return cashDraftSchema.superRefine((draft, ctx) => {
    const r = judgeCash(draft, profile);
    if (!r.ok) for (const e of r.errors) ctx.addIssue({ code: 'custom', path: [e.field], message: e.message });
  });
}

/**
 * Where the cash stands while the cashier types: change due, or what is still to pay.
 * Null while a field cannot be read yet. Limits are judged by `judgeCash`, not here.
 */
export function cashProgress(draft: CashDraft): { change: MoneyString } | { short: MoneyString } | null {
  const read = (raw: string, emptyIsZero: boolean) => {
    if (emptyIsZero && raw.trim() === '') return money('0.00');
    const r = parseMoneyInput(raw);
    return r.ok ? money(r.value) : null;
  };
  const amount = read(draft.amount, false);
  const bills = read(draft.bills, true);
  const coins = read(draft.coins, true);
  if (!amount || !bills || !coins) return null;
  const left = sub(add(bills, coins), amount);
  return left.isNegative() ? { short: toMoneyString(left.negated()) } : { change: toMoneyString(left) };
}

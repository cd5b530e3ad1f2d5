/**
 * One transaction at the window: any number of accounts, cash (bills and coins apart) and any number of
 * checks, money orders and cards. The form, the IPC boundary and central judge it with the same rules;
 * every message starts with the label of the field it belongs to and names the rule and its source.
 */
import { z } from 'zod';
import type { Account } from '../accounts/account';
import { formatAccountNumber } from '../accounts/account-number';
import { add, compare, formatMoney, isMoneyString, money, parseMoneyInput, sub, toMoneyString, ZERO, type Money, type MoneyString } from '../money/money';
import type { UtilityProfile } from '../profiles/schema';
import { CARD_NUMBER_MESSAGE, containsCardNumber } from './card-guard';
import { MAX_LINES, MAX_TENDERS, tenderRuleError, type PaymentLine, type Tender } from './payment';
import { textProblem, TEXT_LIMITS } from '../text/safe-text';
import { routingNumberProblem } from './routing-number';

export type LineDraft = { accountNumber: string; amount: string };
export type TenderDraft =
  | { kind: 'check'; amount: string; checkNumber: string; routingNumber: string }
  | { kind: 'money_order'; amount: string; serial: string }
  | { kind: 'card'; amount: string; brand: string; last4: string; approvalCode: string };

export type TransactionDraft = {
  lines: LineDraft[];
  bills: string;
  coins: string;
  tenders: TenderDraft[];
  memo: string;
  /** The cashier confirmed that an overpayment stays on the account as credit. */
  confirmCredit: boolean;
  /** The cashier told the customer that certified charges are paid to the county, not here. */
  confirmCertified: boolean;
  /** The supervisor approving a payment over the window limit (their PIN is checked when posting, never kept). */
  approver?: string;
};

export type Judged = {
  lines: PaymentLine[];
  tenders: Tender[];
  total: MoneyString;
  tendered: MoneyString;
  change: MoneyString;
  memo: string;
  /** Overpayments kept as credit, by account. */
  credits: Array<{ accountNumber: string; amount: MoneyString }>;
  /** The supervisor named to approve a payment over the window limit; null when none is needed. */
  approver: string | null;
};

export type DraftError = { path: string; message: string };

const KIND_NAME: Record<TenderDraft['kind'], string> = { check: 'Check', money_order: 'Money order', card: 'Card' };

/** "Check", "Check 2", "Money order", "Card 2"…: the prefix of each non-cash tender's field labels. */
export function tenderPrefixes(tenders: Array<{ kind: TenderDraft['kind'] }>): string[] {
  const seen: Record<string, number> = {};
  return tenders.map((t) => {
    const n = (seen[t.kind] = (seen[t.kind] ?? 0) + 1);
    return n === 1 ? KIND_NAME[t.kind] : `${KIND_NAME[t.kind]} ${n}`;
  });
}

/** The visible label of every field, as the screen shows it and the messages name it. */
export function fieldLabel(path: string, draft: Pick<TransactionDraft, 'lines' | 'tenders'>, profile: UtilityProfile): string {
  const [head, index, field] = path.split('.');
  if (head === 'lines') {
    const i = Number(index);
    const line = draft.lines[i];
    return i === 0 ? 'Amount' : `Apply to ${formatAccountNumber(line?.accountNumber ?? '', profile.accountNumber)}`;
  }
  if (head === 'tenders') {
    const prefix = tenderPrefixes(draft.tenders)[Number(index)] ?? 'Tender';
    const names: Record<string, string> = {
      amount: 'total',
      checkNumber: 'number',
      routingNumber: 'routing number',
      serial: 'serial number',
      brand: 'brand',
      last4: 'last four',
      approvalCode: 'approval code',
    };
    return `${prefix} ${names[field ?? 'amount'] ?? field}`;
  }
  const top: Record<string, string> = { bills: 'Bills', coins: 'Coins', memo: 'Memo', confirmCredit: 'Overpayment', confirmCertified: 'Certified', approver: 'Supervisor' };
  return top[head ?? ''] ?? head ?? '';
}

/** What it takes today to have service restored, by the account's shut-off history and the profile. */
export function restorationNeed(account: Account, profile: UtilityProfile): { basis: 'promise' | 'posted'; percent: number; amount: MoneyString; rule: string } | null {
  const r = profile.restoration;
  if (!r || account.status !== 'shut_off' || compare(money(account.balance), ZERO) <= 0) return null;
  const rule = account.beyondShutOff ? r.beyondShutOff : account.shutOffsLast12Months > 1 ? r.moreThanOnce : r.once;
  const amount = money(account.balance).times(rule.percent).dividedBy(100).toDecimalPlaces(2, 0 /* ROUND_UP: a cent short never restores */);
  return { ...rule, amount: toMoneyString(amount), rule: r.source.title };
}

export function describeRestoration(need: NonNullable<ReturnType<typeof restorationNeed>>): string {
  return need.basis === 'posted'
    ? `${formatMoney(need.amount)} (${need.percent}% of the balance) must be posted before service is restored, plus an arrangement for the rest (${need.rule})`
    : `a promise to pay ${formatMoney(need.amount)} (${need.percent}% of the balance) within 3 business days restores service, plus an arrangement for the rest (${need.rule})`;
}

export function judgeTransaction(
  draft: TransactionDraft,
  profile: UtilityProfile,
  accounts: Record<string, Account | undefined>,
): { ok: true; value: Judged } | { ok: false; errors: DraftError[] } {
  const errors: DraftError[] = [];
  const fail = (path: string, rule: string) => errors.push({ path, message: `${fieldLabel(path, draft, profile)}: ${rule}` });
  const readAmount = (path: string, raw: string, emptyIsZero = false): Money | null => {
    if (containsCardNumber(raw)) return fail(path, CARD_NUMBER_MESSAGE), null;
    if (emptyIsZero && raw.trim() === '') return ZERO;
    const r = parseMoneyInput(raw);
    if (!r.ok) return fail(path, r.message), null;
    return money(r.value);
  };
  const text = (path: string, raw: string): string | null => {
    if (containsCardNumber(raw)) return fail(path, CARD_NUMBER_MESSAGE), null;
    const problem = textProblem(raw);
    if (problem) return fail(path, problem), null;
    return raw.trim();
  };
  if (draft.lines.length > MAX_LINES) fail(`lines.${MAX_LINES}.amount`, `at most ${MAX_LINES} accounts in one payment; take the rest as another payment`);
  if (draft.tenders.length > MAX_TENDERS - 1) fail(`tenders.${draft.tenders.length - 1}.amount`, `at most ${MAX_TENDERS} tenders in one payment, cash included`);

  // Accounts and what each is paid.
  const lines: PaymentLine[] = [];
  const seen = new Set<string>();
  draft.lines.forEach((l, i) => {
    const path = `lines.${i}.amount`;
    const amount = readAmount(path, l.amount);
    const account = accounts[l.accountNumber];
    if (seen.has(l.accountNumber)) return fail(path, 'this account is already in the transaction');
    seen.add(l.accountNumber);
    if (!account) return fail(path, 'look the account up first');
    if (account.status === 'closed') return fail(path, `account ${formatAccountNumber(account.number, profile.accountNumber)} is closed; payments are not taken for it`);
    if (amount === null) return;
    if (amount.isZero()) return fail(path, 'must be more than $0.00');
    lines.push({ accountNumber: l.accountNumber, amount: toMoneyString(amount) });
  });

  // Cash.
  const bills = readAmount('bills', draft.bills, true);
  const coins = readAmount('coins', draft.coins, true);
  const cash = profile.tenders.cash;
  if (coins !== null && cash.coinLimit !== null && compare(coins, money(cash.coinLimit)) > 0) {
    fail('coins', `at most ${formatMoney(cash.coinLimit)} in coin per payment (${cash.source.title}); take the rest in bills`);
  }
  const hasCash = bills !== null && coins !== null && !add(bills, coins).isZero();
  if (hasCash && !cash.accepted) fail('bills', `${profile.name} does not take cash here (${cash.source.title})`);

  // Checks, money orders, cards.
  const tenders: Tender[] = [];
  /** For each judged tender, the draft tender it came from (-1: the cash), so a refusal names the right field. */
  const fromDraft: number[] = [];
  if (hasCash) {
    tenders.push({ kind: 'cash', bills: toMoneyString(bills), coins: toMoneyString(coins) });
    fromDraft.push(-1);
  }
  draft.tenders.forEach((t, i) => {
    const at = `tenders.${i}`;
    const before = errors.length;
    const amount = readAmount(`${at}.amount`, t.amount);
    if (amount !== null && amount.isZero()) fail(`${at}.amount`, 'must be more than $0.00');
    let tender: Tender | null = null;
    switch (t.kind) {
      case 'check': {
        const number = text(`${at}.checkNumber`, t.checkNumber);
        const routing = text(`${at}.routingNumber`, t.routingNumber);
        if (number !== null && !/^[0-9]{1,10}$/.test(number)) fail(`${at}.checkNumber`, number === '' ? 'a check needs its check number' : 'use the digits of the check number (1 to 10)');
        const problem = routing ? routingNumberProblem(routing) : null;
        if (problem) fail(`${at}.routingNumber`, `${problem} (or leave it empty)`);
        if (amount && number !== null && routing !== null && errors.length === before) {
          tender = { kind: 'check', amount: toMoneyString(amount), checkNumber: number, routingNumber: routing === '' ? null : routing };
        }
        break;
      }
      case 'money_order': {
        const serial = text(`${at}.serial`, t.serial);
        if (serial !== null && !/^[A-Za-z0-9-]{4,20}$/.test(serial)) fail(`${at}.serial`, 'enter the serial number printed on the money order (4 to 20 letters or digits)');
        if (amount && serial !== null && errors.length === before) tender = { kind: 'money_order', amount: toMoneyString(amount), serial };
        break;
      }
      case 'card': {
        const last4 = text(`${at}.last4`, t.last4);
        const approval = text(`${at}.approvalCode`, t.approvalCode);
        if (t.brand === '') fail(`${at}.brand`, 'choose the card brand');
        if (last4 !== null && !/^[0-9]{4}$/.test(last4)) fail(`${at}.last4`, 'enter the last four digits on the card, nothing more');
        if (approval !== null && !/^[A-Za-z0-9]{2,12}$/.test(approval)) fail(`${at}.approvalCode`, "enter the terminal's approval code (2 to 12 letters or digits)");
        if (amount && last4 !== null && approval !== null && errors.length === before) {
          tender = { kind: 'card', amount: toMoneyString(amount), brand: t.brand, last4, approvalCode: approval };
        }
        break;
      }
    }
    if (tender) {
      tenders.push(tender);
      fromDraft.push(i);
    }
  });
  // What the profile accepts (kinds, brands, the check limit), named by the screen's labels.
  const accepted = tenderRuleError(tenders, profile);
  if (accepted) {
    const m = /^tenders\.(\d+)(?:\.(\w+))?: (.*)$/.exec(accepted);
    if (m) {
      const index = fromDraft[Number(m[1])] ?? -1;
      fail(index >= 0 ? `tenders.${index}.${m[2] ?? 'amount'}` : 'bills', m[3] ?? accepted);
    }
  }
  const memo = text('memo', draft.memo);
  if (memo !== null && memo.length > TEXT_LIMITS.memo) fail('memo', `keep it under ${TEXT_LIMITS.memo} characters`);
  if (errors.length > 0) return { ok: false, errors };
  if (lines.length === 0) return { ok: false, errors: [{ path: 'lines.0.amount', message: 'Amount: look an account up first' }] };

  const total = add(...lines.map((l) => money(l.amount)));
  const cashIn = hasCash ? add(bills, coins) : ZERO;
  const nonCash = add(...tenders.filter((t) => t.kind !== 'cash').map((t) => money((t as { amount: string }).amount)));
  const tendered = add(cashIn, nonCash);
  // Each amount fits the wire (12 digits of dollars); their sum must too, or central would refuse the payment.
  if (!isMoneyString(toMoneyString(total))) return { ok: false, errors: [{ path: 'lines.0.amount', message: `Amount: the total ${formatMoney(total)} is more than one transaction can record; split it` }] };
  if (!isMoneyString(toMoneyString(tendered))) return { ok: false, errors: [{ path: 'bills', message: `Bills: tendered ${formatMoney(tendered)} is more than one transaction can record; split it` }] };
  if (tenders.length === 0) return { ok: false, errors: [{ path: 'bills', message: `Bills: take ${formatMoney(total)} in cash, or add a check, money order or card` }] };
  if (compare(tendered, total) < 0) {
    const short = formatMoney(sub(total, tendered));
    const message =
      draft.tenders.length === 0
        ? `Bills: cash tendered ${formatMoney(tendered)} is less than the amount ${formatMoney(total)}; take ${short} more`
        : `Bills: tendered ${formatMoney(tendered)} is less than the total ${formatMoney(total)}; take ${short} more`;
    return { ok: false, errors: [{ path: 'bills', message }] };
  }
  if (compare(nonCash, total) > 0) {
    const extra = formatMoney(sub(nonCash, total));
    return {
      ok: false,
      errors: [
        {
          path: 'lines.0.amount',
          message: `Amount: checks, money orders and cards total ${formatMoney(nonCash)}, more than the ${formatMoney(total)} being paid; no cash back: apply the ${extra} extra as credit`,
        },
      ],
    };
  }
  const change = sub(tendered, total);
  const limits = profile.limits;
  if (compare(change, money(limits.maxChange)) > 0) {
    return {
      ok: false,
      errors: [{ path: 'bills', message: `Bills: change due ${formatMoney(change)} is more than the ${formatMoney(limits.maxChange)} the counter gives back; check the bills and coins typed (${limits.source.title})` }],
    };
  }

  const credits = lines
    .map((l) => {
      const balance = money(accounts[l.accountNumber]?.balance ?? '0.00');
      const owed = balance.isNegative() ? ZERO : balance;
      const over = sub(money(l.amount), owed as Money);
      return { accountNumber: l.accountNumber, amount: over };
    })
    .filter((c) => c.amount.greaterThan(0))
    .map((c) => ({ accountNumber: c.accountNumber, amount: toMoneyString(c.amount) }));
  if (credits.length > 0 && !draft.confirmCredit) {
    const what = credits.map((c) => `${formatMoney(c.amount)} on ${formatAccountNumber(c.accountNumber, profile.accountNumber)}`).join(', ');
    return { ok: false, errors: [{ path: 'confirmCredit', message: `Overpayment: ${what} would stay as credit; confirm the credit with the customer` }] };
  }
  const certified = lines.filter((l) => accounts[l.accountNumber]?.status === 'certified');
  if (certified.length > 0 && profile.certified && !draft.confirmCertified) {
    return { ok: false, errors: [{ path: 'confirmCertified', message: `Certified: ${profile.certified.cashierNotice} (${profile.certified.source.title}); confirm you told the customer` }] };
  }
  const approver = overWindowLimit(total, profile) ? (draft.approver ?? '').trim() : null;
  if (approver === '') {
    return { ok: false, errors: [{ path: 'approver', message: `Supervisor: ${overLimitRule(profile)}; a supervisor enters their name and PIN` }] };
  }
  if (approver !== null) {
    const problem = textProblem(approver);
    if (problem) return { ok: false, errors: [{ path: 'approver', message: `Supervisor: ${problem}` }] };
  }
  return {
    ok: true,
    value: {
      lines,
      tenders,
      total: toMoneyString(total),
      tendered: toMoneyString(tendered),
      change: toMoneyString(change),
      memo: memo ?? '',
      credits,
      approver,
    },
  };
}

/** A payment above the profile's window limit needs a supervisor's approval. */
export function overWindowLimit(total: Money, profile: UtilityProfile): boolean {
  return compare(total, money(profile.limits.windowPayment)) > 0;
}

/** "a payment over $10,000.00 needs a supervisor's approval (Counter cash-control defaults …)" */
export function overLimitRule(profile: UtilityProfile): string {
  return `a payment over ${formatMoney(profile.limits.windowPayment)} needs a supervisor's approval (${profile.limits.source.title})`;
}

/** Where the money stands while the cashier types: change due, or what is still to pay. Null while unreadable. */
export function transactionProgress(draft: TransactionDraft): { change: MoneyString } | { short: MoneyString } | null {
  const read = (raw: string, emptyIsZero: boolean): Money | null => {
    if (emptyIsZero && raw.trim() === '') return ZERO;
    const r = parseMoneyInput(raw);
    return r.ok ? money(r.value) : null;
  };
  const parts = [
    ...draft.lines.map((l) => read(l.amount, false)),
    read(draft.bills, true),
    read(draft.coins, true),
    ...draft.tenders.map((t) => read(t.amount, true)),
  ];
  if (parts.some((p) => p === null)) return null;
  const total = add(...draft.lines.map((l) => read(l.amount, false) as Money));
  const tendered = add(read(draft.bills, true) as Money, read(draft.coins, true) as Money, ...draft.tenders.map((t) => read(t.amount, true) as Money));
  const left = sub(tendered, total);
  return left.isNegative() ? { short: toMoneyString(left.negated()) } : { change: toMoneyString(left) };
}

/** The form's zod schema: the same judgement, each error on its field's path. */
export function transactionFormSchema(profile: UtilityProfile, accounts: Record<string, Account | undefined>) {
  return z.custom<TransactionDraft>((v) => typeof v === 'object' && v !== null).superRefine((draft, ctx) => {
    const r = judgeTransaction(draft, profile, accounts);
    if (!r.ok) for (const e of r.errors) ctx.addIssue({ code: 'custom', path: e.path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), message: e.message });
  });
}

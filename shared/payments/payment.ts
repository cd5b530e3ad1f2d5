/**
 * A posted payment as stored in the journal, queued in the outbox and sent to central.
 * Amounts are two-decimal strings; the id is made once when the cashier starts the payment.
 */
import { z } from 'zod';
import { add, amountSchema, compare, formatMoney, MAX_AMOUNT, money, sub, moneyStringSchema, toMoneyString } from '../money/money';
import type { UtilityProfile } from '../profiles/schema';
import { isoTimestampSchema } from '../accounts/account';
import { UUID_RE } from '../ids';
import { CARD_NUMBER_MESSAGE, findCardNumber } from './card-guard';
import { routingNumberProblem } from './routing-number';
import { idText, safeText, TEXT_LIMITS } from '../text/safe-text';

/** Accounts and tenders in one payment: sums of MAX_AMOUNT this many times still fit central's columns. */
export const MAX_LINES = 20;
export const MAX_TENDERS = 20;

/**
 * A sum no payment can exceed: `n` amounts of MAX_AMOUNT. A total is at most MAX_LINES lines; what is
 * tendered at most MAX_TENDERS tenders, a cash tender being two amounts (bills and coins).
 */
function sumAtMost(n: number) {
  const ceiling = toMoneyString(money(MAX_AMOUNT).times(n));
  return moneyStringSchema.refine((s) => compare(money(s), money(ceiling)) <= 0, { message: `must be at most ${ceiling} (${n} amounts of ${MAX_AMOUNT})` });
}
const totalSchema = sumAtMost(MAX_LINES);
const tenderedSchema = sumAtMost(2 * MAX_TENDERS);

export const cashTenderSchema = z.object({
  kind: z.literal('cash'),
  bills: amountSchema,
  coins: amountSchema,
});

export const checkTenderSchema = z.object({
  kind: z.literal('check'),
  amount: amountSchema,
  checkNumber: z.string().regex(/^[0-9]{1,10}$/, { message: 'must be the check number, 1 to 10 digits' }),
  /** Optional; when given it must pass the ABA checksum. */
  routingNumber: z
    .string()
    .nullable()
    .superRefine((r, ctx) => {
      const problem = r === null ? null : routingNumberProblem(r);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
});

export const moneyOrderTenderSchema = z.object({
  kind: z.literal('money_order'),
  amount: amountSchema,
  serial: z.string().regex(/^[A-Za-z0-9-]{4,20}$/, { message: 'must be the serial number, 4 to 20 letters or digits' }),
});

/** The card is run on the terminal; the counter keeps the brand, the last four and the approval code only. */
export const cardTenderSchema = z.object({
  kind: z.literal('card'),
  amount: amountSchema,
  brand: safeText(40, 1),
  last4: z.string().regex(/^[0-9]{4}$/, { message: 'must be the last four digits on the card' }),
  approvalCode: z.string().regex(/^[A-Za-z0-9]{2,12}$/, { message: "must be the terminal's approval code, 2 to 12 letters or digits" }),
});

export const tenderSchema = z.discriminatedUnion('kind', [cashTenderSchema, checkTenderSchema, moneyOrderTenderSchema, cardTenderSchema]);
export type Tender = z.infer<typeof tenderSchema>;
export type TenderKind = Tender['kind'];

export const paymentLineSchema = z.object({
  accountNumber: z.string().regex(/^[0-9]{4,20}$/, { message: 'must be the account number digits' }),
  amount: amountSchema,
});
export type PaymentLine = z.infer<typeof paymentLineSchema>;

export const paymentSchema = z
  .object({
  id: z.string().regex(UUID_RE, { message: 'must be a UUID made when the payment started' }),
  utility: idText,
  stationId: idText,
  cashier: idText,
  drawerSessionId: idText.nullable(),
  /** When the cashier took the money: the posting date, whenever it reaches central. */
  takenAt: isoTimestampSchema,
  lines: z.array(paymentLineSchema).min(1).max(MAX_LINES, { message: `at most ${MAX_LINES} accounts in one payment` }),
  tenders: z.array(tenderSchema).min(1).max(MAX_TENDERS, { message: `at most ${MAX_TENDERS} tenders in one payment` }),
  total: totalSchema,
  tendered: tenderedSchema,
  change: tenderedSchema,
  memo: safeText(TEXT_LIMITS.memo).default(''),
  /** The supervisor who approved a payment over the profile's window limit; absent when none was needed. */
  approvedBy: idText.optional(),
  })
  .superRefine((p, ctx) => {
    // A full card number anywhere in a payment is a defect: refuse it before it is stored or sent.
    const at = findCardNumber(p);
    if (at !== null) ctx.addIssue({ code: 'custom', path: at.split('.'), message: CARD_NUMBER_MESSAGE });
  });
export type Payment = z.output<typeof paymentSchema>;

const TENDER_WORDS: Record<TenderKind, string> = { cash: 'cash tender', check: 'check', money_order: 'money order', card: 'card payment' };

export function tenderAmount(t: Tender) {
  switch (t.kind) {
    case 'cash':
      return add(money(t.bills), money(t.coins));
    case 'check':
    case 'money_order':
    case 'card':
      return money(t.amount);
    default: {
      const never: never = t;
      throw new Error(`Unknown tender ${JSON.stringify(never)}`);
    }
  }
}

/**
 * The rules a whole payment must keep, judged the same way at the counter and in central:
 * totals add up to the cent, change only from cash, coin within the profile's limit.
 * Returns the first broken rule as "field: rule", or null.
 */
export function paymentRuleError(p: Payment, profile: UtilityProfile): string | null {
  if (p.utility !== profile.id) return `utility: this station runs ${profile.id}, not ${p.utility}`;
  return paymentFormError(p) ?? paymentLimitError(p, profile);
}

/**
 * What makes a payment incoherent whatever the utility: figures that do not add up, change not from cash,
 * an account twice, a cashier approving their own payment. Central refuses such a payment outright.
 */
export function paymentFormError(p: Payment): string | null {
  const total = add(...p.lines.map((l) => money(l.amount)));
  if (p.lines.some((l) => money(l.amount).isZero())) return 'lines.amount: each amount must be more than $0.00';
  if (!total.equals(money(p.total))) return `total: ${p.total} is not the sum of the lines (${total.toFixed(2)})`;
  const tendered = add(...p.tenders.map(tenderAmount));
  if (!tendered.equals(money(p.tendered))) return `tendered: ${p.tendered} is not the sum of the tenders (${tendered.toFixed(2)})`;
  if (compare(tendered, total) < 0) return `tendered: ${p.tendered} is less than the total ${p.total}`;
  if (!sub(tendered, total).equals(money(p.change))) return `change: must be tendered minus total (${sub(tendered, total).toFixed(2)})`;
  const cash = add(...p.tenders.filter((t) => t.kind === 'cash').map(tenderAmount));
  if (compare(money(p.change), cash) > 0) return 'change: change comes only from cash and cannot exceed the cash tendered';
  if (new Set(p.lines.map((l) => l.accountNumber)).size !== p.lines.length) return 'lines: each account appears once per payment';
  const empty = p.tenders.findIndex((t) => t.kind !== 'cash' && tenderAmount(t).isZero());
  if (empty >= 0) return `tenders.${empty}.amount: a ${TENDER_WORDS[p.tenders[empty]?.kind ?? 'check']} must be for more than $0.00`;
  if (p.approvedBy !== undefined && p.approvedBy === p.cashier) return 'approvedBy: a cashier cannot approve their own payment';
  return null;
}

/**
 * The profile's limits and tender rules. A coherent payment over one of them was still taken at the
 * window: central holds it for the back office rather than refusing it.
 */
export function paymentLimitError(p: Payment, profile: UtilityProfile): string | null {
  const tenderProblem = tenderRuleError(p.tenders, profile);
  if (tenderProblem) return tenderProblem;
  const limit = profile.tenders.cash.coinLimit;
  const coins = add(...p.tenders.map((t) => (t.kind === 'cash' ? money(t.coins) : money('0.00'))));
  if (limit !== null && compare(coins, money(limit)) > 0) {
    return `coins: at most ${formatMoney(limit)} in coin per payment (${profile.tenders.cash.source.title})`;
  }
  const limits = profile.limits;
  if (compare(money(p.change), money(limits.maxChange)) > 0) return `change: at most ${formatMoney(limits.maxChange)} is given back (${limits.source.title})`;
  const total = add(...p.lines.map((l) => money(l.amount)));
  if (compare(total, money(limits.windowPayment)) > 0 && p.approvedBy === undefined) {
    return `approvedBy: a payment over ${formatMoney(limits.windowPayment)} needs a supervisor's approval (${limits.source.title})`;
  }
  return null;
}

/** A stable text of the payment's contents: central compares it to tell a resend from a conflict. */
export function canonicalPayment(p: Payment): string {
  const sortKeys = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sortKeys);
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.keys(v as Record<string, unknown>)
          .sort()
          .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  return JSON.stringify(sortKeys(paymentSchema.parse(p)));
}

/** What the profile accepts, tender by tender: "tenders.1.brand: ..." or null. */
export function tenderRuleError(tenders: Tender[], profile: UtilityProfile): string | null {
  const t = profile.tenders;
  for (const [i, tender] of tenders.entries()) {
    const at = `tenders.${i}`;
    switch (tender.kind) {
      case 'cash':
        if (!t.cash.accepted) return `${at}: ${profile.name} does not take cash here (${t.cash.source.title})`;
        break;
      case 'check':
        if (!t.check.accepted) return `${at}: ${profile.name} does not take checks here (${t.check.source.title})`;
        if (money(tender.amount).isZero()) return `${at}.amount: a check must be for more than $0.00`;
        if (compare(money(tender.amount), money(t.check.maxAmount)) > 0) {
          return `${at}.amount: a check can be for at most ${formatMoney(t.check.maxAmount)} (the MICR amount field's limit)`;
        }
        break;
      case 'money_order':
        if (!t.moneyOrder.accepted) return `${at}: ${profile.name} does not take money orders here (${t.moneyOrder.source.title})`;
        if (money(tender.amount).isZero()) return `${at}.amount: a money order must be for more than $0.00`;
        break;
      case 'card':
        if (!t.card.accepted) return `${at}: ${profile.name} does not take cards here (${t.card.source.title})`;
        if (!t.card.brands.includes(tender.brand)) {
          return `${at}.brand: ${profile.name} takes ${listWords(t.card.brands)} only (${t.card.source.title})`;
        }
        if (money(tender.amount).isZero()) return `${at}.amount: a card payment must be for more than $0.00`;
        break;
    }
  }
  return null;
}

/** "Visa and Mastercard"; "American Express, Discover and Mastercard". */
export function listWords(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

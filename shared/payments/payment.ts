/**
 * A posted payment as stored in the journal, queued in the outbox and sent to central.
 * Amounts are two-decimal strings; the id is made once when the cashier starts the payment.
 */
import { z } from 'zod';
import { add, compare, formatMoney, money, sub, moneyStringSchema } from '../money/money';
import type { UtilityProfile } from '../profiles/schema';
import { isoTimestampSchema } from '../accounts/account';
import { UUID_RE } from '../ids';

export const cashTenderSchema = z.object({
  kind: z.literal('cash'),
  bills: moneyStringSchema,
  coins: moneyStringSchema,
});

/** Only cash so far; checks, money orders and cards join this union. */
export const tenderSchema = z.discriminatedUnion('kind', [cashTenderSchema]);
export type Tender = z.infer<typeof tenderSchema>;

export const paymentLineSchema = z.object({
  accountNumber: z.string().regex(/^[0-9]{4,20}$/, { message: 'must be the account number digits' }),
  amount: moneyStringSchema,
});
export type PaymentLine = z.infer<typeof paymentLineSchema>;

export const paymentSchema = z.object({
  id: z.string().regex(UUID_RE, { message: 'must be a UUID made when the payment started' }),
  utility: z.string().min(1),
  stationId: z.string().min(1),
  cashier: z.string().min(1),
  drawerSessionId: z.string().min(1).nullable(),
  /** When the cashier took the money: the posting date, whenever it reaches central. */
  takenAt: isoTimestampSchema,
  lines: z.array(paymentLineSchema).min(1),
  tenders: z.array(tenderSchema).min(1),
  total: moneyStringSchema,
  tendered: moneyStringSchema,
  change: moneyStringSchema,
});
export type Payment = z.infer<typeof paymentSchema>;

function tenderAmount(t: Tender) {
  switch (t.kind) {
    case 'cash':
      return add(money(t.bills), money(t.coins));
    default: {
      const never: never = t.kind;
      throw new Error(`Unknown tender ${String(never)}`);
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
  const total = add(...p.lines.map((l) => money(l.amount)));
  if (p.lines.some((l) => money(l.amount).isZero())) return 'lines.amount: each amount must be more than $0.00';
  if (!total.equals(money(p.total))) return `total: ${p.total} is not the sum of the lines (${total.toFixed(2)})`;
  const tendered = add(...p.tenders.map(tenderAmount));
  if (!tendered.equals(money(p.tendered))) return `tendered: ${p.tendered} is not the sum of the tenders (${tendered.toFixed(2)})`;
  if (compare(tendered, total) < 0) return `tendered: ${p.tendered} is less than the total ${p.total}`;
  if (!sub(tendered, total).equals(money(p.change))) return `change: must be tendered minus total (${sub(tendered, total).toFixed(2)})`;
  const cash = add(...p.tenders.filter((t) => t.kind === 'cash').map(tenderAmount));
  if (compare(money(p.change), cash) > 0) return 'change: change comes only from cash and cannot exceed the cash tendered';
  const limit = profile.tenders.cash.coinLimit;
  const coins = add(...p.tenders.map((t) => (t.kind === 'cash' ? money(t.coins) : money('0.00'))));
  if (limit !== null && compare(coins, money(limit)) > 0) {
    return `coins: at most ${formatMoney(limit)} in coin per payment (${profile.tenders.cash.source.title})`;
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

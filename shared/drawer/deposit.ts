/**
 * The day's deposit: the closed drawers' takings in one bank bag. Cash is counted into the bag by
 * denomination and must come to the drawers' cash receipts (counted cash + drops − the floats they keep);
 * checks and money orders are listed one by one. Pure, and judged the same way at the station and in central.
 */
import { businessDay } from '../time/business-day';
import { z } from 'zod';
import { add, formatMoney, money, moneyStringSchema, sub, toMoneyString, type MoneyString } from '../money/money';
import { isoTimestampSchema } from '../accounts/account';
import { UUID_RE } from '../ids';
import { cashCountSchema, countValue, judgeCount, type CashCount, type CountError } from './denominations';
import type { Closeout } from './closeout';
import { idText, safeText } from '../text/safe-text';

const uuid = z.string().regex(UUID_RE, { message: 'must be a UUID made by the counter' });

export const BAG_NUMBER_RE = /^[A-Za-z0-9-]{4,20}$/;
export const bagNumberSchema = z
  .string()
  .trim()
  .regex(BAG_NUMBER_RE, { message: 'Bag number: enter the number printed on the bank bag (4 to 20 letters, digits or dashes)' });

export const depositItemSchema = z.object({
  kind: z.enum(['check', 'money_order']),
  /** The check number, or the money order's serial. */
  number: safeText(20, 1),
  amount: moneyStringSchema,
  paymentId: uuid,
  drawerSessionId: uuid,
});
export type DepositItem = z.infer<typeof depositItemSchema>;

export const depositDrawerSchema = z.object({
  drawerSessionId: uuid,
  cashier: idText,
  /** What this drawer puts in the bag in cash: counted cash + drops − its float. */
  cash: moneyStringSchema,
});

const depositBaseSchema = z.object({
  id: uuid,
  utility: idText,
  stationId: idText,
  /** The day the money was taken, in the utility's time zone. */
  businessDate: z.string().regex(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/, { message: 'must be a date, YYYY-MM-DD' }),
  preparedAt: isoTimestampSchema,
  preparedBy: idText,
  bagNumber: bagNumberSchema,
  drawers: z.array(depositDrawerSchema).min(1, { message: 'a deposit needs at least one closed drawer' }),
  cash: z.object({ count: cashCountSchema, total: moneyStringSchema }),
  items: z.array(depositItemSchema),
  checksTotal: moneyStringSchema,
  moneyOrdersTotal: moneyStringSchema,
  total: moneyStringSchema,
});
type DepositBase = z.output<typeof depositBaseSchema>;

// Only once every figure is a valid amount (see closeoutSchema): the arithmetic would throw on "1e3".
export const depositSchema = depositBaseSchema.superRefine(
  (d, ctx) => {
    const problem = depositArithmeticError(d);
    if (problem) ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message });
  },
  { when: (payload) => payload.issues.length === 0 },
);
export type Deposit = z.output<typeof depositSchema>;

export function depositArithmeticError(d: DepositBase): { path: string[]; message: string } | null {
  if (new Set(d.drawers.map((x) => x.drawerSessionId)).size !== d.drawers.length) return { path: ['drawers'], message: 'each drawer goes into a deposit once' };
  const ids = new Set(d.drawers.map((x) => x.drawerSessionId));
  for (const [i, item] of d.items.entries()) {
    if (!ids.has(item.drawerSessionId)) return { path: ['items', String(i), 'drawerSessionId'], message: 'must be one of the deposit’s drawers' };
  }
  if (!countValue(d.cash.count).equals(money(d.cash.total))) return { path: ['cash', 'total'], message: `must be the value of the cash count (${toMoneyString(countValue(d.cash.count))})` };
  const drawersCash = add(...d.drawers.map((x) => money(x.cash)));
  if (!drawersCash.equals(money(d.cash.total))) {
    return { path: ['cash', 'total'], message: `must be the drawers' cash receipts, ${formatMoney(toMoneyString(drawersCash))}` };
  }
  const of = (kind: DepositItem['kind']) => add(...d.items.filter((x) => x.kind === kind).map((x) => money(x.amount)));
  if (!of('check').equals(money(d.checksTotal))) return { path: ['checksTotal'], message: 'must be the sum of the listed checks' };
  if (!of('money_order').equals(money(d.moneyOrdersTotal))) return { path: ['moneyOrdersTotal'], message: 'must be the sum of the listed money orders' };
  if (!add(money(d.cash.total), money(d.checksTotal), money(d.moneyOrdersTotal)).equals(money(d.total))) {
    return { path: ['total'], message: 'must be cash + checks + money orders' };
  }
  return null;
}

/** What a closed drawer puts in the bag in cash: what was counted at the close, plus its drops, less the float it keeps. */
export function drawerCashReceipts(c: Pick<Closeout, 'counted' | 'expected'>): MoneyString {
  return toMoneyString(sub(add(money(c.counted.cashTotal), money(c.expected.drops)), money(c.expected.float)));
}

/** The deposit's lists and totals from the drawers' close-outs; the bag's cash count is the supervisor's. */
export function depositFigures(closeouts: readonly Closeout[]) {
  const drawers = closeouts.map((c) => ({ drawerSessionId: c.id, cashier: c.cashier, cash: drawerCashReceipts(c) }));
  const items: DepositItem[] = closeouts.flatMap((c) => [
    ...c.expected.checkItems.map((x) => ({ kind: 'check' as const, number: x.checkNumber, amount: x.amount, paymentId: x.paymentId, drawerSessionId: c.id })),
    ...c.expected.moneyOrderItems.map((x) => ({ kind: 'money_order' as const, number: x.serial, amount: x.amount, paymentId: x.paymentId, drawerSessionId: c.id })),
  ]);
  const sum = (xs: Array<{ amount: string }>) => toMoneyString(add(...xs.map((x) => money(x.amount))));
  return {
    drawers,
    items,
    cashTarget: toMoneyString(add(...drawers.map((x) => money(x.cash)))),
    checksTotal: sum(items.filter((x) => x.kind === 'check')),
    moneyOrdersTotal: sum(items.filter((x) => x.kind === 'money_order')),
  };
}

/**
 * Judges the bag's cash count as typed against what the drawers must deposit. Refusals name the field
 * (a denomination's label, or "Bag number").
 */
export function judgeDepositCash(cash: Readonly<Record<string, string>>, target: MoneyString): { ok: true; count: CashCount; total: MoneyString } | { ok: false; errors: CountError[] } {
  const r = judgeCount(cash);
  if (!r.ok) return r;
  if (!money(r.total).equals(money(target))) {
    const diff = sub(money(r.total), money(target));
    return {
      ok: false,
      errors: [
        {
          field: 'cash',
          message: `Bag cash: counted ${formatMoney(r.total)}, but the closed drawers' cash receipts are ${formatMoney(target)} (${diff.isNegative() ? `${formatMoney(toMoneyString(diff.negated()))} missing` : `${formatMoney(toMoneyString(diff))} too much`}); recount the bag`,
        },
      ],
    };
  }
  return r;
}

/** The calendar day of an instant in a time zone, as YYYY-MM-DD: the business date of a drawer or deposit. */
export function businessDate(iso: string, timeZone: string): string {
  return businessDay(new Date(iso), timeZone);
}

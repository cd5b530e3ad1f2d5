/**
 * A drawer's figures, from the opening float to the close: what should be in it (expected), what was
 * counted, and the difference per tender (over/short). Pure: the station's store and central both judge a
 * close-out with these functions, so neither can accept what the other refuses.
 *
 * Expected cash = float + cash taken − change given − drops. Forgetting the change is the classic closing
 * bug (a cash payment of $182.40 paid with $200.00 puts $182.40 in the drawer, not $200.00): cash taken is
 * the bills and coins the customers handed over, and the change handed back is taken off separately.
 * A voided payment counts for nothing: its money went back to the customer.
 */
import { z } from 'zod';
import { add, compare, formatMoney, money, moneyStringSchema, parseMoneyInput, signedMoneyStringSchema, sub, toMoneyString, ZERO, type Money, type MoneyString } from '../money/money';
import { isoTimestampSchema } from '../accounts/account';
import type { Payment } from '../payments/payment';
import type { DrawerSettings } from '../profiles/schema';
import { UUID_RE } from '../ids';
import { CARD_NUMBER_MESSAGE, containsCardNumber } from '../payments/card-guard';
import { cashCountSchema, countValue, judgeCount, type CountError } from './denominations';
import { fitsIn, idText, refinePlainText, safeText, TEXT_LIMITS } from '../text/safe-text';

export const TENDERS = ['cash', 'checks', 'moneyOrders', 'card'] as const;
export type TenderGroup = (typeof TENDERS)[number];
export const TENDER_LABEL: Readonly<Record<TenderGroup, string>> = { cash: 'Cash', checks: 'Checks', moneyOrders: 'Money orders', card: 'Cards' };

const uuid = z.string().regex(UUID_RE, { message: 'must be a UUID made by the counter' });
const itemCount = z.number().int().min(0).max(100_000);

/** One payment as a drawer sees it: the payment, and whether it was voided. */
export type DrawerPayment = { payment: Payment; voidedBy: { voidId: string; approvedBy: string; reason: string } | null };

export const dropSchema = z.object({
  id: uuid,
  drawerSessionId: uuid,
  at: isoTimestampSchema,
  cashier: idText,
  /** The second person who saw the cash counted into the safe bag (never the cashier). */
  witness: idText,
  count: cashCountSchema,
  amount: moneyStringSchema,
});
export type Drop = z.output<typeof dropSchema>;

export const checkItemSchema = z.object({ paymentId: uuid, checkNumber: safeText(20), amount: moneyStringSchema });
export const moneyOrderItemSchema = z.object({ paymentId: uuid, serial: safeText(20), amount: moneyStringSchema });
export const voidItemSchema = z.object({ voidId: uuid, paymentId: uuid, total: moneyStringSchema, approvedBy: idText, reason: safeText(TEXT_LIMITS.memo) });

const tenderFigure = z.object({ count: itemCount, total: moneyStringSchema });

export const expectedSchema = z.object({
  float: moneyStringSchema,
  cashTaken: moneyStringSchema,
  changeGiven: moneyStringSchema,
  drops: moneyStringSchema,
  /** Signed: a drawer cannot hold less than nothing, but a wrong figure must show, not be clipped. */
  cash: signedMoneyStringSchema,
  checks: tenderFigure,
  moneyOrders: tenderFigure,
  card: tenderFigure,
  payments: tenderFigure,
  voids: tenderFigure,
  checkItems: z.array(checkItemSchema),
  moneyOrderItems: z.array(moneyOrderItemSchema),
  voidItems: z.array(voidItemSchema),
});
export type Expected = z.output<typeof expectedSchema>;

/**
 * What the drawer should hold. `payments` are the drawer's payments (voided ones included, marked);
 * `drops` the amounts taken to the safe.
 */
export function expectedTotals(float: MoneyString, payments: readonly DrawerPayment[], drops: readonly MoneyString[]): Expected {
  let cashTaken: Money = ZERO;
  let changeGiven: Money = ZERO;
  let paid: Money = ZERO;
  let paidCount = 0;
  let voided: Money = ZERO;
  let card: Money = ZERO;
  let cardCount = 0;
  const checkItems: Expected['checkItems'] = [];
  const moneyOrderItems: Expected['moneyOrderItems'] = [];
  const voidItems: Expected['voidItems'] = [];
  for (const { payment: p, voidedBy } of payments) {
    if (voidedBy) {
      voided = add(voided, money(p.total));
      voidItems.push({ voidId: voidedBy.voidId, paymentId: p.id, total: p.total, approvedBy: voidedBy.approvedBy, reason: voidedBy.reason });
      continue;
    }
    paid = add(paid, money(p.total));
    paidCount += 1;
    changeGiven = add(changeGiven, money(p.change));
    for (const t of p.tenders) {
      switch (t.kind) {
        case 'cash':
          cashTaken = add(cashTaken, money(t.bills), money(t.coins));
          break;
        case 'check':
          checkItems.push({ paymentId: p.id, checkNumber: t.checkNumber, amount: t.amount });
          break;
        case 'money_order':
          moneyOrderItems.push({ paymentId: p.id, serial: t.serial, amount: t.amount });
          break;
        case 'card':
          card = add(card, money(t.amount));
          cardCount += 1;
          break;
        default: {
          const never: never = t;
          throw new Error(`Unknown tender ${JSON.stringify(never)}`);
        }
      }
    }
  }
  const dropped = add(...drops.map((x) => money(x)));
  const cash = sub(sub(add(money(float), cashTaken), changeGiven), dropped);
  const sum = (items: Array<{ amount: string }>) => toMoneyString(add(...items.map((i) => money(i.amount))));
  return {
    float,
    cashTaken: toMoneyString(cashTaken),
    changeGiven: toMoneyString(changeGiven),
    drops: toMoneyString(dropped),
    cash: toMoneyString(cash),
    checks: { count: checkItems.length, total: sum(checkItems) },
    moneyOrders: { count: moneyOrderItems.length, total: sum(moneyOrderItems) },
    card: { count: cardCount, total: toMoneyString(card) },
    payments: { count: paidCount, total: toMoneyString(paid) },
    voids: { count: voidItems.length, total: toMoneyString(voided) },
    checkItems,
    moneyOrderItems,
    voidItems,
  };
}

/** What the cashier counted at the close, blind. */
export const countedSchema = z.object({
  cash: cashCountSchema,
  cashTotal: moneyStringSchema,
  checks: tenderFigure,
  moneyOrders: tenderFigure,
  /** The card terminal's batch total for the shift. */
  card: z.object({ total: moneyStringSchema }),
});
export type Counted = z.output<typeof countedSchema>;

/** The close form as typed: strings, exactly as typed. */
export type CloseForm = {
  cash: Readonly<Record<string, string>>;
  checksCount: string;
  checksTotal: string;
  moneyOrdersCount: string;
  moneyOrdersTotal: string;
  cardTotal: string;
};

export const CLOSE_FIELD_LABEL = {
  checksCount: 'Number of checks',
  checksTotal: 'Checks total',
  moneyOrdersCount: 'Number of money orders',
  moneyOrdersTotal: 'Money orders total',
  cardTotal: 'Card batch total',
} as const;

/** Judges the blind count. Empty amounts and counts are 0; every refusal names its field. */
export function judgeCloseForm(form: CloseForm): { ok: true; value: Counted } | { ok: false; errors: CountError[] } {
  const errors: CountError[] = [];
  const cash = judgeCount(form.cash);
  if (!cash.ok) errors.push(...cash.errors);
  const amount = (field: keyof typeof CLOSE_FIELD_LABEL, raw: string): MoneyString | null => {
    if (raw.trim() === '') return '0.00' as MoneyString;
    if (/^\s*-/.test(raw)) return errors.push({ field, message: `${CLOSE_FIELD_LABEL[field]}: cannot be negative; enter the total, 0.00 or more` }), null;
    const r = parseMoneyInput(raw);
    if (!r.ok) return errors.push({ field, message: `${CLOSE_FIELD_LABEL[field]}: ${r.message}` }), null;
    return r.value;
  };
  const pieces = (field: keyof typeof CLOSE_FIELD_LABEL, raw: string): number | null => {
    const s = raw.trim();
    if (s === '') return 0;
    if (/^-/.test(s)) return errors.push({ field, message: `${CLOSE_FIELD_LABEL[field]}: cannot be negative; enter how many, 0 or more` }), null;
    if (!/^[0-9]{1,5}$/.test(s)) return errors.push({ field, message: `${CLOSE_FIELD_LABEL[field]}: enter how many, as a whole number` }), null;
    return Number(s);
  };
  const checksCount = pieces('checksCount', form.checksCount);
  const checksTotal = amount('checksTotal', form.checksTotal);
  const moneyOrdersCount = pieces('moneyOrdersCount', form.moneyOrdersCount);
  const moneyOrdersTotal = amount('moneyOrdersTotal', form.moneyOrdersTotal);
  const cardTotal = amount('cardTotal', form.cardTotal);
  const noItemsButTotal = (countField: 'checksCount' | 'moneyOrdersCount', n: number | null, total: MoneyString | null) => {
    if (n === 0 && total !== null && !money(total).isZero()) {
      errors.push({ field: countField, message: `${CLOSE_FIELD_LABEL[countField]}: a total of ${formatMoney(total)} needs how many items make it` });
    }
  };
  noItemsButTotal('checksCount', checksCount, checksTotal);
  noItemsButTotal('moneyOrdersCount', moneyOrdersCount, moneyOrdersTotal);
  if (errors.length > 0 || !cash.ok || checksCount === null || checksTotal === null || moneyOrdersCount === null || moneyOrdersTotal === null || cardTotal === null) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    value: {
      cash: cash.count,
      cashTotal: cash.total,
      checks: { count: checksCount, total: checksTotal },
      moneyOrders: { count: moneyOrdersCount, total: moneyOrdersTotal },
      card: { total: cardTotal },
    },
  };
}

export type OverShort = Readonly<Record<TenderGroup, MoneyString>> & { total: MoneyString };
export const overShortSchema = z.object({
  cash: signedMoneyStringSchema,
  checks: signedMoneyStringSchema,
  moneyOrders: signedMoneyStringSchema,
  card: signedMoneyStringSchema,
  total: signedMoneyStringSchema,
});

/** Counted − expected, per tender: positive is over, negative is short. */
export function overShort(expected: Expected, counted: Counted): OverShort {
  const cash = sub(money(counted.cashTotal), money(expected.cash));
  const checks = sub(money(counted.checks.total), money(expected.checks.total));
  const moneyOrders = sub(money(counted.moneyOrders.total), money(expected.moneyOrders.total));
  const card = sub(money(counted.card.total), money(expected.card.total));
  return {
    cash: toMoneyString(cash),
    checks: toMoneyString(checks),
    moneyOrders: toMoneyString(moneyOrders),
    card: toMoneyString(card),
    total: toMoneyString(add(cash, checks, moneyOrders, card)),
  };
}

/** "$0.25 short", "$1.00 over", "even". */
export function describeOverShort(amount: MoneyString): string {
  const m = money(amount);
  if (m.isZero()) return 'even';
  return m.isNegative() ? `${formatMoney(toMoneyString(m.negated()))} short` : `${formatMoney(amount)} over`;
}

/** The tenders whose over/short is beyond the threshold (strictly more than it, either way). */
export function beyondThreshold(os: OverShort, threshold: MoneyString): TenderGroup[] {
  return TENDERS.filter((t) => compare(money(os[t]).abs() as Money, money(threshold)) > 0);
}

export type CashLevel = { level: 'ok' } | { level: 'warn'; message: string } | { level: 'block'; message: string };

/**
 * Where the drawer's cash stands against the profile's limits: above the warning amount the counter asks
 * for a drop; at the maximum it takes no more cash until a drop is recorded. The messages name the limit,
 * never what the drawer holds: the cashier's close is blind.
 */
export function cashLevel(expectedCash: MoneyString, settings: Pick<DrawerSettings, 'cashWarnAt' | 'cashMaxAt'>): CashLevel {
  const cash = money(expectedCash);
  if (compare(cash, money(settings.cashMaxAt)) >= 0) {
    return {
      level: 'block',
      message: `Cash limit: the drawer is at its ${formatMoney(settings.cashMaxAt)} maximum; no more cash until a drop to the safe is recorded (F10). Checks, money orders and cards can still be taken`,
    };
  }
  if (compare(cash, money(settings.cashWarnAt)) > 0) {
    return { level: 'warn', message: `Cash limit: the drawer is above ${formatMoney(settings.cashWarnAt)}; call for a drop to the safe (F10)` };
  }
  return { level: 'ok' };
}

/** The float as counted at the open, against the profile's expected float. */
export function floatProblem(counted: MoneyString, expectedFloat: MoneyString): string | null {
  const diff = sub(money(counted), money(expectedFloat));
  if (diff.isZero()) return null;
  return `Float: counted ${formatMoney(counted)}, but a drawer opens with ${formatMoney(expectedFloat)} (${describeOverShort(toMoneyString(diff))}); recount, or write why in the note`;
}

export const noteSchema = z
  .string()
  .trim()
  .refine(fitsIn(500), { message: 'Note: keep it under 500 characters' })
  .superRefine(refinePlainText)
  .refine((r) => !containsCardNumber(r), { message: `Note: ${CARD_NUMBER_MESSAGE}` });

/**
 * A drawer's close-out as it is kept and sent to central: who opened it with what, what it took, what was
 * counted (blind), the difference per tender, and who signed it off. Its id is the drawer session's id:
 * a drawer closes once.
 */
const closeoutBaseSchema = z.object({
  id: uuid,
  utility: idText,
  stationId: idText,
  cashier: idText,
  openedAt: isoTimestampSchema,
  openedBy: idText,
  floatCount: cashCountSchema,
  countedAt: isoTimestampSchema,
  signedOffAt: isoTimestampSchema,
  signedOffBy: idText,
  note: noteSchema,
  drops: z.array(dropSchema.omit({ drawerSessionId: true })),
  expected: expectedSchema,
  counted: countedSchema,
  overShort: overShortSchema,
});
type CloseoutBase = z.output<typeof closeoutBaseSchema>;

// The figures are checked against each other only once each is a valid amount: zod runs object refinements
// after a failed regex too, and the arithmetic would throw on "1e3".
export const closeoutSchema = closeoutBaseSchema.superRefine(
  (c, ctx) => {
    const problem = closeoutArithmeticError(c);
    if (problem) ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message });
  },
  { when: (payload) => payload.issues.length === 0 },
);
export type Closeout = z.output<typeof closeoutSchema>;

/** Every figure of a close-out checked against the others; the first that does not add up, or null. */
export function closeoutArithmeticError(c: CloseoutBase): { path: string[]; message: string } | null {
  const e = c.expected;
  if (c.signedOffBy === c.cashier) return { path: ['signedOffBy'], message: 'a cashier cannot sign off their own drawer' };
  if (!countValue(c.floatCount).equals(money(e.float))) return { path: ['expected', 'float'], message: `must be the value of the float count (${toMoneyString(countValue(c.floatCount))})` };
  for (const [i, d] of c.drops.entries()) {
    if (!countValue(d.count).equals(money(d.amount))) return { path: ['drops', String(i), 'amount'], message: `must be the value of the drop's count (${toMoneyString(countValue(d.count))})` };
  }
  if (!add(...c.drops.map((d) => money(d.amount))).equals(money(e.drops))) return { path: ['expected', 'drops'], message: 'must be the sum of the drops' };
  const cash = sub(sub(add(money(e.float), money(e.cashTaken)), money(e.changeGiven)), money(e.drops));
  if (!cash.equals(money(e.cash))) return { path: ['expected', 'cash'], message: `must be float + cash taken − change given − drops (${toMoneyString(cash)})` };
  const sumOf = (xs: Array<{ amount: string }>) => add(...xs.map((x) => money(x.amount)));
  if (e.checks.count !== e.checkItems.length || !sumOf(e.checkItems).equals(money(e.checks.total))) return { path: ['expected', 'checks'], message: 'must count and total the listed checks' };
  if (e.moneyOrders.count !== e.moneyOrderItems.length || !sumOf(e.moneyOrderItems).equals(money(e.moneyOrders.total))) {
    return { path: ['expected', 'moneyOrders'], message: 'must count and total the listed money orders' };
  }
  if (!countValue(c.counted.cash).equals(money(c.counted.cashTotal))) return { path: ['counted', 'cashTotal'], message: `must be the value of the cash count (${toMoneyString(countValue(c.counted.cash))})` };
  const os = overShort(e, c.counted);
  for (const k of [...TENDERS, 'total'] as const) {
    if (!money(os[k]).equals(money(c.overShort[k]))) return { path: ['overShort', k], message: `must be counted − expected (${os[k]})` };
  }
  return null;
}

/** The profile's rule on a close-out: beyond the threshold, the supervisor's note is required. */
export function closeoutRuleError(c: Pick<Closeout, 'overShort' | 'note'>, settings: Pick<DrawerSettings, 'overShortThreshold'>): string | null {
  const beyond = beyondThreshold(c.overShort, settings.overShortThreshold);
  if (beyond.length > 0 && c.note.trim().length < 3) {
    const what = beyond.map((t) => `${TENDER_LABEL[t].toLowerCase()} ${describeOverShort(c.overShort[t])}`).join(', ');
    return `Note: ${what} is beyond the ${formatMoney(settings.overShortThreshold)} threshold; the supervisor must write what was found`;
  }
  return null;
}

/**
 * US currency as a drawer is counted: bills from $100 to $1, coin in bank rolls and loose. A count is how
 * many pieces (or rolls) of each; its value is worked out here, to the cent, and nowhere else.
 *
 * Counts arrive as typed strings (the count forms) or as numbers (the wire, the store). Both go through
 * `judgeCount`, so a negative, fractional or unknown count is refused the same way everywhere, with a
 * message that starts with the field's visible label.
 */
import { z } from 'zod';
import { add, money, toMoneyString, ZERO, type Money, type MoneyString } from '../money/money';

export type Denomination = {
  id: string;
  /** The count field's visible label, and the name every refusal starts with. */
  label: string;
  /** Short form for printed reports (fits 32 columns with a count and an amount). */
  short: string;
  group: 'bill' | 'roll' | 'coin';
  /** What one piece (or one roll) is worth. */
  value: MoneyString;
  /** What one counts: "bills", "rolls", "coins". */
  unit: string;
};

const d = (id: string, label: string, short: string, group: Denomination['group'], value: string, unit: string): Denomination => ({
  id,
  label,
  short,
  group,
  value: value as MoneyString,
  unit,
});

/** In the order a drawer is counted: largest bills first, then rolls, then loose coin. */
export const DENOMINATIONS: readonly Denomination[] = [
  d('bill_100', '$100 bills', '$100', 'bill', '100.00', 'bills'),
  d('bill_50', '$50 bills', '$50', 'bill', '50.00', 'bills'),
  d('bill_20', '$20 bills', '$20', 'bill', '20.00', 'bills'),
  d('bill_10', '$10 bills', '$10', 'bill', '10.00', 'bills'),
  d('bill_5', '$5 bills', '$5', 'bill', '5.00', 'bills'),
  d('bill_2', '$2 bills', '$2', 'bill', '2.00', 'bills'),
  d('bill_1', '$1 bills', '$1', 'bill', '1.00', 'bills'),
  // Standard bank rolls: 40 quarters, 50 dimes, 40 nickels, 50 pennies.
  d('roll_25', 'Quarter rolls ($10.00)', 'Qtr roll', 'roll', '10.00', 'rolls'),
  d('roll_10', 'Dime rolls ($5.00)', 'Dime roll', 'roll', '5.00', 'rolls'),
  d('roll_5', 'Nickel rolls ($2.00)', 'Nkl roll', 'roll', '2.00', 'rolls'),
  d('roll_1', 'Penny rolls ($0.50)', 'Pny roll', 'roll', '0.50', 'rolls'),
  d('coin_100', 'Dollar coins', '$1 coin', 'coin', '1.00', 'coins'),
  d('coin_50', 'Half dollars', '50c', 'coin', '0.50', 'coins'),
  d('coin_25', 'Quarters, loose', '25c', 'coin', '0.25', 'coins'),
  d('coin_10', 'Dimes, loose', '10c', 'coin', '0.10', 'coins'),
  d('coin_5', 'Nickels, loose', '5c', 'coin', '0.05', 'coins'),
  d('coin_1', 'Pennies, loose', '1c', 'coin', '0.01', 'coins'),
];

export const DENOMINATION_IDS = DENOMINATIONS.map((x) => x.id);
const BY_ID = new Map(DENOMINATIONS.map((x) => [x.id, x]));

export function denomination(id: string): Denomination | undefined {
  return BY_ID.get(id);
}

/** Most pieces of one denomination a count may hold: a typo guard, far above any real drawer. */
export const MAX_PIECES = 100_000;

/** How many of each denomination; a denomination left out counts 0. */
export type CashCount = Readonly<Record<string, number>>;

export type CountError = { field: string; message: string };

/**
 * Judges a count as typed (strings, '' = 0) or as stored (whole numbers). Refuses, naming the field:
 * a negative count, a fraction, anything but digits, more than MAX_PIECES, a denomination that does not exist.
 * The count it returns holds only the denominations with pieces, in counting order.
 */
export function judgeCount(raw: Readonly<Record<string, unknown>>): { ok: true; count: CashCount; total: MoneyString } | { ok: false; errors: CountError[] } {
  const errors: CountError[] = [];
  const pieces = new Map<string, number>();
  for (const [key, value] of Object.entries(raw)) {
    const den = BY_ID.get(key);
    if (!den) {
      errors.push({ field: key, message: `${key}: there is no such denomination; count $100 to $1 bills, coin rolls and loose coin only` });
      continue;
    }
    const n = readPieces(value);
    if (typeof n === 'string') errors.push({ field: key, message: `${den.label}: ${n.replace('%unit', den.unit)}` });
    else if (n > 0) pieces.set(key, n);
  }
  if (errors.length > 0) return { ok: false, errors };
  const count: Record<string, number> = {};
  for (const den of DENOMINATIONS) {
    const n = pieces.get(den.id);
    if (n !== undefined) count[den.id] = n;
  }
  return { ok: true, count, total: toMoneyString(countValue(count)) };
}

/** A count as a whole number of pieces, or what is wrong with it ("%unit" stands for bills, rolls, coins). */
function readPieces(value: unknown): number | string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return 'enter how many %unit, in digits';
    if (value < 0) return 'a count cannot be negative; enter how many %unit, 0 or more';
    if (!Number.isInteger(value)) return 'count whole %unit; a count has no fractions';
    if (value > MAX_PIECES) return `at most ${MAX_PIECES.toLocaleString('en-US')} %unit; check the count`;
    return value;
  }
  if (typeof value !== 'string') return 'enter how many %unit, in digits';
  const s = value.trim();
  if (s === '') return 0;
  if (/^-/.test(s)) return 'a count cannot be negative; enter how many %unit, 0 or more';
  if (/^[0-9]*[.,][0-9]+$/.test(s) || /^[0-9]+[.,]$/.test(s)) return 'count whole %unit; a count has no fractions';
  if (!/^[0-9]{1,7}$/.test(s)) return 'enter how many %unit, in digits';
  return readPieces(Number(s));
}

/** The value of a count: Σ pieces × value, exact. */
export function countValue(count: CashCount): Money {
  let total: Money = ZERO;
  for (const [id, n] of Object.entries(count)) {
    const den = BY_ID.get(id);
    if (!den) throw new Error(`Unknown denomination ${id}`);
    total = add(total, money(den.value).times(n) as Money);
  }
  return total;
}

/** Adds counts denomination by denomination (drops into the safe, drawers into a deposit). */
export function addCounts(...counts: CashCount[]): CashCount {
  const sum: Record<string, number> = {};
  for (const den of DENOMINATIONS) {
    const n = counts.reduce((a, c) => a + (c[den.id] ?? 0), 0);
    if (n > 0) sum[den.id] = n;
  }
  return sum;
}

/** The wire and store form of a count: an object of whole numbers by denomination id, judged by `judgeCount`. */
export const cashCountSchema = z.record(z.string(), z.unknown()).transform((raw, ctx) => {
  const r = judgeCount(raw);
  if (r.ok) return r.count;
  for (const e of r.errors) ctx.addIssue({ code: 'custom', path: [e.field], message: e.message });
  return z.NEVER;
});

/**
 * Money, the one place amounts change representation.
 *
 * - `Money`: a decimal.js Decimal, used for all arithmetic inside the code.
 * - `MoneyString`: exactly two decimals ("12.34", "-3.10"), on disk, on the wire and over IPC.
 *   Decimal objects do not survive IndexedDB or IPC, so only strings are stored and sent.
 *
 * Our own Decimal clone keeps precision and rounding ours: another module's `Decimal.set` cannot change them.
 */
import DecimalBase from 'decimal.js';
import { z } from 'zod';

export const Decimal = DecimalBase.clone({ precision: 40, rounding: DecimalBase.ROUND_HALF_UP });
export type Money = InstanceType<typeof Decimal> & { readonly __money: unique symbol };
export type MoneyString = string & { readonly __moneyString: unique symbol };

/** Non-negative, exactly two decimals, no sign, no spaces, no exponent, no leading zeros. */
const AMOUNT_RE = /^(0|[1-9][0-9]{0,11})\.[0-9]{2}$/;
/** A balance may be negative (a credit), but never "-0.00". */
const SIGNED_RE = /^-?(0|[1-9][0-9]{0,11})\.[0-9]{2}$/;

/** The wire form of a non-negative amount: "12.34". Refuses "12.345", "1e3", "-0.00", "", " 12". */
export const moneyStringSchema = z
  .string()
  .regex(AMOUNT_RE, { message: 'must be an amount with exactly two decimals, like 12.34' })
  .transform((s) => s as MoneyString);

/** The wire form of a signed amount (balances, credits): "-12.34" or "12.34"; never "-0.00". */
export const signedMoneyStringSchema = z
  .string()
  .refine((s) => SIGNED_RE.test(s) && s !== '-0.00' && !/^-0\.00$/.test(s), {
    message: 'must be an amount with exactly two decimals, like 12.34 or -12.34',
  })
  .transform((s) => s as MoneyString);

/**
 * The most one amount may be: a line, a tender, bills or coins. $99,999,999.99 is the MICR amount field's
 * limit (the largest check there is); sums of up to 20 of them still fit central's numeric(14,2) columns.
 */
export const MAX_AMOUNT = '99999999.99' as MoneyString;
const AMOUNT_CEILING_MESSAGE = 'must be at most 99999999.99 (the most one amount can be)';

/** One amount typed or tendered: a wire amount no larger than MAX_AMOUNT. */
export const amountSchema = moneyStringSchema.refine((s) => new Decimal(s).lte(MAX_AMOUNT), { message: AMOUNT_CEILING_MESSAGE });

export function isMoneyString(s: string): s is MoneyString {
  return AMOUNT_RE.test(s);
}

/** A Decimal from a wire string. Throws on anything that is not a signed two-decimal string. */
export function parseMoney(s: string): Money {
  if (!SIGNED_RE.test(s) || s === '-0.00') throw new Error(`Not an amount: ${JSON.stringify(s)}`);
  return new Decimal(s) as Money;
}

/** Rounds to cents (half up) at a named point and brands the result. */
export function roundCents(d: InstanceType<typeof Decimal>): Money {
  return d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP) as Money;
}

/** The wire form. Refuses anything not already at whole cents: rounding belongs to `roundCents`. */
export function toMoneyString(m: InstanceType<typeof Decimal>): MoneyString {
  if (!m.isFinite()) throw new Error('Not a finite amount');
  if (!m.equals(m.toDecimalPlaces(2))) throw new Error(`Amount has more than two decimals: ${m.toString()}`);
  const s = m.isZero() ? '0.00' : m.toFixed(2);
  return s as MoneyString;
}

export const ZERO = new Decimal(0) as Money;

export function money(s: string): Money {
  return parseMoney(s);
}

export function add(...xs: Money[]): Money {
  return xs.reduce<InstanceType<typeof Decimal>>((a, b) => a.plus(b), new Decimal(0)) as Money;
}

export function sub(a: Money, b: Money): Money {
  return a.minus(b) as Money;
}

export function compare(a: Money, b: Money): -1 | 0 | 1 {
  return a.comparedTo(b) as -1 | 0 | 1;
}

export function max(a: Money, b: Money): Money {
  return compare(a, b) >= 0 ? a : b;
}

/** "$1,234.56" or "-$3.10" for the screens (US English, always two decimals). */
export function formatMoney(m: Money | MoneyString): string {
  const d = typeof m === 'string' ? parseMoney(m) : m;
  const neg = d.isNegative() && !d.isZero();
  const [whole = '0', cents = '00'] = d.abs().toFixed(2).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}$${grouped}.${cents}`;
}

/**
 * What a cashier may type into an amount field: digits with up to two decimals ("200", "4.5", "182.40"),
 * an optional "$" in front. No spaces inside, no commas, no exponents, no signs, no non-ASCII digits.
 * Returns the wire string or a message that says what to type.
 */
export function parseMoneyInput(raw: string): { ok: true; value: MoneyString } | { ok: false; message: string } {
  const s = raw.trim().replace(/^\$/, '');
  if (s === '') return { ok: false, message: 'enter an amount, like 12.34' };
  if (/^[0-9]+\.[0-9]{3,}$/.test(s)) return { ok: false, message: 'use at most two decimals (dollars and cents)' };
  if (!/^[0-9]{1,12}(\.[0-9]{0,2})?$/.test(s) && !/^\.[0-9]{1,2}$/.test(s)) {
    return { ok: false, message: 'use digits and a decimal point only, like 12.34' };
  }
  const d = new Decimal(s.startsWith('.') ? `0${s}` : s.endsWith('.') ? s.slice(0, -1) : s);
  if (d.gt(MAX_AMOUNT)) return { ok: false, message: 'one amount can be at most $99,999,999.99; check the digits' };
  return { ok: true, value: toMoneyString(d) };
}

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  Decimal,
  ZERO,
  add,
  compare,
  formatMoney,
  isMoneyString,
  max,
  money,
  moneyStringSchema,
  parseMoney,
  parseMoneyInput,
  roundCents,
  signedMoneyStringSchema,
  sub,
  toMoneyString,
  type Money,
  type MoneyString,
} from '../../../../shared/money/money';
import { centsToString } from '../fixtures';

const AMOUNT_MESSAGE = 'must be an amount with exactly two decimals, like 12.34';
const SIGNED_MESSAGE = 'must be an amount with exactly two decimals, like 12.34 or -12.34';

/** The refusals a wire amount must survive: every one of them has reached a real system as "money". */
const MALFORMED = [
  '12.345',
  '1e3',
  '-0.00',
  '',
  ' 12',
  '12 ',
  '12.34\n',
  '12',
  '12.3',
  '012.00',
  '00.00',
  '1,000.00',
  '١٢.٣٤', // Arabic-Indic digits
  '１２.００', // full-width digits
  '+1.00',
  'NaN',
  'Infinity',
  '0x10.00',
  '.50',
  '12.',
  '$12.00',
];

describe('moneyStringSchema', () => {
  it.each(['0.00', '0.01', '12.34', '182.40', '99999999.99'])('accepts %j unchanged', (s) => {
    expect(moneyStringSchema.parse(s)).toBe(s);
  });

  it.each(MALFORMED)('refuses %j with the two-decimals message', (s) => {
    const r = moneyStringSchema.safeParse(s);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.message)).toEqual([AMOUNT_MESSAGE]);
  });

  it('refuses negative amounts: a payment is never negative', () => {
    expect(moneyStringSchema.safeParse('-12.34').success).toBe(false);
  });

  it.each([12.34, null, undefined, {}])('refuses the non-string %j', (v) => {
    expect(moneyStringSchema.safeParse(v).success).toBe(false);
  });

  it('isMoneyString agrees with the schema', () => {
    expect(isMoneyString('12.34')).toBe(true);
    expect(isMoneyString('12.3')).toBe(false);
    expect(isMoneyString('-12.34')).toBe(false);
  });
});

describe('signedMoneyStringSchema', () => {
  it.each(['-12.34', '12.34', '0.00', '-0.01'])('accepts %j', (s) => {
    expect(signedMoneyStringSchema.parse(s)).toBe(s);
  });

  it.each(['-0.00', '--1.00', '-12.3', '- 12.34', '-012.34', '+12.34', ...MALFORMED.filter((s) => s !== '-0.00')])(
    'refuses %j with the signed message',
    (s) => {
      const r = signedMoneyStringSchema.safeParse(s);
      expect(r.success).toBe(false);
      expect(r.error?.issues.map((i) => i.message)).toEqual([SIGNED_MESSAGE]);
    },
  );
});

describe('parseMoney and toMoneyString', () => {
  it.each(['0.00', '0.01', '12.34', '-12.34', '182.40', '99999999.99'])('round trips %j', (s) => {
    expect(toMoneyString(parseMoney(s))).toBe(s);
  });

  it.each(['12.3', '12', '-0.00', '1e3', 'abc', ''])('parseMoney throws on %j, quoting it', (s) => {
    expect(() => parseMoney(s)).toThrow(`Not an amount: ${JSON.stringify(s)}`);
  });

  it('toMoneyString writes whole cents with two decimals', () => {
    expect(toMoneyString(new Decimal('12.3'))).toBe('12.30');
    expect(toMoneyString(new Decimal('7'))).toBe('7.00');
    expect(toMoneyString(new Decimal('-0'))).toBe('0.00');
    expect(toMoneyString(new Decimal('1e3'))).toBe('1000.00');
  });

  it('toMoneyString refuses three decimals instead of rounding silently', () => {
    expect(() => toMoneyString(new Decimal('12.345'))).toThrow('Amount has more than two decimals: 12.345');
    expect(() => toMoneyString(new Decimal('0.001'))).toThrow('Amount has more than two decimals: 0.001');
  });

  it('toMoneyString refuses NaN and infinity', () => {
    expect(() => toMoneyString(new Decimal(NaN))).toThrow('Not a finite amount');
    expect(() => toMoneyString(new Decimal(Infinity))).toThrow('Not a finite amount');
  });

  it('roundCents rounds half up (away from zero) at the cent', () => {
    expect(toMoneyString(roundCents(new Decimal('2.345')))).toBe('2.35');
    expect(toMoneyString(roundCents(new Decimal('2.344')))).toBe('2.34');
    expect(toMoneyString(roundCents(new Decimal('-2.345')))).toBe('-2.35');
    expect(toMoneyString(roundCents(new Decimal('0.005')))).toBe('0.01');
  });

  it('keeps its own rounding when another module changes the global Decimal', async () => {
    const { default: GlobalDecimal } = await import('decimal.js');
    const before = GlobalDecimal.rounding;
    GlobalDecimal.set({ rounding: GlobalDecimal.ROUND_DOWN });
    try {
      expect(toMoneyString(roundCents(new Decimal('2.345')))).toBe('2.35');
    } finally {
      GlobalDecimal.set({ rounding: before });
    }
  });
});

describe('arithmetic is exact to the cent', () => {
  it('0.10 + 0.20 is exactly 0.30', () => {
    const sum = add(money('0.10'), money('0.20'));
    expect(toMoneyString(sum)).toBe('0.30');
    expect(compare(sum, money('0.30'))).toBe(0);
  });

  it('1000 additions of 0.01 make exactly 10.00', () => {
    let total = ZERO;
    for (let i = 0; i < 1000; i++) total = add(total, money('0.01'));
    expect(toMoneyString(total)).toBe('10.00');
  });

  it('add of nothing is 0.00 and add of many sums them all', () => {
    expect(toMoneyString(add())).toBe('0.00');
    expect(toMoneyString(add(money('182.40'), money('17.60'), money('-0.01')))).toBe('199.99');
  });

  it('sub goes below zero and back', () => {
    expect(toMoneyString(sub(money('182.40'), money('200.00')))).toBe('-17.60');
    expect(toMoneyString(sub(money('200.00'), money('182.40')))).toBe('17.60');
    expect(toMoneyString(sub(money('0.30'), money('0.10')))).toBe('0.20');
  });

  it('compare and max order amounts', () => {
    expect(compare(money('5.01'), money('5.00'))).toBe(1);
    expect(compare(money('4.99'), money('5.00'))).toBe(-1);
    expect(compare(money('-1.00'), money('0.00'))).toBe(-1);
    expect(toMoneyString(max(money('5.01'), money('5.00')))).toBe('5.01');
    expect(toMoneyString(max(money('-3.00'), money('0.00')))).toBe('0.00');
  });

  const cents = fc.integer({ min: 0, max: 10 ** 11 });
  const CANONICAL_RESULT = /^-?\d+\.\d{2}$/;

  it('add and sub on wire amounts match integer cent arithmetic (property)', () => {
    fc.assert(
      fc.property(cents, cents, (a, b) => {
        const sa = centsToString(a);
        const sb = centsToString(b);
        const sum = toMoneyString(add(parseMoney(sa), parseMoney(sb)));
        const diff = toMoneyString(sub(parseMoney(sa), parseMoney(sb)));
        expect(sum).toBe(centsToString(BigInt(a) + BigInt(b)));
        expect(diff).toBe(centsToString(BigInt(a) - BigInt(b)));
        expect(sum).toMatch(CANONICAL_RESULT);
        expect(diff).toMatch(CANONICAL_RESULT);
        expect(diff).not.toBe('-0.00');
        expect(compare(parseMoney(sa), parseMoney(sb))).toBe(Math.sign(a - b));
      }),
      { numRuns: 500 },
    );
  });

  it('summing many random amounts matches the integer sum (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10 ** 9 }), { maxLength: 50 }), (xs) => {
        const total = add(...xs.map((x) => parseMoney(centsToString(x))));
        expect(toMoneyString(total)).toBe(centsToString(xs.reduce((s, x) => s + BigInt(x), 0n)));
      }),
      { numRuns: 200 },
    );
  });
});

describe('formatMoney', () => {
  it.each([
    ['1234.56', '$1,234.56'],
    ['-3.10', '-$3.10'],
    ['0.00', '$0.00'],
    ['0.05', '$0.05'],
    ['999.99', '$999.99'],
    ['1000.00', '$1,000.00'],
    ['1234567.89', '$1,234,567.89'],
    ['-1234567.89', '-$1,234,567.89'],
  ])('writes %j as %j', (s, expected) => {
    expect(formatMoney(s as MoneyString)).toBe(expected);
    expect(formatMoney(parseMoney(s))).toBe(expected);
  });

  it('never writes "-$0.00"', () => {
    expect(formatMoney(sub(money('1.00'), money('1.00')))).toBe('$0.00');
    expect(formatMoney(new Decimal('-0') as Money)).toBe('$0.00');
  });
});

describe('parseMoneyInput: what a cashier may type', () => {
  it.each([
    ['200', '200.00'],
    ['4.5', '4.50'],
    ['$182.40', '182.40'],
    ['.50', '0.50'],
    ['.5', '0.50'],
    ['0', '0.00'],
    ['200.', '200.00'],
    [' 12.34 ', '12.34'],
    ['$0.01', '0.01'],
    ['99999999.99', '99999999.99'],
  ])('reads %j as %j', (raw, value) => {
    expect(parseMoneyInput(raw)).toEqual({ ok: true, value });
  });

  it.each([
    ['4.999', 'use at most two decimals (dollars and cents)'],
    ['0.001', 'use at most two decimals (dollars and cents)'],
    ['abc', 'use digits and a decimal point only, like 12.34'],
    ['1e3', 'use digits and a decimal point only, like 12.34'],
    ['12,50', 'use digits and a decimal point only, like 12.34'],
    ['1,000', 'use digits and a decimal point only, like 12.34'],
    ['-5', 'use digits and a decimal point only, like 12.34'],
    ['+5', 'use digits and a decimal point only, like 12.34'],
    ['1 000', 'use digits and a decimal point only, like 12.34'],
    ['١٢.٣٤', 'use digits and a decimal point only, like 12.34'],
    ['１２.００', 'use digits and a decimal point only, like 12.34'],
    ['NaN', 'use digits and a decimal point only, like 12.34'],
    ['Infinity', 'use digits and a decimal point only, like 12.34'],
    ['12.3.4', 'use digits and a decimal point only, like 12.34'],
    ['$$5', 'use digits and a decimal point only, like 12.34'],
    ['.', 'use digits and a decimal point only, like 12.34'],
    [' ', 'enter an amount, like 12.34'],
    ['', 'enter an amount, like 12.34'],
    ['$', 'enter an amount, like 12.34'],
  ])('refuses %j: %s', (raw, message) => {
    expect(parseMoneyInput(raw)).toEqual({ ok: false, message });
  });

  it('whatever it accepts is a valid wire amount (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^\$?[0-9]{0,13}(\.[0-9]{0,3})?$/)), (raw) => {
        const r = parseMoneyInput(raw);
        if (r.ok) expect(moneyStringSchema.safeParse(r.value).success).toBe(true);
        else expect(r.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('moneyStringSchema over arbitrary text (property)', () => {
  /**
   * The canonical form, stated without the code's regex: ASCII digits and one point; read as a decimal, written
   * back with two decimals it is the same text; non-negative and below 10^12 dollars.
   */
  function isCanonical(s: string): boolean {
    if (!/^[0-9.]+$/.test(s)) return false;
    let d: InstanceType<typeof Decimal>;
    try {
      d = new Decimal(s);
    } catch {
      return false;
    }
    return d.isFinite() && !d.isNegative() && d.lessThan('1e12') && d.toFixed(2) === s;
  }

  const check = (s: string) => {
    const r = moneyStringSchema.safeParse(s);
    expect(r.success).toBe(isCanonical(s));
    if (r.success) expect(r.data).toBe(s);
  };

  /** Any UTF-16 code unit (lone surrogates included), any astral code point, and the characters of an amount. */
  const utf16Unit = fc.oneof(
    fc.nat({ max: 0xffff }).map((c) => String.fromCharCode(c)),
    fc.integer({ min: 0x10000, max: 0x10ffff }).map((c) => String.fromCodePoint(c)),
    fc.constantFrom(...'0123456789.'),
  );

  it('never throws and accepts exactly the canonical form: any UTF-16 text', () => {
    fc.assert(fc.property(fc.string({ unit: utf16Unit, maxLength: 30 }), check), { numRuns: 2000 });
  });

  it('never throws and accepts exactly the canonical form: any Unicode graphemes', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), check), { numRuns: 1000 });
  });

  it('never throws and accepts exactly the canonical form: ASCII text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 30 }), check), { numRuns: 2000 });
  });

  it('never throws and accepts exactly the canonical form: near-miss amounts', () => {
    const nearMiss = fc.stringMatching(/^[-+ $]?[0-9]{0,14}[.,]?[0-9]{0,3}[ e\n]?$/);
    fc.assert(fc.property(nearMiss, check), { numRuns: 3000 });
  });

  it('accepts every whole-cent amount written canonically', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 14n - 1n }), (c) => {
        const s = centsToString(c);
        expect(moneyStringSchema.safeParse(s).success).toBe(true);
        expect(moneyStringSchema.safeParse(`0${s}`).success).toBe(false);
        expect(moneyStringSchema.safeParse(`${s}0`).success).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });
});

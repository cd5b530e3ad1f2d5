import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CARD_NUMBER_MESSAGE, containsCardNumber, findCardNumber } from '../../../../shared/payments/card-guard';
import { uuidv7 } from '../../../../shared/ids';

/** Luhn, written here without the code under test: the digit that makes the number pass. */
function luhnCheckDigit(body: string): string {
  let sum = 0;
  [...body].reverse().forEach((c, i) => {
    let d = Number(c);
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  });
  return String((10 - (sum % 10)) % 10);
}
const luhnValid = (digits: string) => luhnCheckDigit(digits.slice(0, -1)) === digits.slice(-1);
const withCheckDigit = (body: string) => `${body}${luhnCheckDigit(body)}`;

/** Strings of ASCII digits, exactly n long (faster than stringMatching). */
const digitsOf = (min: number, max = min) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });

/** Test card numbers (Luhn-valid): 13, 15, 16 and 19 digits. */
const VISA_16 = '4111111111111111';
const VISA_13 = '4222222222222';
const AMEX_15 = '378282246310005';
// Not shaped like a WES stub's scan line (its cents digits do not start "00"), so found even when bare.
const LONG_19 = withCheckDigit('622126123456789012');

describe('the test numbers', () => {
  it('are Luhn-valid, with the lengths they claim', () => {
    for (const n of [VISA_16, VISA_13, AMEX_15, LONG_19]) expect(luhnValid(n), n).toBe(true);
    expect([VISA_13, AMEX_15, VISA_16, LONG_19].map((n) => n.length)).toEqual([13, 15, 16, 19]);
    expect(luhnValid('4111111111111112')).toBe(false);
  });
});

describe('containsCardNumber', () => {
  it.each([
    VISA_16,
    VISA_13,
    AMEX_15,
    LONG_19,
    '4111 1111 1111 1111',
    '4111-1111-1111-1111',
    '3782 822463 10005', // American Express, as printed
    `${LONG_19.slice(0, 4)} ${LONG_19.slice(4, 8)} ${LONG_19.slice(8, 12)} ${LONG_19.slice(12, 16)} ${LONG_19.slice(16)}`,
    `card ${VISA_16} declined`,
    `paid with 4111 1111 1111 1111, approved`,
    `12 4111 1111 1111 1111`, // a stray number before the groups
    `${VISA_16} 1000000001`, // and an account number after
    `\t${VISA_16}\n`,
  ])('finds a card number in %j', (text) => {
    expect(containsCardNumber(text)).toBe(true);
  });

  it.each([
    '',
    'cash',
    '4111111111111112', // 16 digits, Luhn-invalid
    '4111 1111 1111 1112',
    '1111', // the last four
    '1000000001', // a PWB account number
    '1234567890-12', // a Portsmouth account number as written
    '021000021', // a routing number
    '2025-03-14T17:05:00.000Z',
    '503-823-7770',
  ])('finds none in %j', (text) => {
    expect(containsCardNumber(text)).toBe(false);
  });

  it('a Luhn-valid run shorter than 13 or longer than 19 digits is not a card number', () => {
    const twelve = withCheckDigit('41111111111');
    const twenty = withCheckDigit('4111111111111111111');
    expect([twelve.length, twenty.length]).toEqual([12, 20]);
    expect(containsCardNumber(twelve)).toBe(false);
    expect(containsCardNumber(twenty)).toBe(false);
  });

  it('sees through any run of separators between groups; a letter ends a number', () => {
    expect(containsCardNumber('4111  1111  1111  1111')).toBe(true);
    expect(containsCardNumber('4111.1111.1111.1111')).toBe(true);
    expect(containsCardNumber('4111,1111,1111,1111')).toBe(true);
    expect(containsCardNumber('4111 / 1111 / 1111 / 1111')).toBe(true);
    expect(containsCardNumber('4111a1111b1111c1111')).toBe(false);
  });

  it('never flags 10- or 12-digit account numbers, alone, written with their dash, or listed side by side (property)', () => {
    const ten = digitsOf(10);
    const twelve = fc.tuple(digitsOf(12), fc.boolean()).map(([d, dashed]) => (dashed ? `${d.slice(0, 10)}-${d.slice(10)}` : d));
    const accountList = fc.array(fc.oneof(ten, twelve), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(accountList, fc.constantFrom(' ', '-', ', ', ' and '), (accounts, sep) => {
        expect(containsCardNumber(accounts.join(sep))).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('finds any Luhn-valid 13-19 digit number, bare, in groups of four, or inside a sentence (property)', () => {
    // A bare 19-digit run shaped like a WES scan line (cents starting "00") is taken for one: see card-guard.ts.
    const card = digitsOf(12, 18)
      .map(withCheckDigit)
      .filter((n) => !(n.length === 19 && n.startsWith('00', 9)));
    fc.assert(
      fc.property(card, fc.constantFrom('', ' ', '-'), fc.constantFrom(['', ''], ['memo: ', ' thanks'], ['(', ')']), (n, sep, [before, after]) => {
        const grouped = (n.match(/.{1,4}/g) ?? []).join(sep);
        expect(containsCardNumber(`${before}${grouped}${after}`)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('flags a 16-digit number exactly when it passes Luhn (property)', () => {
    fc.assert(
      fc.property(digitsOf(16), (n) => {
        expect(containsCardNumber(n)).toBe(luhnValid(n));
      }),
      { numRuns: 500 },
    );
  });

  // Full Unicode (fc.string({ unit: 'binary' })) is in transaction.property.test.ts: building that unit costs a second.
  it('never throws, over any text (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 60 }), fc.string({ unit: fc.constantFrom(...'0123456789 -'), maxLength: 60 })), (text) => {
        if (typeof containsCardNumber(text) !== 'boolean') throw new Error(JSON.stringify(text));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('findCardNumber: the path of the first string holding a card number', () => {
  it('walks objects and arrays and names the path', () => {
    expect(findCardNumber({ memo: 'ok', tenders: [{ last4: '1111' }, { approvalCode: VISA_16 }] })).toBe('tenders.1.approvalCode');
    expect(findCardNumber({ memo: '4111 1111 1111 1111' })).toBe('memo');
    expect(findCardNumber({ memo: 'ok', n: 4111111111111111, tenders: [] })).toBeNull();
    expect(findCardNumber(VISA_16)).toBe('');
  });

  it('skips the UUIDs the counter makes, whatever digits they happen to hold', () => {
    // A UUIDv7 whose dash-joined digits pass Luhn: before the skip, about 1 payment in 250 was refused.
    const unlucky = '0195959d-c78c-79c9-8032-28622637038e';
    expect(findCardNumber({ id: unlucky })).toBeNull();
    const flagged = Array.from({ length: 2000 }, (_, i) => uuidv7(1_741_971_900_000 + i)).filter((id) => findCardNumber({ id }) !== null);
    expect(flagged).toEqual([]);
  });

  it('the message says card numbers are not recorded here', () => {
    expect(CARD_NUMBER_MESSAGE).toContain('card numbers are not recorded here');
  });
});

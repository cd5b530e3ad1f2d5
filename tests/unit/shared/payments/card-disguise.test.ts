/**
 * The card-number guard against what people actually type: the published test card numbers of the major
 * processors, written in twenty disguises, into every free-text field the counter keeps; and the numbers that
 * are not cards (phone pairs, stub scan lines, transaction ids) never raise an alarm.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cardNumberSpans, containsCardNumber, removeCardNumbers } from '../../../../shared/payments/card-guard';
import { paymentSchema } from '../../../../shared/payments/payment';
import { voidReasonSchema } from '../../../../shared/payments/void';
import { noteSchema } from '../../../../shared/drawer/closeout';
import { judgeTransaction } from '../../../../shared/payments/transaction';
import { makeScanLine } from '../../../../shared/accounts/account-number';
import { uuidv7 } from '../../../../shared/ids';
import { portlandWaterBureau } from '../../../../shared/profiles';
import { demoAccounts } from '../../../../central/src/demo';
import { redact, REDACTED_CARD } from '../../../../shared/logging/redact';
import { draftOf, line, PWB, pwbAccounts, samplePayment } from '../fixtures';

/** Test card numbers published by Stripe, Adyen and Braintree for their sandboxes (every major brand). */
const TEST_CARDS = [
  // Stripe
  '4242424242424242', '4000056655665556', '5555555555554444', '2223003122003222', '5200828282828210', '5105105105105100',
  '378282246310005', '371449635398431', '6011111111111117', '6011000990139424', '3056930009020004', '36227206271667',
  '3566002020360505', '6200000000000005', '4000002500003155', '4000002760003184', '4000000000009995', '4000000000000002',
  '4000000000000077', '4000000000000093', '4000000000000101', '4000000000000119', '4100000000000019', '4000000000000259',
  '4000000000000341', '4000000000003220', '4000000000003063', '4000000000000069', '4000000000000127', '4000000000000036',
  // Adyen
  '4111111111111111', '4988438843884305', '4166676667666746', '4646464646464644', '5555444433331111', '5454545454545454',
  '2222400070000005', '370000000000002', '6011601160116611', '36006666333344', '3569990010095841', '6703444444444449',
  '6243030000000001', '4035501000000008', '5577000055770004', '2222410740360010',
  // Braintree
  '36259600000004', '6011000991300009', '3530111333300000', '4005519200000004', '4009348888881881', '4012000033330026',
  '4012000077777777', '4012888888881881', '4217651111111119', '4500600000000061', '2223000048400011', '4111111111111111',
];

const luhn = (n: string) => {
  let sum = 0;
  [...n].reverse().forEach((c, i) => {
    let d = Number(c);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  });
  return sum % 10 === 0;
};

/** Digits in another script: the zero of each, then nine more in order. */
const script = (zero: number) => (n: string) => [...n].map((d) => String.fromCodePoint(zero + Number(d))).join('');
const groups = (n: string, sizes: number[] = n.length === 15 ? [4, 6, 5] : [4, 4, 4, 4, 4]) => {
  const out: string[] = [];
  let at = 0;
  for (const size of sizes) {
    if (at >= n.length) break;
    out.push(n.slice(at, at + size));
    at += size;
  }
  if (at < n.length) out.push(n.slice(at));
  return out;
};

/** Twenty ways a card number reaches a text field: pasted, spaced, in another script, with hidden characters. */
const DISGUISES: Array<[string, (n: string) => string]> = [
  ['bare', (n) => n],
  ['spaces', (n) => groups(n).join(' ')],
  ['dashes', (n) => groups(n).join('-')],
  ['dots', (n) => groups(n).join('.')],
  ['double spaces', (n) => groups(n).join('  ')],
  ['slashes', (n) => groups(n).join('/')],
  ['spaced slashes', (n) => groups(n).join(' / ')],
  ['zero-width spaces between digits', (n) => [...n].join('\u200B')],
  ['zero-width spaces between groups', (n) => groups(n).join('\u200B')],
  ['no-break spaces', (n) => groups(n).join('\u00A0')],
  ['thin spaces', (n) => groups(n).join('\u2009')],
  ['underscores', (n) => groups(n).join('_')],
  ['Arabic-Indic digits', script(0x0660)],
  ['Extended Arabic-Indic digits, spaced', (n) => groups(script(0x06f0)(n)).join(' ')],
  ['Devanagari digits', script(0x0966)],
  ['Bengali digits', script(0x09e6)],
  ['Thai digits', script(0x0e50)],
  ['full-width digits', script(0xff10)],
  ['full-width digits and spaces', (n) => groups(script(0xff10)(n)).join('\u3000')],
  ['mathematical bold digits', script(0x1d7ce)],
  ['in a sentence, in parentheses', (n) => `card (${groups(n).join(' ')}) declined`],
  ['every digit dotted', (n) => [...n].join('.')],
];

describe('the test card numbers', () => {
  it('are at least 50, every brand, each Luhn-valid', () => {
    const unique = [...new Set(TEST_CARDS)];
    expect(unique.length).toBeGreaterThanOrEqual(50);
    for (const n of unique) expect(luhn(n), n).toBe(true);
    const brands = new Set(unique.map((n) => (n[0] === '4' ? 'visa' : /^(5[1-5]|2[2-7])/.test(n) ? 'mastercard' : /^3[47]/.test(n) ? 'amex' : /^6(011|5)/.test(n) ? 'discover' : /^3[068]/.test(n) ? 'diners' : /^35/.test(n) ? 'jcb' : /^62/.test(n) ? 'unionpay' : 'other')));
    expect([...brands].sort()).toEqual(['amex', 'diners', 'discover', 'jcb', 'mastercard', 'other', 'unionpay', 'visa']);
    expect(DISGUISES.length).toBeGreaterThanOrEqual(20);
  });
});

describe('every disguise of every test card is found, and reaches no store, no wire and no log', () => {
  const cases = [...new Set(TEST_CARDS)].flatMap((card) => DISGUISES.map(([how, disguise]) => ({ card, how, text: disguise(card) })));

  it(`the guard finds all ${cases.length}`, () => {
    const missed = cases.filter((c) => !containsCardNumber(c.text)).map((c) => `${c.card} ${c.how}: ${JSON.stringify(c.text)}`);
    expect(missed).toEqual([]);
  });

  it('the payment form refuses each in the memo, naming the memo', () => {
    for (const c of cases) {
      const r = judgeTransaction(draftOf({ lines: [line(PWB.current.number, '182.40')], bills: '200', memo: c.text.slice(0, 200) }), portlandWaterBureau, pwbAccounts);
      expect(r.ok, `${c.card} ${c.how}`).toBe(false);
      if (!r.ok) expect(r.errors[0]?.path).toBe('memo');
    }
  });

  it('the wire schemas refuse each: a payment memo, a void reason, a drawer note', () => {
    for (const c of cases) {
      const text = c.text.slice(0, 200);
      expect(paymentSchema.safeParse({ ...samplePayment(), memo: text }).success, `${c.card} ${c.how} memo`).toBe(false);
      expect(voidReasonSchema.safeParse(`refund ${text}`).success, `${c.card} ${c.how} reason`).toBe(false);
      expect(noteSchema.safeParse(text).success, `${c.card} ${c.how} note`).toBe(false);
    }
  });

  it('a log line keeps the words around it and loses the number', () => {
    for (const c of cases) {
      const line = redact(`payment refused: memo "${c.text}" at station-2`);
      expect(line, `${c.card} ${c.how}`).toContain(REDACTED_CARD);
      expect(line).toContain('payment refused: memo');
      expect(line).toContain('at station-2');
      expect(containsCardNumber(line), `${c.card} ${c.how}: ${line}`).toBe(false);
    }
  });

  it('removeCardNumbers cuts exactly the number, in the original text', () => {
    expect(removeCardNumbers('paid ４２４２ ４２４２ ４２４２ ４２４２ ok', '#')).toBe('paid # ok');
    expect(cardNumberSpans('x 4242\u200B4242\u200B4242\u200B4242 y')).toEqual([[2, 21]]);
  });
});

describe('numbers that are not cards raise no alarm', () => {
  /** A North American number as people write it. */
  const phone = fc
    .tuple(fc.integer({ min: 200, max: 999 }), fc.integer({ min: 200, max: 999 }), fc.integer({ min: 0, max: 9999 }), fc.constantFrom(0, 1, 2, 3, 4))
    .map(([area, exchange, line, style]) => {
      const l = String(line).padStart(4, '0');
      return [`${area}-${exchange}-${l}`, `(${area}) ${exchange}-${l}`, `${area}.${exchange}.${l}`, `${area} ${exchange} ${l}`, `+1 ${area}-${exchange}-${l}`][style] ?? '';
    });

  it('20,000 pairs of phone numbers in a memo', () => {
    fc.assert(
      fc.property(phone, phone, fc.constantFrom(' ', ', ', ' or ', ' / ', '  '), (a, b, sep) => {
        const memo = `Customer cell ${a}${sep}${b}`;
        if (containsCardNumber(memo)) throw new Error(`false alarm: ${memo}`);
      }),
      { numRuns: 20_000, seed: 20261203 },
    );
    expect(containsCardNumber('Customer cell 360-670-1508 718-629-1705')).toBe(false);
  });

  it('every demo account’s stub scan line, alone or two in a memo', () => {
    const scans = demoAccounts({ perUtility: 300, today: '2026-12-03' }).map((a) => makeScanLine(a.number, (Number(a.balance) > 0 ? a.balance : '0.00') as never));
    expect(scans.length).toBeGreaterThan(900);
    const alarms = scans.filter((s) => containsCardNumber(s) || containsCardNumber(`scanned ${s} twice`));
    expect(alarms).toEqual([]);
    // The WES scan line of the README's sample (19 digits, its check digit a Luhn digit).
    expect(containsCardNumber(makeScanLine('200000001', '143.22' as never))).toBe(false);
  });

  it('transaction ids quoted in a void reason, and dates and amounts in a memo', () => {
    for (let i = 0; i < 5000; i++) {
      const reason = `Duplicate of ${uuidv7(1_741_971_900_000 + i * 7919)}`;
      if (containsCardNumber(reason)) throw new Error(`false alarm: ${reason}`);
    }
    expect(containsCardNumber('paid 182.40 96.15 412.70 and 58.00 on 2026-12-03, 12/04/2026')).toBe(false);
    expect(containsCardNumber('$1,234.56 $2,345.67 $3,456.78 $4,567.89')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { judgeCash } from '../../../../shared/payments/cash';
import { CARD_NUMBER_MESSAGE } from '../../../../shared/payments/card-guard';
import { canonicalPayment, paymentRuleError, paymentSchema, tenderRuleError, type Payment, type Tender } from '../../../../shared/payments/payment';
import { clackamasWes, portlandWaterBureau, portsmouth } from '../../../../shared/profiles';
import { utilityProfileSchema } from '../../../../shared/profiles/schema';
import { centsToString, samplePayment, stringToCents } from '../fixtures';

const pwb = portlandWaterBureau;

function issuePaths(input: unknown): string[] {
  const r = paymentSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
}

describe('paymentSchema', () => {
  it('accepts the sample payment unchanged', () => {
    expect(paymentSchema.parse(samplePayment())).toEqual(samplePayment());
  });

  it.each(['not-a-uuid', '', '0195939A-6F40-7ABC-8DEF-0123456789AB', '0195939a6f407abc8def0123456789ab', '{0195939a-6f40-7abc-8def-0123456789ab}'])(
    'refuses the id %j, saying what an id is',
    (id) => {
      const r = paymentSchema.safeParse(samplePayment({ id }));
      expect(r.error?.issues.map((i) => ({ path: i.path, message: i.message }))).toEqual([
        { path: ['id'], message: 'must be a UUID made when the payment started' },
      ]);
    },
  );

  it('refuses a bad line amount, with a path ending in amount', () => {
    const r = paymentSchema.safeParse(samplePayment({ lines: [{ accountNumber: '1000000001', amount: '182.4' }] }));
    expect(r.error?.issues.map((i) => ({ path: i.path, message: i.message }))).toEqual([
      { path: ['lines', 0, 'amount'], message: 'must be an amount with exactly two decimals, like 12.34' },
    ]);
  });

  it.each([
    [{ total: '1e3' }, 'total'],
    [{ tendered: '-200.00' }, 'tendered'],
    [{ change: '17.6' }, 'change'],
    [{ tenders: [{ kind: 'cash', bills: '200', coins: '0.00' }] }, 'tenders.0.bills'],
    [{ tenders: [{ kind: 'cash', bills: '200.00', coins: '0.001' }] }, 'tenders.0.coins'],
    [{ tenders: [{ kind: 'voucher', amount: '200.00' }] }, 'tenders.0.kind'],
    [{ lines: [] }, 'lines'],
    [{ tenders: [] }, 'tenders'],
    [{ lines: [{ accountNumber: '1000-000001', amount: '182.40' }] }, 'lines.0.accountNumber'],
    [{ takenAt: '2025-03-14 10:05' }, 'takenAt'],
    [{ cashier: '' }, 'cashier'],
  ])('refuses %j at %s', (override, path) => {
    expect(issuePaths(samplePayment(override))).toEqual([path]);
  });

  it('a card tender without its brand, last four and approval code is refused at each of them', () => {
    expect(issuePaths(samplePayment({ tenders: [{ kind: 'card', amount: '200.00' }] }))).toEqual([
      'tenders.0.brand',
      'tenders.0.last4',
      'tenders.0.approvalCode',
    ]);
  });

  it('a payment sent without a memo gets an empty one', () => {
    const { memo: _memo, ...withoutMemo } = samplePayment();
    expect(paymentSchema.parse(withoutMemo).memo).toBe('');
  });

  it('a drawer session may be null, not empty', () => {
    expect(issuePaths(samplePayment({ drawerSessionId: null }))).toEqual([]);
    expect(issuePaths(samplePayment({ drawerSessionId: '' }))).toEqual(['drawerSessionId']);
  });
});

describe('paymentRuleError', () => {
  it('passes the sample payment', () => {
    expect(paymentRuleError(samplePayment(), pwb)).toBeNull();
  });

  it('catches a total that is not the sum of the lines', () => {
    const p = samplePayment({
      lines: [
        { accountNumber: '1000000001', amount: '100.00' },
        { accountNumber: '1000000002', amount: '82.41' },
      ],
    });
    expect(paymentRuleError(p, pwb)).toBe('total: 182.40 is not the sum of the lines (182.41)');
  });

  it('catches tendered that is not the sum of the tenders', () => {
    expect(paymentRuleError(samplePayment({ tendered: '190.00', change: '7.60' }), pwb)).toBe(
      'tendered: 190.00 is not the sum of the tenders (200.00)',
    );
  });

  it('catches tendered less than the total', () => {
    const p = samplePayment({ tenders: [{ kind: 'cash', bills: '180.00', coins: '2.39' }], tendered: '182.39', change: '0.00' });
    expect(paymentRuleError(p, pwb)).toBe('tendered: 182.39 is less than the total 182.40');
  });

  it('catches change that is not tendered minus total', () => {
    expect(paymentRuleError(samplePayment({ change: '17.00' }), pwb)).toBe('change: must be tendered minus total (17.60)');
    expect(paymentRuleError(samplePayment({ change: '17.61' }), pwb)).toBe('change: must be tendered minus total (17.60)');
  });

  it('catches coin over the limit, quoting the policy', () => {
    const p = samplePayment({ tenders: [{ kind: 'cash', bills: '194.99', coins: '5.01' }] });
    expect(paymentRuleError(p, pwb)).toBe(
      'coins: at most $5.00 in coin per payment (Portland Water Bureau Account Management Policy)',
    );
  });

  it('counts coin across all the cash tenders of one payment', () => {
    const p = samplePayment({
      tenders: [
        { kind: 'cash', bills: '100.00', coins: '3.00' },
        { kind: 'cash', bills: '94.00', coins: '3.00' },
      ],
    });
    expect(paymentRuleError(p, pwb)).toBe(
      'coins: at most $5.00 in coin per payment (Portland Water Bureau Account Management Policy)',
    );
    const within = samplePayment({
      tenders: [
        { kind: 'cash', bills: '100.00', coins: '2.50' },
        { kind: 'cash', bills: '95.00', coins: '2.50' },
      ],
    });
    expect(paymentRuleError(within, pwb)).toBeNull();
  });

  it('catches a payment for another utility', () => {
    expect(paymentRuleError(samplePayment({ utility: 'wes' }), pwb)).toBe('utility: this station runs pwb, not wes');
  });

  it('catches a line of $0.00', () => {
    const p = samplePayment({
      lines: [
        { accountNumber: '1000000001', amount: '182.40' },
        { accountNumber: '1000000002', amount: '0.00' },
      ],
    });
    expect(paymentRuleError(p, pwb)).toBe('lines.amount: each amount must be more than $0.00');
  });
});

describe('canonicalPayment', () => {
  /** The same payment with every object's keys in reverse order. */
  function reversedKeys(v: unknown): unknown {
    if (Array.isArray(v)) return v.map(reversedKeys);
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.entries(v as Record<string, unknown>)
          .reverse()
          .map(([k, x]) => [k, reversedKeys(x)]),
      );
    }
    return v;
  }

  it('is stable under key order', () => {
    const p = samplePayment();
    const q = reversedKeys(p) as Payment;
    expect(Object.keys(q)[0]).toBe('memo');
    expect(canonicalPayment(q)).toBe(canonicalPayment(p));
  });

  it('differs when an amount differs by a cent', () => {
    const p = samplePayment();
    const q = samplePayment({
      lines: [{ accountNumber: '1000000001', amount: '182.41' }],
      total: '182.41',
      change: '17.59',
    });
    expect(canonicalPayment(q)).not.toBe(canonicalPayment(p));
    expect(canonicalPayment(samplePayment({ change: '17.61' }))).not.toBe(canonicalPayment(p));
  });

  it('differs when the account differs', () => {
    const q = samplePayment({ lines: [{ accountNumber: '1000000002', amount: '182.40' }] });
    expect(canonicalPayment(q)).not.toBe(canonicalPayment(samplePayment()));
  });

  it('refuses a malformed payment instead of describing it', () => {
    expect(() => canonicalPayment(samplePayment({ total: '182.4' }))).toThrow();
  });
});

describe('cash payments judged at the counter pass central (property)', () => {
  const lineCents = fc.integer({ min: 1, max: 10_000_000 });
  const account = fc.stringMatching(/^[0-9]{10}$/);

  /** Each way a cashier might type an amount: "182.40", "$182.40", "182.4", "182" for whole dollars. */
  function typed(cents: bigint, style: number): string {
    const s = centsToString(cents);
    if (style === 1) return `$${s}`;
    if (style === 2) return s.replace(/0$/, '').replace(/\.0?$/, '');
    return s;
  }

  it('tenders − change = total, change ≤ cash, and paymentRuleError is null', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(account, lineCents), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 0, max: 500 }),
        // Change stays within the $100.00 the counter gives back.
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 2 }),
        (lines, coinCents, extraCents, style) => {
          const total = lines.reduce((s, [, c]) => s + BigInt(c), 0n);
          const coins = BigInt(coinCents);
          const bills = total + BigInt(extraCents) - coins > 0n ? total + BigInt(extraCents) - coins : 0n;

          const judged = judgeCash(
            { amount: typed(total, style), bills: bills === 0n ? '' : typed(bills, style), coins: typed(coins, style) },
            pwb,
          );
          if (!judged.ok) throw new Error(`refused: ${JSON.stringify(judged.errors)}`);
          const f = judged.value;
          expect(f.amount).toBe(centsToString(total));
          expect(f.bills).toBe(centsToString(bills));
          expect(f.coins).toBe(centsToString(coins));

          const payment = paymentSchema.parse({
            ...samplePayment(),
            lines: lines.map(([accountNumber, c]) => ({ accountNumber, amount: centsToString(c) })),
            tenders: [{ kind: 'cash', bills: f.bills, coins: f.coins }],
            total: f.amount,
            tendered: f.tendered,
            change: f.change,
            // Over the window limit a supervisor approves (the counter asks for it before posting).
            ...(total > 1_000_000n ? { approvedBy: 'supervisor1' } : {}),
          });

          const cash = stringToCents(f.bills) + stringToCents(f.coins);
          expect(stringToCents(f.tendered)).toBe(cash);
          expect(cash - stringToCents(f.change)).toBe(total);
          expect(stringToCents(f.change)).toBeGreaterThanOrEqual(0n);
          expect(stringToCents(f.change)).toBeLessThanOrEqual(cash);
          expect(paymentRuleError(payment, pwb)).toBeNull();
        },
      ),
      { numRuns: 300 },
    );
  });

  it('coin over the limit is refused by both the counter and central', () => {
    fc.assert(
      fc.property(lineCents, fc.integer({ min: 501, max: 100_000 }), (amountCents, coinCents) => {
        const amount = centsToString(amountCents);
        const coins = centsToString(coinCents);
        const bills = centsToString(amountCents);
        expect(judgeCash({ amount, bills, coins }, pwb)).toMatchObject({ ok: false, errors: [{ field: 'coins' }] });
        const p = samplePayment({
          lines: [{ accountNumber: '1000000001', amount }],
          tenders: [{ kind: 'cash', bills, coins }],
          total: amount,
          tendered: centsToString(amountCents + coinCents),
          change: coins,
        });
        expect(paymentRuleError(p, pwb)).toMatch(/^coins: at most \$5\.00 in coin per payment/);
      }),
      { numRuns: 100 },
    );
  });
});

/** A PWB payment over two accounts, with cash, a check, a money order and a card: 182.40 + 100.00 = 282.40. */
function splitPayment(overrides: Record<string, unknown> = {}): Payment {
  return samplePayment({
    lines: [
      { accountNumber: '1000000001', amount: '182.40' },
      { accountNumber: '1000000002', amount: '100.00' },
    ],
    tenders: [
      { kind: 'cash', bills: '40.00', coins: '2.40' },
      { kind: 'check', amount: '100.00', checkNumber: '5521', routingNumber: '021000021' },
      { kind: 'money_order', amount: '50.00', serial: '19-0442871' },
      { kind: 'card', amount: '100.00', brand: 'Visa', last4: '1111', approvalCode: 'A1B2C3' },
    ],
    total: '282.40',
    tendered: '292.40',
    change: '10.00',
    memo: 'one check for two bills',
    ...overrides,
  });
}

describe('paymentSchema: every tender (issue 3)', () => {
  it('accepts a split payment over two accounts unchanged, and central finds nothing wrong with it', () => {
    expect(paymentSchema.parse(splitPayment())).toEqual(splitPayment());
    expect(paymentRuleError(splitPayment(), pwb)).toBeNull();
  });

  it('a check may come without a routing number, never with a bad one', () => {
    const check = (routingNumber: string | null) => splitPayment({ tenders: [{ kind: 'check', amount: '292.40', checkNumber: '1', routingNumber }] });
    expect(issuePaths(check(null))).toEqual([]);
    const r = paymentSchema.safeParse(check('021000022'));
    expect(r.error?.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))).toEqual([
      { path: 'tenders.0.routingNumber', message: 'fails its check digit (3-7-1); read it again from the bottom of the check' },
    ]);
    expect(issuePaths(check('130000006'))).toEqual(['tenders.0.routingNumber']);
    expect(issuePaths(check(''))).toEqual(['tenders.0.routingNumber']);
  });

  it.each([
    [{ kind: 'check', amount: '1.00', checkNumber: '', routingNumber: null }, 'tenders.0.checkNumber'],
    [{ kind: 'check', amount: '1.00', checkNumber: '12345678901', routingNumber: null }, 'tenders.0.checkNumber'],
    [{ kind: 'money_order', amount: '1.00', serial: 'abc' }, 'tenders.0.serial'],
    [{ kind: 'card', amount: '1.00', brand: 'Visa', last4: '11111', approvalCode: 'A1' }, 'tenders.0.last4'],
    [{ kind: 'card', amount: '1.00', brand: '', last4: '1111', approvalCode: 'A1' }, 'tenders.0.brand'],
    [{ kind: 'card', amount: '1.00', brand: 'Visa', last4: '1111', approvalCode: 'A' }, 'tenders.0.approvalCode'],
    [{ kind: 'money_order', amount: '1.001', serial: 'ABCD' }, 'tenders.0.amount'],
    [{ kind: 'card', amount: '-1.00', brand: 'Visa', last4: '1111', approvalCode: 'A1' }, 'tenders.0.amount'],
  ])('refuses the tender %j at %s', (tender, path) => {
    expect(issuePaths(samplePayment({ tenders: [tender] }))).toEqual([path]);
  });

  it('refuses a card number in the memo, at memo', () => {
    const r = paymentSchema.safeParse(samplePayment({ memo: 'paid with 4111 1111 1111 1111' }));
    expect(r.error?.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))).toEqual([{ path: 'memo', message: CARD_NUMBER_MESSAGE }]);
  });

  it('refuses a card number anywhere else too, naming where', () => {
    const tenders = [{ kind: 'money_order', amount: '200.00', serial: '4111111111111111' }];
    expect(issuePaths(samplePayment({ tenders }))).toEqual(['tenders.0.serial']);
    expect(issuePaths(samplePayment({ cashier: '4111-1111-1111-1111' }))).toEqual(['cashier']);
  });

  it('keeps account numbers and UUIDs, which are not card numbers', () => {
    expect(issuePaths(samplePayment({ memo: 'split 1000000001 1000000002' }))).toEqual([]);
    // This UUIDv7's digits, joined across its dashes, pass Luhn: it is still an id, not a card.
    expect(issuePaths(samplePayment({ id: '0195959d-c78c-79c9-8032-28622637038e' }))).toEqual([]);
  });

  it('a memo is at most 200 characters', () => {
    expect(issuePaths(samplePayment({ memo: 'x'.repeat(200) }))).toEqual([]);
    expect(issuePaths(samplePayment({ memo: 'x'.repeat(201) }))).toEqual(['memo']);
  });
});

describe('tenderRuleError: what the profile takes', () => {
  /** Tenders as they come off the wire: amounts already checked by the schema. */
  const tender = (t: Record<string, unknown>) => t as Tender;
  const card = (brand: string) => tender({ kind: 'card', amount: '10.00', brand, last4: '1111', approvalCode: 'A1' });
  const cash = tender({ kind: 'cash', bills: '10.00', coins: '0.00' });

  it('PWB takes Visa and Mastercard only, quoting its policy, at the card that is refused', () => {
    expect(tenderRuleError([cash, card('Visa'), card('American Express')], pwb)).toBe(
      'tenders.2.brand: Portland Water Bureau takes Visa and Mastercard only (Portland Water Bureau Account Management Policy)',
    );
    expect(tenderRuleError([card('Mastercard')], pwb)).toBeNull();
  });

  it('Portsmouth takes American Express; WES takes Discover', () => {
    expect(tenderRuleError([card('American Express')], portsmouth)).toBeNull();
    expect(tenderRuleError([card('Discover')], clackamasWes)).toBeNull();
    expect(tenderRuleError([card('Visa')], portsmouth)).toMatch(/^tenders\.0\.brand: City of Portsmouth Water & Sewer takes /);
  });

  it('a check over $99,999,999.99 is refused; exactly that is taken', () => {
    const check = (amount: string) => tender({ kind: 'check', amount, checkNumber: '1', routingNumber: null });
    expect(tenderRuleError([check('99999999.99')], pwb)).toBeNull();
    expect(tenderRuleError([check('100000000.00')], pwb)).toBe("tenders.0.amount: a check can be for at most $99,999,999.99 (the MICR amount field's limit)");
  });

  it('zero checks, money orders and cards are refused', () => {
    expect(tenderRuleError([tender({ kind: 'check', amount: '0.00', checkNumber: '1', routingNumber: null })], pwb)).toBe('tenders.0.amount: a check must be for more than $0.00');
    expect(tenderRuleError([tender({ kind: 'money_order', amount: '0.00', serial: 'ABCD' })], pwb)).toBe('tenders.0.amount: a money order must be for more than $0.00');
    expect(tenderRuleError([tender({ ...card('Visa'), amount: '0.00' })], pwb)).toBe('tenders.0.amount: a card payment must be for more than $0.00');
  });

  it('a kind the profile does not take is refused with its source', () => {
    const t = portlandWaterBureau.tenders;
    const noChecks = utilityProfileSchema.parse({ ...portlandWaterBureau, tenders: { ...t, check: { ...t.check, accepted: false }, moneyOrder: { ...t.moneyOrder, accepted: false }, card: { ...t.card, accepted: false } } });
    expect(tenderRuleError([tender({ kind: 'check', amount: '1.00', checkNumber: '1', routingNumber: null })], noChecks)).toBe(
      'tenders.0: Portland Water Bureau does not take checks here (Portland Water Bureau Account Management Policy)',
    );
    expect(tenderRuleError([tender({ kind: 'money_order', amount: '1.00', serial: 'ABCD' })], noChecks)).toBe(
      'tenders.0: Portland Water Bureau does not take money orders here (Portland Water Bureau Account Management Policy)',
    );
    expect(tenderRuleError([card('Visa')], noChecks)).toBe('tenders.0: Portland Water Bureau does not take cards here (Portland Water Bureau Account Management Policy)');
  });
});

describe('paymentRuleError: the split rules, as central judges them', () => {
  it('change comes only from cash: a card over the total cannot give change', () => {
    const p = samplePayment({ tenders: [{ kind: 'card', amount: '200.00', brand: 'Visa', last4: '1111', approvalCode: 'A1' }] });
    expect(paymentRuleError(p, pwb)).toBe('change: change comes only from cash and cannot exceed the cash tendered');
  });

  it('change may be all of the cash, not a cent more', () => {
    const tenders = (card: string) => [
      { kind: 'cash', bills: '20.00', coins: '0.00' },
      { kind: 'card', amount: card, brand: 'Visa', last4: '1111', approvalCode: 'A1' },
    ];
    expect(paymentRuleError(samplePayment({ tenders: tenders('182.40'), tendered: '202.40', change: '20.00' }), pwb)).toBeNull();
    expect(paymentRuleError(samplePayment({ tenders: tenders('182.41'), tendered: '202.41', change: '20.01' }), pwb)).toBe(
      'change: change comes only from cash and cannot exceed the cash tendered',
    );
  });

  it('an account appears once per payment', () => {
    const p = samplePayment({
      lines: [
        { accountNumber: '1000000001', amount: '100.00' },
        { accountNumber: '1000000001', amount: '82.40' },
      ],
    });
    expect(paymentRuleError(p, pwb)).toBe('lines: each account appears once per payment');
  });

  it('a card brand the profile does not take is refused by central too', () => {
    const p = splitPayment({ tenders: [{ kind: 'cash', bills: '192.40', coins: '0.00' }, { kind: 'card', amount: '100.00', brand: 'American Express', last4: '0005', approvalCode: 'A1' }] });
    expect(paymentRuleError(p, pwb)).toBe('tenders.1.brand: Portland Water Bureau takes Visa and Mastercard only (Portland Water Bureau Account Management Policy)');
    const lines = [
      { accountNumber: '123456789012', amount: '182.40' },
      { accountNumber: '123456789013', amount: '100.00' },
    ];
    expect(paymentRuleError(samplePayment({ ...p, utility: 'portsmouth', lines }), portsmouth)).toBeNull();
  });
});

describe('a payment whose sums no payment can reach (cases the fuzz found)', () => {
  it.each([
    ['total', '999999999999.99', 'total: must be at most 1999999999.80 (20 amounts of 99999999.99)'],
    ['tendered', '999999999999.99', 'tendered: must be at most 3999999999.60 (40 amounts of 99999999.99)'],
    ['change', '4000000000.00', 'change: must be at most 3999999999.60 (40 amounts of 99999999.99)'],
  ])('refuses %s %s, naming it', (field, value, message) => {
    const r = paymentSchema.safeParse(samplePayment({ [field]: value }));
    expect(r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([message]);
  });

  it('accepts the largest sums twenty lines and tenders can make', () => {
    expect(paymentSchema.safeParse(samplePayment({ total: '1999999999.80', tendered: '3999999999.60', change: '1999999999.80' })).success).toBe(true);
  });
});

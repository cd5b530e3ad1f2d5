import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { judgeCash } from '../../../../shared/payments/cash';
import { canonicalPayment, paymentRuleError, paymentSchema, type Payment } from '../../../../shared/payments/payment';
import { portlandWaterBureau } from '../../../../shared/profiles';
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
    [{ tenders: [{ kind: 'card', amount: '200.00' }] }, 'tenders.0.kind'],
    [{ lines: [] }, 'lines'],
    [{ tenders: [] }, 'tenders'],
    [{ lines: [{ accountNumber: '1000-000001', amount: '182.40' }] }, 'lines.0.accountNumber'],
    [{ takenAt: '2025-03-14 10:05' }, 'takenAt'],
    [{ cashier: '' }, 'cashier'],
  ])('refuses %j at %s', (override, path) => {
    expect(issuePaths(samplePayment(override))).toEqual([path]);
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
    expect(Object.keys(q)[0]).toBe('change');
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
        fc.integer({ min: 0, max: 1_000_000 }),
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

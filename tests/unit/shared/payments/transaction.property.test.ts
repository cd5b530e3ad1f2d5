/**
 * Property tests for a whole transaction (issue 3): any valid split balances to the cent, and no validator
 * throws on, or accepts, an invalid value. The oracles here are written without the code under test.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Account } from '../../../../shared/accounts/account';
import { moneyStringSchema, parseMoneyInput } from '../../../../shared/money/money';
import { containsCardNumber } from '../../../../shared/payments/card-guard';
import { paymentRuleError, paymentSchema } from '../../../../shared/payments/payment';
import { routingNumberProblem } from '../../../../shared/payments/routing-number';
import { judgeTransaction, type TenderDraft, type TransactionDraft } from '../../../../shared/payments/transaction';
import { clackamasWes, portlandWaterBureau, portsmouth } from '../../../../shared/profiles';
import type { UtilityProfile } from '../../../../shared/profiles/schema';
import { PWB, accountOf, cardDraft, centsToString, checkDraft, draftOf, line, moneyOrderDraft, pwbAccounts, samplePayment, stringToCents } from '../fixtures';

const MONEY = /^\d+\.\d{2}$/;
const digits = (min: number, max = min) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });

/** Cents typed the way a cashier might: "182.40", "$182.40", "182.4", "182" for whole dollars. */
function typed(cents: bigint, style: number): string {
  const s = centsToString(cents);
  if (style === 1) return `$${s}`;
  if (style === 2) return s.replace(/0$/, '').replace(/\.0?$/, '');
  return s;
}

/** Every MoneyString of a judged transaction. */
function amountsOf(v: { lines: Array<{ amount: string }>; tenders: Array<Record<string, unknown>>; total: string; tendered: string; change: string; credits: Array<{ amount: string }> }): string[] {
  const fromTenders = v.tenders.flatMap((t) => (t.kind === 'cash' ? [t.bills, t.coins] : [t.amount])) as string[];
  return [...v.lines.map((l) => l.amount), ...fromTenders, v.total, v.tendered, v.change, ...v.credits.map((c) => c.amount)];
}

describe('any valid split balances to the cent (property)', () => {
  const profiles: UtilityProfile[] = [portlandWaterBureau, clackamasWes, portsmouth];
  const statuses = ['current', 'past_due', 'shut_off', 'final_billed', 'certified'] as const;

  const split = fc
    .constantFrom(...profiles)
    .chain((profile) =>
      fc.record({
        profile: fc.constant(profile),
        numbers: fc.uniqueArray(digits(profile.accountNumber.digits), { minLength: 1, maxLength: 3 }),
        lineCents: fc.array(fc.integer({ min: 1, max: 10_000_000 }), { minLength: 3, maxLength: 3 }),
        balances: fc.array(fc.integer({ min: -50_000, max: 20_000_000 }), { minLength: 3, maxLength: 3 }),
        statuses: fc.array(fc.constantFrom(...statuses), { minLength: 3, maxLength: 3 }),
        others: fc.array(
          fc.record({
            kind: fc.constantFrom('check', 'money_order', 'card'),
            cents: fc.integer({ min: 1, max: 5_000_000 }),
            brand: fc.constantFrom(...profile.tenders.card.brands),
          }),
          { maxLength: 4 },
        ),
        // Change within the $100.00 the counter gives back.
        extraCents: fc.integer({ min: 0, max: 10_000 }),
        coinCents: fc.integer({ min: 0, max: 100_000 }),
        style: fc.integer({ min: 0, max: 2 }),
      }),
    );

  it('judgeTransaction accepts it; tenders − change = total; change ≤ cash; every amount has two decimals; central agrees', () => {
    fc.assert(
      fc.property(split, ({ profile, numbers, lineCents, balances, statuses: st, others, extraCents, coinCents, style }) => {
        const lines = numbers.map((n, i) => ({ number: n, cents: BigInt(lineCents[i] ?? 1) }));
        const nonCash = others.reduce((s, o) => s + BigInt(o.cents), 0n);
        let total = lines.reduce((s, l) => s + l.cents, 0n);
        // Non-cash never exceeds the total: the first account takes what is over.
        if (nonCash > total) {
          (lines[0] as { cents: bigint }).cents += nonCash - total;
          total = nonCash;
        }
        const cash = total - nonCash + BigInt(extraCents);
        const limit = profile.tenders.cash.coinLimit === null ? 100_000n : stringToCents(profile.tenders.cash.coinLimit);
        const coins = [BigInt(coinCents), limit, cash].reduce((a, b) => (a < b ? a : b));
        const bills = cash - coins;

        const accounts: Record<string, Account> = {};
        lines.forEach((l, i) => {
          accounts[l.number] = accountOf(profile.id, l.number, centsToString(balances[i] ?? 0), { status: st[i] ?? 'current' });
        });
        const tenders: TenderDraft[] = others.map((o, i) =>
          o.kind === 'check'
            ? checkDraft(typed(BigInt(o.cents), style), { checkNumber: String(1000 + i), routingNumber: i % 2 ? '021000021' : '' })
            : o.kind === 'money_order'
              ? moneyOrderDraft(typed(BigInt(o.cents), style), { serial: `MO-${i}0000` })
              : cardDraft(typed(BigInt(o.cents), style), { brand: o.brand, last4: '0005', approvalCode: `AP${i}` }),
        );
        const draft = draftOf({
          lines: lines.map((l) => line(l.number, typed(l.cents, style))),
          bills: bills === 0n ? '' : typed(bills, style),
          coins: coins === 0n ? '' : typed(coins, style),
          tenders,
          confirmCredit: true,
          confirmCertified: true,
          // Named only where the total is over the window limit: the judge keeps it then, and only then.
          approver: 'supervisor1',
        });

        const r = judgeTransaction(draft, profile, accounts);
        if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.errors)}`);
        const v = r.value;

        for (const a of amountsOf(v)) expect(a).toMatch(MONEY);
        expect(stringToCents(v.total)).toBe(total);
        expect(v.lines.map((l) => stringToCents(l.amount))).toEqual(lines.map((l) => l.cents));
        const tenderedCents = v.tenders.reduce((s, t) => s + (t.kind === 'cash' ? stringToCents(t.bills) + stringToCents(t.coins) : stringToCents(t.amount)), 0n);
        const cashCents = v.tenders.reduce((s, t) => s + (t.kind === 'cash' ? stringToCents(t.bills) + stringToCents(t.coins) : 0n), 0n);
        expect(stringToCents(v.tendered)).toBe(tenderedCents);
        expect(tenderedCents - stringToCents(v.change)).toBe(total);
        expect(stringToCents(v.change)).toBe(BigInt(extraCents));
        expect(stringToCents(v.change)).toBeLessThanOrEqual(cashCents);
        expect(cashCents).toBe(cash);
        expect(v.tenders.filter((t) => t.kind !== 'cash')).toHaveLength(others.length);

        // Credits: what each line pays over what its account owes, to the cent.
        const expectedCredits = lines
          .map((l, i) => ({ accountNumber: l.number, over: l.cents - ((balances[i] ?? 0) > 0 ? BigInt(balances[i] ?? 0) : 0n) }))
          .filter((c) => c.over > 0n)
          .map((c) => ({ accountNumber: c.accountNumber, amount: centsToString(c.over) }));
        expect(v.credits).toEqual(expectedCredits);

        // What the counter accepts, central accepts: the same rules on both sides.
        expect(v.approver).toBe(total > 1_000_000n ? 'supervisor1' : null);
        const payment = paymentSchema.parse({
          ...samplePayment(),
          utility: profile.id,
          lines: v.lines,
          tenders: v.tenders,
          total: v.total,
          tendered: v.tendered,
          change: v.change,
          memo: v.memo,
          ...(v.approver ? { approvedBy: v.approver } : {}),
        });
        expect(paymentRuleError(payment, profile)).toBeNull();
      }),
      { numRuns: 400 },
    );
  });
});

/* ------------------------------------------------------------------------------------------------------------
 * No validator throws, and none accepts an invalid value.
 * ---------------------------------------------------------------------------------------------------------- */

/** What a cashier may type, read without the code under test: the amount in cents, or null. */
function typedAmountCents(raw: string): bigint | null {
  let s = raw.trim();
  if (s.startsWith('$')) s = s.slice(1);
  const ascii = /^[0-9]*(\.[0-9]*)?$/;
  if (!ascii.test(s)) return null;
  const [whole = '', frac = ''] = s.split('.');
  if (whole === '' && frac === '') return null;
  if (whole.length > 12 || frac.length > 2) return null;
  if (!s.includes('.') && whole === '') return null;
  const cents = BigInt(whole === '' ? '0' : whole) * 100n + BigInt(frac.padEnd(2, '0'));
  // One amount is at most $99,999,999.99 (the MICR amount field's limit).
  return cents > 9_999_999_999n ? null : cents;
}

/** The ABA rule, written out. */
function routingOk(r: string): boolean {
  if (!/^[0-9]{9}$/.test(r)) return false;
  const p = Number(r.slice(0, 2));
  if (!(p <= 12 || (p >= 21 && p <= 32) || (p >= 61 && p <= 72) || p === 80)) return false;
  const w = [3, 7, 1, 3, 7, 1, 3, 7, 1];
  return [...r].reduce((s, d, i) => s + Number(d) * (w[i] ?? 0), 0) % 10 === 0;
}

const CRAFTED = [
  '١٢٣', // Arabic-Indic
  '١٢٣.٤٥',
  '۱۲۳', // Extended Arabic-Indic
  '१२३', // Devanagari
  '１２３', // full-width
  '１２.００',
  '𝟏𝟐𝟑', // mathematical bold
  '²', '½', 'Ⅻ',
  '1e3', '1E3', '1e-2', '0x10', '0b101', '0o7', '1_000',
  '1,000.00', '1,000', '12,50', '1.000,00',
  ' 12', '12 ', '\t12\n', '\u00a012', '12\u200b', '\u200b12', '1 2',
  '12.345', '0.001', '12.3.4', '12.', '.5', '.', '..5',
  '-5', '-0', '-0.00', '+5', '−5', '(5.00)', '5-',
  '$', '$$5', '5$', '$ 5', 'US$5', '€5', '5 USD',
  'NaN', 'Infinity', '-Infinity', 'null', 'undefined', 'true', '[]', '{}',
  '', ' ', '0', '0.00', '00', '000000000000.00', '999999999999.99', '1000000000000', '9999999999999.99',
  '4111111111111111', '4111 1111 1111 1111', '4111-1111-1111-1111', '4111111111111112',
  '021000021', '021000022', '1000000001', '1234567890-12', '1234',
  '\u0000', '\ud800', 'a\u0301', '👍', '<script>',
];

const anyText = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 3, arbitrary: fc.constantFrom(...CRAFTED) },
  { weight: 3, arbitrary: fc.array(fc.constantFrom(...CRAFTED, '1', '0', '.', '$', ' ', '-', '9'), { maxLength: 5 }).map((xs) => xs.join('')) },
  { weight: 2, arbitrary: fc.string({ unit: fc.constantFrom(...'0123456789.$ -,e'), maxLength: 20 }) },
);

/** A good PWB draft with every tender: 100.00 check + 50.00 money order + 32.40 card + 20 in bills. */
function base(): TransactionDraft {
  return draftOf({
    lines: [line(PWB.current.number, '182.40')],
    bills: '20',
    coins: '',
    tenders: [checkDraft('100.00', { routingNumber: '021000021' }), moneyOrderDraft('50.00'), cardDraft('32.40')],
  });
}
type Put = (d: TransactionDraft, v: string) => void;
const AMOUNT_FIELDS: Array<[string, Put, boolean]> = [
  ['lines.0.amount', (d, v) => ((d.lines[0] as { amount: string }).amount = v), false],
  ['bills', (d, v) => (d.bills = v), true],
  ['coins', (d, v) => (d.coins = v), true],
  ['tenders.0.amount', (d, v) => ((d.tenders[0] as TenderDraft).amount = v), false],
  ['tenders.1.amount', (d, v) => ((d.tenders[1] as TenderDraft).amount = v), false],
  ['tenders.2.amount', (d, v) => ((d.tenders[2] as TenderDraft).amount = v), false],
];
const TEXT_FIELDS: Array<[string, Put, RegExp | null]> = [
  ['tenders.0.checkNumber', (d, v) => ((d.tenders[0] as Extract<TenderDraft, { kind: 'check' }>).checkNumber = v), /^[0-9]{1,10}$/],
  ['tenders.0.routingNumber', (d, v) => ((d.tenders[0] as Extract<TenderDraft, { kind: 'check' }>).routingNumber = v), null],
  ['tenders.1.serial', (d, v) => ((d.tenders[1] as Extract<TenderDraft, { kind: 'money_order' }>).serial = v), /^[A-Za-z0-9-]{4,20}$/],
  ['tenders.2.brand', (d, v) => ((d.tenders[2] as Extract<TenderDraft, { kind: 'card' }>).brand = v), /^(Visa|Mastercard)$/],
  ['tenders.2.last4', (d, v) => ((d.tenders[2] as Extract<TenderDraft, { kind: 'card' }>).last4 = v), /^[0-9]{4}$/],
  ['tenders.2.approvalCode', (d, v) => ((d.tenders[2] as Extract<TenderDraft, { kind: 'card' }>).approvalCode = v), /^[A-Za-z0-9]{2,12}$/],
  ['memo', (d, v) => (d.memo = v), null],
];

/** A bare assertion for hot loops (expect() costs more than the code it checks here). */
function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(what);
}

describe('no validator throws or accepts an invalid value (property, thousands of inputs)', () => {
  it('the crafted inputs are judged as the oracle says', () => {
    for (const s of CRAFTED) {
      const r = parseMoneyInput(s);
      const cents = typedAmountCents(s);
      expect(r.ok, JSON.stringify(s)).toBe(cents !== null);
      if (r.ok && cents !== null) expect(r.value).toBe(centsToString(cents));
    }
    for (const s of ['١٢٣', '１２３', '1e3', '1,000.00', '12.345', '-5', ' 12']) expect(moneyStringSchema.safeParse(s).success, s).toBe(false);
    for (const s of ['١٢٣', '１２３', '1e3', '1,000.00', '12.345', '-5']) expect(parseMoneyInput(s).ok, s).toBe(false);
  });

  it('parseMoneyInput and moneyStringSchema', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const r = parseMoneyInput(s);
        const cents = typedAmountCents(s);
        if (r.ok) {
          expect(cents, JSON.stringify(s)).not.toBeNull();
          expect(r.value).toBe(centsToString(cents ?? -1n));
        } else {
          expect(cents, JSON.stringify(s)).toBeNull();
          expect(r.message.length).toBeGreaterThan(0);
        }
        const wire = moneyStringSchema.safeParse(s);
        // The wire form is canonical: ASCII digits, two decimals, no leading zero, at most 12 digits of dollars.
        const canonical = /^[0-9]+\.[0-9]{2}$/.test(s) && centsToString(stringToCents(s)) === s && s.length <= 15;
        expect(wire.success, JSON.stringify(s)).toBe(canonical);
      }),
      { numRuns: 3000 },
    );
  });

  it('routingNumberProblem and containsCardNumber', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, digits(9), digits(13, 19)), (s) => {
        const problem = routingNumberProblem(s);
        expect(problem === null, JSON.stringify(s)).toBe(routingOk(s));
        if (problem !== null) expect(problem.length).toBeGreaterThan(0);
        const card = containsCardNumber(s);
        expect(typeof card).toBe('boolean');
        if (card) expect((s.match(/[0-9]/g) ?? []).length).toBeGreaterThanOrEqual(13);
      }),
      { numRuns: 3000 },
    );
  });

  it('judgeTransaction, with the input in any field of a draft', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        for (const [path, put, emptyIsZero] of AMOUNT_FIELDS) {
          const d = base();
          put(d, s);
          const r = judgeTransaction(d, portlandWaterBureau, pwbAccounts);
          const at = `${path} ${JSON.stringify(s)}`;
          const cents = emptyIsZero && s.trim() === '' ? 0n : typedAmountCents(s);
          if (cents === null) check(!r.ok, `accepted an invalid amount: ${at}`);
          if (!r.ok) {
            check(r.errors.length > 0 && r.errors.every((e) => e.message.length > 0 && e.path.length > 0), `a refusal without a message: ${at}`);
            continue;
          }
          check(amountsOf(r.value).every((a) => MONEY.test(a)), `an amount without two decimals: ${at}`);
          check(stringToCents(r.value.tendered) - stringToCents(r.value.change) === stringToCents(r.value.total), `tenders − change ≠ total: ${at}`);
        }
        for (const [path, put, pattern] of TEXT_FIELDS) {
          const d = base();
          put(d, s);
          const r = judgeTransaction(d, portlandWaterBureau, pwbAccounts);
          const at = `${path} ${JSON.stringify(s)}`;
          if (containsCardNumber(s)) check(!r.ok, `accepted a card number: ${at}`);
          if (!r.ok) continue;
          const kept = s.trim();
          if (pattern) check(pattern.test(kept), `accepted ${at} against ${String(pattern)}`);
          if (path === 'tenders.0.routingNumber' && kept !== '') check(routingOk(kept), `accepted a bad routing number: ${at}`);
          // Whatever the counter accepts, the wire schema accepts too.
          const v = r.value;
          const wire = paymentSchema.safeParse({ ...samplePayment(), lines: v.lines, tenders: v.tenders, total: v.total, tendered: v.tendered, change: v.change, memo: v.memo });
          check(wire.success, `the wire refuses what the counter took: ${at}: ${wire.error?.message ?? ''}`);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCounts, cashCountSchema, countValue, DENOMINATIONS, judgeCount } from '../../../../shared/drawer/denominations';
import { toMoneyString } from '../../../../shared/money/money';
import { CLOSE_COUNT, FLOAT_COUNT } from './shift';

describe('denominations', () => {
  it('are $100 to $1 bills, coin rolls and loose coin, each with a visible label', () => {
    expect(DENOMINATIONS.filter((d) => d.group === 'bill').map((d) => d.value)).toEqual(['100.00', '50.00', '20.00', '10.00', '5.00', '2.00', '1.00']);
    expect(DENOMINATIONS.filter((d) => d.group === 'roll').map((d) => d.value)).toEqual(['10.00', '5.00', '2.00', '0.50']);
    expect(DENOMINATIONS.filter((d) => d.group === 'coin').map((d) => d.value)).toEqual(['1.00', '0.50', '0.25', '0.10', '0.05', '0.01']);
    expect(new Set(DENOMINATIONS.map((d) => d.label)).size).toBe(DENOMINATIONS.length);
  });
});

describe('judgeCount: counting a drawer', () => {
  it('values a count to the cent, from typed strings or stored numbers', () => {
    const typed = judgeCount({ bill_20: '4', bill_10: '3', bill_5: '4', bill_1: '15', coin_25: '12', coin_10: '10', coin_5: '10', coin_1: '50', bill_100: '' });
    expect(typed).toEqual({ ok: true, count: FLOAT_COUNT, total: '150.00' });
    expect(judgeCount(CLOSE_COUNT)).toMatchObject({ ok: true, total: '162.45' });
    expect(judgeCount({ roll_25: 2, roll_10: 1, roll_5: 1, roll_1: 3, coin_50: 1, coin_100: 2 })).toMatchObject({ ok: true, total: '31.00' });
    expect(judgeCount({})).toEqual({ ok: true, count: {}, total: '0.00' });
  });

  it('leaves zero counts out and keeps the counting order', () => {
    const r = judgeCount({ coin_1: '3', bill_20: '0', bill_100: '1' });
    expect(r.ok && Object.keys(r.count)).toEqual(['bill_100', 'coin_1']);
  });

  it('refuses negative counts, naming the field', () => {
    expect(judgeCount({ bill_20: '-1' })).toEqual({ ok: false, errors: [{ field: 'bill_20', message: '$20 bills: a count cannot be negative; enter how many bills, 0 or more' }] });
    expect(judgeCount({ roll_25: -2 })).toEqual({ ok: false, errors: [{ field: 'roll_25', message: 'Quarter rolls ($10.00): a count cannot be negative; enter how many rolls, 0 or more' }] });
  });

  it('refuses fractional counts, naming the field', () => {
    expect(judgeCount({ bill_5: '1.5' })).toEqual({ ok: false, errors: [{ field: 'bill_5', message: '$5 bills: count whole bills; a count has no fractions' }] });
    expect(judgeCount({ coin_25: 2.5 })).toEqual({ ok: false, errors: [{ field: 'coin_25', message: 'Quarters, loose: count whole coins; a count has no fractions' }] });
  });

  it('refuses a denomination that does not exist, naming it', () => {
    const r = judgeCount({ bill_3: '2', bill_20: '1' });
    expect(r).toEqual({ ok: false, errors: [{ field: 'bill_3', message: 'bill_3: there is no such denomination; count $100 to $1 bills, coin rolls and loose coin only' }] });
  });

  it('refuses letters, exponents and absurd counts', () => {
    for (const bad of ['2O', '1e3', ' 3 4', '$5']) expect(judgeCount({ bill_1: bad }).ok).toBe(false);
    expect(judgeCount({ bill_1: 100_001 })).toMatchObject({ ok: false, errors: [{ message: '$1 bills: at most 100,000 bills; check the count' }] });
    expect(judgeCount({ bill_1: Number.NaN }).ok).toBe(false);
    expect(judgeCount({ bill_1: null }).ok).toBe(false);
  });

  it('reports every bad field at once', () => {
    const r = judgeCount({ bill_20: '-1', bill_10: '0.5', bill_7: '1' });
    expect(r.ok ? [] : r.errors.map((e) => e.field)).toEqual(['bill_20', 'bill_10', 'bill_7']);
  });

  it('the value is Σ pieces × value in whole cents, whatever the count (property)', () => {
    const cents: Record<string, number> = Object.fromEntries(DENOMINATIONS.map((d) => [d.id, Math.round(Number(d.value) * 100)]));
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...DENOMINATIONS.map((d) => d.id)), fc.integer({ min: 0, max: 100_000 })), (count) => {
        const expected = Object.entries(count).reduce((a, [id, n]) => a + BigInt(cents[id]!) * BigInt(n), 0n);
        const r = judgeCount(count);
        expect(r.ok && r.total).toBe(toMoneyString(countValue(count)));
        expect(toMoneyString(countValue(count))).toBe(`${expected / 100n}.${(expected % 100n).toString().padStart(2, '0')}`);
      }),
    );
  });
});

describe('cashCountSchema: the wire form', () => {
  it('parses a count and refuses bad ones with the field as the path', () => {
    expect(cashCountSchema.parse({ bill_20: 2 })).toEqual({ bill_20: 2 });
    const r = cashCountSchema.safeParse({ bill_20: -2, bill_9: 1 });
    expect(r.success ? [] : r.error.issues.map((i) => i.path.join('.'))).toEqual(['bill_20', 'bill_9']);
  });

  it('adds counts denomination by denomination', () => {
    expect(addCounts({ bill_20: 2, coin_1: 3 }, { bill_20: 1, bill_5: 1 })).toEqual({ bill_20: 3, bill_5: 1, coin_1: 3 });
  });
});

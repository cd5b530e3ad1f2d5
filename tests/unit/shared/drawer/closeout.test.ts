import { describe, expect, it } from 'vitest';
import {
  beyondThreshold,
  cashLevel,
  closeoutRuleError,
  closeoutSchema,
  describeOverShort,
  expectedTotals,
  floatProblem,
  judgeCloseForm,
  overShort,
  type Closeout,
  type Counted,
} from '../../../../shared/drawer/closeout';
import type { MoneyString } from '../../../../shared/money/money';
import { portlandWaterBureau } from '../../../../shared/profiles';
import { CLOSE_COUNT, DRAWER, DROP_COUNT, FLOAT_COUNT, fixedId, P1, SHIFT, shiftCloseout } from './shift';

const m = (s: string) => s as MoneyString;

describe('expected totals', () => {
  it('the shift: float + cash taken − change given − drops, to the cent, voided payment left out', () => {
    const e = expectedTotals(m('150.00'), SHIFT, [m('100.00')]);
    expect(e).toMatchObject({
      float: '150.00',
      cashTaken: '120.00',
      changeGiven: '7.30',
      drops: '100.00',
      cash: '162.70',
      checks: { count: 2, total: '396.15' },
      moneyOrders: { count: 1, total: '58.00' },
      card: { count: 1, total: '250.00' },
      payments: { count: 4, total: '816.85' },
      voids: { count: 1, total: '182.40' },
    });
    expect(e.checkItems.map((c) => [c.checkNumber, c.amount])).toEqual([
      ['1042', '96.15'],
      ['2201', '300.00'],
    ]);
    expect(e.voidItems).toEqual([{ voidId: fixedId(6), paymentId: P1.id, total: '182.40', approvedBy: 'supervisor1', reason: 'Wrong account keyed' }]);
  });

  it('catches forgetting the change: $182.40 paid with $200.00 puts $182.40 in the drawer, not $200.00', () => {
    const e = expectedTotals(m('150.00'), [{ payment: P1, voidedBy: null }], []);
    expect(e.cashTaken).toBe('200.00');
    expect(e.changeGiven).toBe('17.60');
    expect(e.cash).toBe('332.40');
    const counted = (cashTotal: string): Counted => ({ cash: {}, cashTotal: m(cashTotal), checks: { count: 0, total: m('0.00') }, moneyOrders: { count: 0, total: m('0.00') }, card: { total: m('0.00') } });
    // The drawer really holds 150.00 + 182.40: even.
    expect(overShort(e, counted('332.40')).cash).toBe('0.00');
    // A total that forgot the change (150 + 200) would show the honest drawer $17.60 short.
    expect(describeOverShort(overShort({ ...e, cash: m('350.00') }, counted('332.40')).cash)).toBe('$17.60 short');
  });

  it('an empty shift expects the float', () => {
    expect(expectedTotals(m('150.00'), [], []).cash).toBe('150.00');
  });
});

describe('over/short per tender', () => {
  const e = expectedTotals(m('150.00'), SHIFT, [m('100.00')]);
  const counted: Counted = { cash: CLOSE_COUNT, cashTotal: m('162.45'), checks: { count: 2, total: m('396.15') }, moneyOrders: { count: 1, total: m('58.00') }, card: { total: m('250.00') } };

  it('the shift closes $0.25 short in cash, even in everything else', () => {
    expect(overShort(e, counted)).toEqual({ cash: '-0.25', checks: '0.00', moneyOrders: '0.00', card: '0.00', total: '-0.25' });
    expect(describeOverShort(m('-0.25'))).toBe('$0.25 short');
    expect(describeOverShort(m('1.00'))).toBe('$1.00 over');
    expect(describeOverShort(m('0.00'))).toBe('even');
  });

  it('each tender on its own: a card batch over and a check short do not cancel out', () => {
    const os = overShort(e, { ...counted, cashTotal: m('162.70'), checks: { count: 2, total: m('386.15') }, card: { total: m('260.00') } });
    expect(os).toEqual({ cash: '0.00', checks: '-10.00', moneyOrders: '0.00', card: '10.00', total: '0.00' });
    expect(beyondThreshold(os, m('5.00'))).toEqual(['checks', 'card']);
  });

  it('thresholds: exactly at the threshold is not beyond it; a cent more is', () => {
    const at = overShort(e, { ...counted, cashTotal: m('157.70') });
    expect(at.cash).toBe('-5.00');
    expect(beyondThreshold(at, m('5.00'))).toEqual([]);
    const past = overShort(e, { ...counted, cashTotal: m('167.71') });
    expect(beyondThreshold(past, m('5.00'))).toEqual(['cash']);
    expect(beyondThreshold(overShort(e, counted), m('0.00'))).toEqual(['cash']);
  });

  it('beyond the threshold the supervisor must write a note', () => {
    const settings = { overShortThreshold: m('5.00') };
    const os = overShort(e, { ...counted, cashTotal: m('152.70') });
    expect(closeoutRuleError({ overShort: os, note: '' }, settings)).toBe('Note: cash $10.00 short is beyond the $5.00 threshold; the supervisor must write what was found');
    expect(closeoutRuleError({ overShort: os, note: 'Recounted twice; $10 bill missing, reported' }, settings)).toBeNull();
    expect(closeoutRuleError({ overShort: overShort(e, counted), note: '' }, settings)).toBeNull();
  });
});

describe('the blind count form', () => {
  const form = { cash: { bill_20: '4', bill_10: '3', bill_5: '6', bill_1: '19', coin_25: '9', coin_10: '10', coin_1: '20' }, checksCount: '2', checksTotal: '396.15', moneyOrdersCount: '1', moneyOrdersTotal: '58.00', cardTotal: '250' };

  it('reads the counts and totals', () => {
    expect(judgeCloseForm(form)).toEqual({
      ok: true,
      value: { cash: CLOSE_COUNT, cashTotal: '162.45', checks: { count: 2, total: '396.15' }, moneyOrders: { count: 1, total: '58.00' }, card: { total: '250.00' } },
    });
  });

  it('refuses bad counts and amounts, each naming its field', () => {
    const r = judgeCloseForm({ ...form, cash: { ...form.cash, bill_20: '-4', bill_10: '2.5' }, checksCount: '-1', checksTotal: '12.345', cardTotal: '-3', moneyOrdersCount: '0' });
    expect(r.ok ? [] : r.errors.map((e) => e.message)).toEqual([
      '$20 bills: a count cannot be negative; enter how many bills, 0 or more',
      '$10 bills: count whole bills; a count has no fractions',
      'Number of checks: cannot be negative; enter how many, 0 or more',
      'Checks total: use at most two decimals (dollars and cents)',
      'Card batch total: cannot be negative; enter the total, 0.00 or more',
      'Number of money orders: a total of $58.00 needs how many items make it',
    ]);
  });
});

describe('cash limits', () => {
  const settings = portlandWaterBureau.drawer;
  it('warns above the warning amount and takes no more cash at the maximum', () => {
    expect(settings).toMatchObject({ cashWarnAt: '1000.00', cashMaxAt: '2000.00' });
    expect(cashLevel(m('1000.00'), settings)).toEqual({ level: 'ok' });
    expect(cashLevel(m('1000.01'), settings)).toMatchObject({ level: 'warn', message: 'Cash limit: the drawer is above $1,000.00; call for a drop to the safe (F10)' });
    expect(cashLevel(m('1999.99'), settings).level).toBe('warn');
    expect(cashLevel(m('2000.00'), settings)).toMatchObject({ level: 'block', message: expect.stringContaining('at its $2,000.00 maximum; no more cash until a drop to the safe is recorded') });
    // What the drawer holds is never said to the cashier: the close is blind.
    expect(JSON.stringify(cashLevel(m('2345.67'), settings))).not.toContain('2,345.67');
  });
});

describe('the float', () => {
  it('is checked against the expected float', () => {
    expect(floatProblem(m('150.00'), m('150.00'))).toBeNull();
    expect(floatProblem(m('149.75'), m('150.00'))).toBe('Float: counted $149.75, but a drawer opens with $150.00 ($0.25 short); recount, or write why in the note');
  });
});

describe('a close-out record', () => {
  function closeout(): Closeout {
    const expected = expectedTotals(m('150.00'), SHIFT, [m('100.00')]);
    const counted: Counted = { cash: CLOSE_COUNT, cashTotal: m('162.45'), checks: { count: 2, total: m('396.15') }, moneyOrders: { count: 1, total: m('58.00') }, card: { total: m('250.00') } };
    return {
      id: DRAWER,
      utility: 'pwb',
      stationId: 'station-1',
      cashier: 'cashier1',
      openedAt: '2026-11-22T16:00:00.000Z',
      openedBy: 'supervisor1',
      floatCount: FLOAT_COUNT,
      countedAt: '2026-11-23T00:00:00.000Z',
      signedOffAt: '2026-11-23T00:05:00.000Z',
      signedOffBy: 'supervisor1',
      note: '',
      drops: [{ id: fixedId(7), at: '2026-11-22T20:00:00.000Z', cashier: 'cashier1', witness: 'supervisor1', count: DROP_COUNT, amount: m('100.00') }],
      expected,
      counted,
      overShort: overShort(expected, counted),
    };
  }

  it('parses when every figure adds up', () => {
    expect(closeoutSchema.parse(closeout())).toEqual(closeout());
  });

  it('refuses a figure that does not add up, naming it', () => {
    const issue = (c: unknown) => {
      const r = closeoutSchema.safeParse(c);
      return r.success ? null : `${r.error.issues[0]?.path.join('.')}: ${r.error.issues[0]?.message}`;
    };
    const c = closeout();
    expect(issue({ ...c, expected: { ...c.expected, cash: '180.30' } })).toBe('expected.cash: must be float + cash taken − change given − drops (162.70)');
    expect(issue({ ...c, overShort: { ...c.overShort, cash: '0.00' } })).toBe('overShort.cash: must be counted − expected (-0.25)');
    expect(issue({ ...c, counted: { ...c.counted, cashTotal: '162.70' } })).toBe('counted.cashTotal: must be the value of the cash count (162.45)');
    expect(issue({ ...c, signedOffBy: 'cashier1' })).toBe('signedOffBy: a cashier cannot sign off their own drawer');
    expect(issue({ ...c, floatCount: { bill_20: 1.5 } })).toBe('floatCount.bill_20: $20 bills: count whole bills; a count has no fractions');
  });
});

describe('a close-out with a malformed figure (cases the fuzz found)', () => {
  it.each(['1e3', '0b1', '１５０.００', '111111111111111111111'])('refuses expected.float %j, naming it, without throwing', (float) => {
    const c = shiftCloseout();
    const r = closeoutSchema.safeParse({ ...c, expected: { ...c.expected, float } });
    expect(r.success ? [] : r.error.issues.map((i) => i.path.join('.'))).toEqual(['expected.float']);
  });
});

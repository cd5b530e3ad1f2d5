import { describe, expect, it } from 'vitest';
import { businessDate, depositFigures, depositSchema, drawerCashReceipts, judgeDepositCash, type Deposit } from '../../../../shared/drawer/deposit';
import type { MoneyString } from '../../../../shared/money/money';
import { BAG_COUNT, DRAWER, fixedId, P2, P3, P5, shiftCloseout } from './shift';

const m = (s: string) => s as MoneyString;

function deposit(): Deposit {
  const f = depositFigures([shiftCloseout()]);
  return {
    id: fixedId(8),
    utility: 'pwb',
    stationId: 'station-1',
    businessDate: '2026-11-22',
    preparedAt: '2026-11-23T00:10:00.000Z',
    preparedBy: 'supervisor1',
    bagNumber: 'BAG-000123',
    drawers: f.drawers,
    cash: { count: BAG_COUNT, total: m('112.45') },
    items: f.items,
    checksTotal: f.checksTotal,
    moneyOrdersTotal: f.moneyOrdersTotal,
    total: m('566.60'),
  };
}

describe('the deposit', () => {
  it("a drawer deposits what was counted, plus its drops, less the float it keeps", () => {
    expect(drawerCashReceipts(shiftCloseout())).toBe('112.45');
  });

  it('lists every check and money order of the drawers, and totals them', () => {
    const f = depositFigures([shiftCloseout()]);
    expect(f.cashTarget).toBe('112.45');
    expect(f.items).toEqual([
      { kind: 'check', number: '1042', amount: '96.15', paymentId: P2.id, drawerSessionId: DRAWER },
      { kind: 'check', number: '2201', amount: '300.00', paymentId: P5.id, drawerSessionId: DRAWER },
      { kind: 'money_order', number: 'MO-55881', amount: '58.00', paymentId: P3.id, drawerSessionId: DRAWER },
    ]);
    expect([f.checksTotal, f.moneyOrdersTotal]).toEqual(['396.15', '58.00']);
  });

  it('the bag must hold the cash receipts exactly', () => {
    expect(judgeDepositCash({ bill_20: '4', bill_10: '2', bill_5: '2', bill_1: '2', coin_25: '1', coin_10: '2' }, m('112.45'))).toEqual({ ok: true, count: BAG_COUNT, total: '112.45' });
    expect(judgeDepositCash({ bill_20: '4', bill_10: '2', bill_5: '2', bill_1: '2' }, m('112.45'))).toEqual({
      ok: false,
      errors: [{ field: 'cash', message: "Bag cash: counted $112.00, but the closed drawers' cash receipts are $112.45 ($0.45 missing); recount the bag" }],
    });
    expect(judgeDepositCash({ bill_20: '-4' }, m('112.45'))).toMatchObject({ ok: false, errors: [{ field: 'bill_20' }] });
  });

  it('parses when it adds up, and names what does not', () => {
    expect(depositSchema.parse(deposit())).toEqual(deposit());
    const issue = (d: unknown) => {
      const r = depositSchema.safeParse(d);
      return r.success ? null : `${r.error.issues[0]?.path.join('.')}: ${r.error.issues[0]?.message}`;
    };
    const d = deposit();
    expect(issue({ ...d, total: '566.59' })).toBe('total: must be cash + checks + money orders');
    expect(issue({ ...d, cash: { count: BAG_COUNT, total: '112.40' } })).toBe('cash.total: must be the value of the cash count (112.45)');
    expect(issue({ ...d, cash: { count: { ...BAG_COUNT, bill_20: 5 }, total: '132.45' } })).toBe("cash.total: must be the drawers' cash receipts, $112.45");
    expect(issue({ ...d, bagNumber: 'x' })).toBe('bagNumber: Bag number: enter the number printed on the bank bag (4 to 20 letters, digits or dashes)');
    expect(issue({ ...d, drawers: [] })).toBe('drawers: a deposit needs at least one closed drawer');
    expect(issue({ ...d, checksTotal: '396.14' })).toBe('checksTotal: must be the sum of the listed checks');
  });

  it("the business date is the utility's calendar day", () => {
    expect(businessDate('2026-11-23T05:30:00.000Z', 'America/Los_Angeles')).toBe('2026-11-22');
    expect(businessDate('2026-11-23T05:30:00.000Z', 'America/New_York')).toBe('2026-11-23');
  });
});

describe('a deposit with a malformed figure (cases the fuzz found)', () => {
  it.each(['2.5e-323', '__', '299564636830237302.60'])('refuses drawers.0.cash %j, naming it, without throwing', (cash) => {
    const d = deposit();
    const r = depositSchema.safeParse({ ...d, drawers: [{ ...d.drawers[0], cash }] });
    expect(r.success ? [] : r.error.issues.map((i) => i.path.join('.'))).toEqual(['drawers.0.cash']);
  });
});

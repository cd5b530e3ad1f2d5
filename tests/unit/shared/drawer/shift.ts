/** The shift the issue describes, as data: a $150.00 float, five payments of mixed tenders, one voided, a drop. */
import type { MoneyString } from '../../../../shared/money/money';
import type { Payment, Tender } from '../../../../shared/payments/payment';
import { expectedTotals, overShort, type Closeout, type Counted, type DrawerPayment } from '../../../../shared/drawer/closeout';

const m = (s: string) => s as MoneyString;
let seq = 0;
/** Fixed, valid UUIDv7s so the figures and reports are stable. */
export function fixedId(n = ++seq): string {
  return `01936f4e-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;
}

export const DRAWER = fixedId(900);

function payment(id: string, account: string, total: string, tenders: Tender[], tendered: string, change: string): Payment {
  return {
    id,
    utility: 'pwb',
    stationId: 'station-1',
    cashier: 'cashier1',
    drawerSessionId: DRAWER,
    takenAt: '2026-11-22T17:00:00.000Z',
    lines: [{ accountNumber: account, amount: m(total) }],
    tenders,
    total: m(total),
    tendered: m(tendered),
    change: m(change),
    memo: '',
  };
}

export const P1 = payment(fixedId(1), '1000000001', '182.40', [{ kind: 'cash', bills: m('200.00'), coins: m('0.00') }], '200.00', '17.60');
export const P2 = payment(fixedId(2), '1000000002', '96.15', [{ kind: 'check', amount: m('96.15'), checkNumber: '1042', routingNumber: null }], '96.15', '0.00');
export const P3 = payment(fixedId(3), '1000000004', '58.00', [{ kind: 'money_order', amount: m('58.00'), serial: 'MO-55881' }], '58.00', '0.00');
export const P4 = payment(fixedId(4), '1000000006', '250.00', [{ kind: 'card', amount: m('250.00'), brand: 'Visa', last4: '4242', approvalCode: 'A1B2C3' }], '250.00', '0.00');
export const P5 = payment(
  fixedId(5),
  '1000000003',
  '412.70',
  [
    { kind: 'check', amount: m('300.00'), checkNumber: '2201', routingNumber: '021000021' },
    { kind: 'cash', bills: m('120.00'), coins: m('0.00') },
  ],
  '420.00',
  '7.30',
);

export const VOID_OF_P1 = { voidId: fixedId(6), approvedBy: 'supervisor1', reason: 'Wrong account keyed' };

export const SHIFT: DrawerPayment[] = [
  { payment: P1, voidedBy: VOID_OF_P1 },
  { payment: P2, voidedBy: null },
  { payment: P3, voidedBy: null },
  { payment: P4, voidedBy: null },
  { payment: P5, voidedBy: null },
];

/** $150.00: 4×$20, 3×$10, 4×$5, 15×$1, 12 quarters, 10 dimes, 10 nickels, 50 pennies. */
export const FLOAT_COUNT = { bill_20: 4, bill_10: 3, bill_5: 4, bill_1: 15, coin_25: 12, coin_10: 10, coin_5: 10, coin_1: 50 };
/** $100.00 to the safe: 5×$20. */
export const DROP_COUNT = { bill_20: 5 };
/** $162.45 counted at the close: $0.25 short of the expected $162.70. */
export const CLOSE_COUNT = { bill_20: 4, bill_10: 3, bill_5: 6, bill_1: 19, coin_25: 9, coin_10: 10, coin_1: 20 };
/** $112.45 into the bank bag: 162.45 counted + 100.00 dropped − 150.00 float kept. */
export const BAG_COUNT = { bill_20: 4, bill_10: 2, bill_5: 2, bill_1: 2, coin_25: 1, coin_10: 2 };

/** The shift's close-out: $0.25 short in cash, signed off by supervisor1. */
export function shiftCloseout(): Closeout {
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


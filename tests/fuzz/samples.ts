/** Valid values for every boundary parser, from the unit tests' fixtures: the fuzz mutates these one field at a time. */
import { makeScanLine } from '../../shared/accounts/account-number';
import { depositFigures, type Deposit } from '../../shared/drawer/deposit';
import type { DropBoxBatch } from '../../shared/dropbox/batch';
import type { MoneyString } from '../../shared/money/money';
import type { Payment } from '../../shared/payments/payment';
import type { Void } from '../../shared/payments/void';
import { samplePayment, PAYMENT_ID, TAKEN_AT } from '../unit/shared/fixtures';
import { BAG_COUNT, fixedId, P2, P3, P4, P5, shiftCloseout } from '../unit/shared/drawer/shift';

const m = (s: string) => s as MoneyString;

export const payments: Payment[] = [
  samplePayment(),
  samplePayment({ memo: 'Paid at the window', approvedBy: 'msupervisor', drawerSessionId: null }),
  P2,
  P3,
  P4,
  P5,
];

export const voids: Void[] = [
  {
    id: '0195939b-0a00-7abc-8def-0123456789ab',
    paymentId: PAYMENT_ID,
    utility: 'pwb',
    stationId: 'wic-1',
    cashier: 'jdoe',
    approvedBy: 'msupervisor',
    reason: 'Keyed to the wrong account',
    drawerSessionId: 'drawer-2025-03-14-wic-1',
    takenAt: TAKEN_AT,
  },
];

const closeout = shiftCloseout();
export const closeouts = [closeout];
export const drops = closeout.drops.map((d) => ({ ...d, drawerSessionId: closeout.id }));

const figures = depositFigures([closeout]);
export const deposits: Deposit[] = [
  {
    id: fixedId(8),
    utility: 'pwb',
    stationId: 'station-1',
    businessDate: '2026-11-22',
    preparedAt: '2026-11-23T00:10:00.000Z',
    preparedBy: 'supervisor1',
    bagNumber: 'BAG-000123',
    drawers: figures.drawers,
    cash: { count: BAG_COUNT, total: m('112.45') },
    items: figures.items,
    checksTotal: figures.checksTotal,
    moneyOrdersTotal: figures.moneyOrdersTotal,
    total: m('566.60'),
  },
];

const itemId = (n: number) => `01936f4e-8a2b-7c3d-9e4f-${String(n).padStart(12, '0')}`;
const enteredAt = '2026-11-23T16:01:00.000Z';
export const batches: DropBoxBatch[] = [
  {
    id: itemId(100),
    utility: 'pwb',
    stationId: 'wic-1',
    clerk: 'dropbox1',
    retrievedAt: '2026-11-23T07:30:00-08:00',
    retrievalDate: '2026-11-23',
    emptiedBy: ['Ann Lee', 'Bo Diaz'],
    controlCount: 3,
    controlTotal: m('247.40'),
    openedAt: '2026-11-23T16:00:00.000Z',
    closedAt: '2026-11-23T16:30:00.000Z',
    approval: { by: 'msupervisor', note: 'Tape added wrong' },
    items: [
      { id: itemId(1), n: 1, kind: 'applied', amount: m('182.40'), checkNumber: '1001', enteredAt, accountNumber: '1000000001', entry: 'scan', amountDue: m('182.40'), match: 'exact' },
      { id: itemId(2), n: 2, kind: 'exception', amount: m('25.00'), checkNumber: '77', enteredAt, accountNumber: null, payerName: 'Jane Roe', note: 'no stub, no account number' },
      { id: itemId(3), n: 3, kind: 'set_aside', amount: m('40.00'), checkNumber: '78', enteredAt, accountNumber: '1000000005', reason: 'account 1000000005 is closed' },
    ],
  },
];

export const stationConfigs = [
  { stationId: 'wic-1', stationName: 'Walk-in window 1', centralUrl: 'https://central.pwb.example:8443/', token: 'st_4f9a2c1e', profileId: 'pwb' },
  { stationId: 'wic.2', stationName: 'Window 2', centralUrl: 'http://127.0.0.1:8080', token: 'st_4f9a2c1e', profileId: 'wes', paperWidth: '58mm', printerName: 'EPSON TM-T88VI', openDrawerOnCash: false, kiosk: true, plainTokenAccepted: true },
];

/** An account row as the CSV reader hands it to the row schema: every field a string. */
export const accountRows = [
  { utility: 'pwb', number: '1000000001', name: 'Maria Delgado', service_address: '1234 NE Alberta St\nPortland, OR 97211', balance: '182.40', past_due: '0.00', due_date: '2025-03-21', status: 'current', shut_offs_12m: '0', beyond_shut_off: 'false', certified_amount: '' },
  { utility: 'wes', number: '200000002', name: 'Kim Tran', service_address: '55 Main St', balance: '-12.00', past_due: '96.50', due_date: '', status: 'certified', shut_offs_12m: '2', beyond_shut_off: 'true', certified_amount: '412.08' },
];

export const ACCOUNT_CSV_HEADER_LINE = 'utility,number,name,service_address,balance,past_due,due_date,status,shut_offs_12m,beyond_shut_off,certified_amount';
export const accountCsvLines = [
  'pwb,1000000001,Maria Delgado,"1234 NE Alberta St, Portland",182.40,0.00,2025-03-21,current,0,false,',
  'wes,200000002,"Tran, Kim",55 Main St,-12.00,96.50,,certified,2,true,412.08',
];

export const stationSetups = [{ ...stationConfigs[0], token: '' }, stationConfigs[1]];
export const connectionTests = [{ centralUrl: 'https://central.pwb.example:8443/', token: '' }, { centralUrl: 'http://127.0.0.1:8080', token: 'st_4f9a2c1e' }];
export const centralCalls = [
  { method: 'POST', path: '/v1/payments', body: { payments: [samplePayment()] } },
  { method: 'GET', path: '/v1/accounts/pwb?after=0&limit=1000' },
];
export const printRequests = [
  {
    items: [
      { type: 'text', value: 'Portland Water Bureau<br><b>Paid</b> $182.40', style: { fontSize: '12px', textAlign: 'center' } },
      { type: 'barCode', value: '0195939a', height: '40', displayValue: true, position: 'center', fontsize: 12 },
    ],
    paperWidth: '80mm',
    copies: 1,
    openDrawer: true,
  },
];
export const testPageTargets = [{ printerName: 'EPSON TM-T88VI', paperWidth: '58mm', stationName: 'Window 1' }];

export const moneyInputs = ['182.40', '$200', '4.5', '.5', '200.', '99999999.99', '  12.34 '];

/** What the scan field holds, per profile: an account number as written, and a stub's scan line. */
export const scanFields: Record<string, string[]> = {
  pwb: ['1000000001', makeScanLine('1000000001', m('182.40')), makeScanLine('1000000001', m('9999999.99'))],
  wes: ['200000001', makeScanLine('200000001', m('96.50'))],
  portsmouth: ['1234567890-12', '123456789012', makeScanLine('123456789012', m('210.35'))],
};

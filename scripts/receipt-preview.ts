/**
 * Prints sample documents as plain text at the paper's columns, to look at the layout without a printer:
 *   npx tsx scripts/receipt-preview.ts [58mm|80mm] [en|es|vi|ru|zh] [receipt|void|stub|test]
 * The text is what the printer lays out (rows padded here; on paper the value sits flush right).
 */
import type { Account } from '../shared/accounts/account';
import type { Payment } from '../shared/payments/payment';
import type { Void } from '../shared/payments/void';
import { portlandWaterBureau } from '../shared/profiles';
import { LANGUAGES, type Language } from '../shared/receipt/i18n';
import { columns, PAPER } from '../shared/receipt/layout';
import { receiptText, voidSlipText } from '../shared/receipt/receipt';
import { billStubText } from '../shared/receipt/stub';
import { testPageText } from '../shared/receipt/test-page';
import { paperWidthSchema } from '../shared/station';

const [widthArg = '58mm', languageArg = 'en', what = 'receipt'] = process.argv.slice(2);
const paperWidth = paperWidthSchema.parse(widthArg);
if (!LANGUAGES.includes(languageArg as Language)) throw new Error(`language: use one of ${LANGUAGES.join(', ')}`);
const language = languageArg as Language;

const account = (number: string, name: string, serviceAddress: string, balance: string, more: Partial<Account> = {}): Account => ({
  utility: 'pwb',
  number,
  name,
  serviceAddress,
  balance: balance as Account['balance'],
  pastDue: '0.00' as Account['pastDue'],
  dueDate: '2025-03-21',
  status: 'current',
  shutOffsLast12Months: 0,
  beyondShutOff: false,
  certifiedAmount: null,
  updatedAt: '2025-03-01T08:00:00.000Z',
  ...more,
});

const accounts = {
  '1000000001': account('1000000001', 'Nguyễn Thị Minh Khai', '1234 NE Alberta St, Portland, OR 97211', '182.40'),
  '1000000003': account('1000000003', 'Dmitri Alexandrovich Sokolov-Petrov', '8812 SE Foster Rd, Apt 14B, Portland, OR 97266', '412.70', {
    status: 'shut_off',
    shutOffsLast12Months: 2,
  }),
};

const payment = {
  id: '0195939a-6f40-7abc-8def-0123456789ab',
  utility: 'pwb',
  stationId: 'wic-1',
  cashier: 'jdoe',
  drawerSessionId: 'drawer-2025-03-14-wic-1',
  takenAt: '2025-03-14T17:05:00.000Z',
  lines: [
    { accountNumber: '1000000001', amount: '182.40' },
    { accountNumber: '1000000003', amount: '250.00' },
  ],
  tenders: [
    { kind: 'cash', bills: '140.00', coins: '4.75' },
    { kind: 'check', amount: '300.00', checkNumber: '1042', routingNumber: null },
  ],
  total: '432.40',
  tendered: '444.75',
  change: '12.35',
  memo: 'Customer asked for a payment arrangement call-back.',
} as Payment;

const voided = {
  id: '0195939b-0000-7abc-8def-0123456789ac',
  paymentId: payment.id,
  utility: 'pwb',
  stationId: 'wic-1',
  cashier: 'jdoe',
  approvedBy: 'msmith',
  reason: 'Applied to the wrong account; the customer pays 1000000002.',
  drawerSessionId: 'drawer-2025-03-14-wic-1',
  takenAt: '2025-03-14T17:20:00.000Z',
} as Void;

const common = { profile: portlandWaterBureau, stationName: 'Walk-in window 1', paperWidth, language };
const lines =
  what === 'void'
    ? voidSlipText({ ...common, void: voided, payment })
    : what === 'stub'
      ? billStubText({ ...common, account: accounts['1000000001'], amountDue: '182.40' as Account['balance'], dueDate: '2025-03-21' })
      : what === 'test'
        ? testPageText({ stationName: 'Walk-in window 1', printerName: 'EPSON TM-T20III', paperWidth, printedAt: payment.takenAt, timeZone: 'America/Los_Angeles' })
        : receiptText({ ...common, payment, accounts, synced: false });

// Padded by columns, not code units: a CJK character takes two columns in a terminal as on paper.
const width = PAPER[paperWidth].columns;
const edge = `+${'-'.repeat(width)}+`;
console.log(edge);
for (const line of lines) console.log(`|${line}${' '.repeat(width - columns(line))}|`);
console.log(edge);

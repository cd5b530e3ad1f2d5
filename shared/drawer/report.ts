/**
 * The close-out report (Z report) and the deposit summary as laid-out lines: the thermal printer prints
 * them, the screen shows the same lines, a test reads them as plain text. English only: they are the
 * office's documents, not the customer's.
 */
import { businessDay } from '../time/business-day';
import { formatMoney, money, toMoneyString, type MoneyString } from '../money/money';
import type { UtilityProfile } from '../profiles/schema';
import type { PaperWidth } from '../station';
import { formatDateTime } from '../receipt/i18n';
import { LineBuilder, PAPER, toPlainText, toPrintItems, type Line } from '../receipt/layout';
import type { PosPrintItem } from '../receipt/print-data';
import { utilityHead } from '../receipt/receipt';
import { describeOverShort, TENDER_LABEL, TENDERS, type Closeout } from './closeout';
import { DENOMINATIONS, type CashCount } from './denominations';
import type { Deposit } from './deposit';

/** "02:15 PM" in the utility's zone. */
function formatTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone, hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

type DocInput = { profile: UtilityProfile; stationName: string; paperWidth: PaperWidth };

const minus = (m: MoneyString) => (money(m).isZero() ? formatMoney(m) : `-${formatMoney(m)}`);

/** One row per denomination counted: "$20 x 12   $240.00". */
function countRows(b: LineBuilder, count: CashCount): void {
  for (const den of DENOMINATIONS) {
    const n = count[den.id];
    if (!n) continue;
    b.row(`${den.short} x ${n}`, formatMoney(toMoneyString(money(den.value).times(n))));
  }
}

export function zReportLines(input: DocInput & { closeout: Closeout; copyLabel?: string }): Line[] {
  const { closeout: c, profile } = input;
  const tz = profile.center.timeZone;
  const when = (iso: string) => formatDateTime(iso, 'en', tz);
  const e = c.expected;
  const b = new LineBuilder(PAPER[input.paperWidth].columns);
  utilityHead(b, profile);
  b.text('CLOSE-OUT REPORT (Z)', { align: 'center', bold: true });
  if (input.copyLabel) b.text(input.copyLabel, { align: 'center' });
  b.row('Station', input.stationName);
  b.row('Drawer', c.id.slice(-8));
  // The center's calendar day the drawer opened on, whatever zone the station PC is set to.
  b.row('Business date', businessDay(new Date(c.openedAt), tz));
  b.row('Cashier', c.cashier);
  b.row('Opened', when(c.openedAt));
  b.row('Opened by', c.openedBy);
  b.row('Counted', when(c.countedAt));
  b.row('Signed off', when(c.signedOffAt));
  b.row('Signed off by', c.signedOffBy);

  b.rule().text('TRANSACTIONS', { bold: true });
  b.row(`Payments (${e.payments.count})`, formatMoney(e.payments.total));
  b.row(`Voids (${e.voids.count})`, formatMoney(e.voids.total));
  for (const v of e.voidItems) {
    b.row(`  Void of ${v.paymentId.slice(-8)}`, formatMoney(v.total));
    b.text(`  approved by ${v.approvedBy}: ${v.reason}`);
  }

  b.rule().text('CASH', { bold: true });
  b.row('Opening float', formatMoney(e.float));
  b.row('Cash taken', formatMoney(e.cashTaken));
  b.row('Change given', minus(e.changeGiven));
  b.row(`Drops (${c.drops.length})`, minus(e.drops));
  for (const d of c.drops) {
    b.row(`  Drop ${formatTime(d.at, tz)}`, formatMoney(d.amount));
    b.text(`  witness ${d.witness}`);
  }
  b.row('Expected cash', formatMoney(e.cash), { bold: true });
  b.row('Counted cash', formatMoney(c.counted.cashTotal), { bold: true });
  countRows(b, c.counted.cash);
  b.row('Cash over/short', describeOverShort(c.overShort.cash), { bold: true });

  b.rule().text(`CHECKS (${e.checks.count})`, { bold: true });
  for (const x of e.checkItems) b.row(`  #${x.checkNumber}`, formatMoney(x.amount));
  b.row('Expected checks', formatMoney(e.checks.total));
  b.row(`Counted checks (${c.counted.checks.count})`, formatMoney(c.counted.checks.total));
  b.row('Checks over/short', describeOverShort(c.overShort.checks), { bold: true });

  b.rule().text(`MONEY ORDERS (${e.moneyOrders.count})`, { bold: true });
  for (const x of e.moneyOrderItems) b.row(`  ${x.serial}`, formatMoney(x.amount));
  b.row('Expected money orders', formatMoney(e.moneyOrders.total));
  b.row(`Counted money orders (${c.counted.moneyOrders.count})`, formatMoney(c.counted.moneyOrders.total));
  b.row('Money orders over/short', describeOverShort(c.overShort.moneyOrders), { bold: true });

  b.rule().text(`CARDS (${e.card.count})`, { bold: true });
  b.row('Expected cards', formatMoney(e.card.total));
  b.row('Terminal batch', formatMoney(c.counted.card.total));
  b.row('Cards over/short', describeOverShort(c.overShort.card), { bold: true });

  b.rule().text('OVER/SHORT', { bold: true });
  for (const t of TENDERS) b.row(TENDER_LABEL[t], describeOverShort(c.overShort[t]));
  b.row('Total', describeOverShort(c.overShort.total), { bold: true });
  if (c.note.trim() !== '') b.text(`Note: ${c.note}`);

  b.rule().text('OPENING FLOAT COUNT', { bold: true });
  countRows(b, c.floatCount);
  return b.lines;
}

export function zReportPrintData(input: Parameters<typeof zReportLines>[0]): PosPrintItem[] {
  return toPrintItems(zReportLines(input), input.paperWidth);
}

export function zReportText(input: Parameters<typeof zReportLines>[0]): string[] {
  return toPlainText(zReportLines(input), input.paperWidth);
}

export function depositLines(input: DocInput & { deposit: Deposit }): Line[] {
  const { deposit: d, profile } = input;
  const b = new LineBuilder(PAPER[input.paperWidth].columns);
  utilityHead(b, profile);
  b.text('DEPOSIT SUMMARY', { align: 'center', bold: true });
  b.row('Business date', d.businessDate);
  b.row('Station', input.stationName);
  b.row('Bank bag', d.bagNumber, { bold: true });
  b.row('Prepared', formatDateTime(d.preparedAt, 'en', profile.center.timeZone));
  b.row('Prepared by', d.preparedBy);

  b.rule().text(`DRAWERS (${d.drawers.length})`, { bold: true });
  for (const x of d.drawers) b.row(`${x.cashier} ${x.drawerSessionId.slice(-8)}`, formatMoney(x.cash));

  b.rule().text('CASH', { bold: true });
  countRows(b, d.cash.count);
  b.row('Cash total', formatMoney(d.cash.total), { bold: true });

  const checks = d.items.filter((x) => x.kind === 'check');
  const orders = d.items.filter((x) => x.kind === 'money_order');
  b.rule().text(`CHECKS (${checks.length})`, { bold: true });
  for (const x of checks) b.row(`  #${x.number}`, formatMoney(x.amount));
  b.row('Checks total', formatMoney(d.checksTotal), { bold: true });
  b.rule().text(`MONEY ORDERS (${orders.length})`, { bold: true });
  for (const x of orders) b.row(`  ${x.number}`, formatMoney(x.amount));
  b.row('Money orders total', formatMoney(d.moneyOrdersTotal), { bold: true });

  b.rule();
  b.row('DEPOSIT TOTAL', formatMoney(d.total), { bold: true });
  b.text('Counted by ____________________');
  b.text('Verified by ___________________');
  return b.lines;
}

export function depositPrintData(input: Parameters<typeof depositLines>[0]): PosPrintItem[] {
  return toPrintItems(depositLines(input), input.paperWidth);
}

export function depositText(input: Parameters<typeof depositLines>[0]): string[] {
  return toPlainText(depositLines(input), input.paperWidth);
}

/**
 * The batch report printed when a drop-box batch closes: who emptied the box and when, the control
 * figures against what was entered, the supervisor's approval when it did not balance, every item, and
 * the exceptions and set-aside checks apart. A staff document, in English, fitted to the paper like the
 * receipt (layout.ts).
 */
import { formatAccountNumber } from '../accounts/account-number';
import { formatMoney } from '../money/money';
import type { UtilityProfile } from '../profiles/schema';
import type { PosPrintItem } from '../receipt/print-data';
import { formatDateTime } from '../receipt/i18n';
import { LineBuilder, PAPER, toPlainText, toPrintItems, type Line } from '../receipt/layout';
import { utilityHead } from '../receipt/receipt';
import type { PaperWidth } from '../station';
import { batchFigures, type DropBoxBatch, type DropBoxItem } from './batch';

export type BatchReportInput = {
  batch: DropBoxBatch;
  profile: UtilityProfile;
  stationName: string;
  paperWidth: PaperWidth;
  /** Central's reference once the batch is posted; null while it waits to sync. */
  reference: string | null;
};

const FLAG: Record<string, string> = { partial: 'PARTIAL', over: 'OVER' };

function itemLabel(item: DropBoxItem, profile: UtilityProfile): string {
  const account = item.accountNumber ? formatAccountNumber(item.accountNumber, profile.accountNumber) : 'no account';
  const flag = item.kind === 'applied' ? (item.match ? FLAG[item.match] ?? '' : '') : item.kind === 'exception' ? 'EXCEPTION' : 'SET ASIDE';
  return `${item.n}. ${account} ck ${item.checkNumber}${flag ? ` ${flag}` : ''}`;
}

export function batchReportLines(input: BatchReportInput): Line[] {
  const { batch, profile } = input;
  const tz = profile.center.timeZone;
  const f = batchFigures(batch, batch.items);
  const b = new LineBuilder(PAPER[input.paperWidth].columns);
  utilityHead(b, profile);
  b.text('DROP-BOX BATCH REPORT', { align: 'center', bold: true });
  b.row('Batch', batch.id.slice(-12).toUpperCase());
  if (input.reference) b.row('Central reference', input.reference);
  else b.text('Pending sync', { align: 'center' });
  b.row('Station', input.stationName);
  b.row('Box emptied', formatDateTime(batch.retrievedAt, 'en', tz), { bold: true });
  b.row('Posting date', batch.retrievalDate, { bold: true });
  b.row('Emptied by', `${batch.emptiedBy[0]} and ${batch.emptiedBy[1]}`, { valueAlign: 'left' });
  b.row('Entered by', batch.clerk);
  b.row('Closed', formatDateTime(batch.closedAt, 'en', tz));
  b.rule();
  b.row('Control count', String(batch.controlCount));
  b.row('Entered count', String(f.entered.count));
  b.row('Control total', formatMoney(batch.controlTotal));
  b.row('Entered total', formatMoney(f.entered.total), { bold: true });
  if (f.balanced) b.text('BALANCED', { align: 'center', bold: true });
  else {
    b.text('OUT OF BALANCE', { align: 'center', bold: true });
    b.row('Count difference', String(f.countLeft));
    b.row('Total difference', formatMoney(f.totalLeft));
    if (batch.approval) b.row('Approved by', batch.approval.by).text(`Note: ${batch.approval.note}`);
  }
  b.rule();
  b.row(`Applied (${f.applied.count})`, formatMoney(f.applied.total));
  b.text(`of which partial ${f.partial}, over ${f.over}`);
  b.row(`Exceptions (${f.exceptions.count})`, formatMoney(f.exceptions.total));
  b.row(`Set aside (${f.setAside.count})`, formatMoney(f.setAside.total));
  b.rule();
  b.text('Items', { bold: true });
  for (const item of batch.items) b.row(itemLabel(item, profile), formatMoney(item.amount));
  const apart = batch.items.filter((i) => i.kind !== 'applied');
  if (apart.length > 0) {
    b.rule();
    b.text('Exceptions and set aside (not applied)', { bold: true });
    for (const item of apart) {
      b.row(itemLabel(item, profile), formatMoney(item.amount));
      if (item.kind === 'exception') b.text(`Payer: ${item.payerName}`).text(`Note: ${item.note}`);
      if (item.kind === 'set_aside') b.text(`Reason: ${item.reason}`);
    }
  }
  b.rule();
  b.text('Clerk ____________________');
  b.text('Supervisor ____________________');
  return b.lines;
}

export function batchReportPrintData(input: BatchReportInput): PosPrintItem[] {
  return toPrintItems(batchReportLines(input), input.paperWidth);
}

export function batchReportText(input: BatchReportInput): string[] {
  return toPlainText(batchReportLines(input), input.paperWidth);
}

/** The most items one print request carries (the bridge takes 500): a long report prints in parts, in order. */
export const PRINT_ITEMS_PER_REQUEST = 400;

export function printParts(items: readonly PosPrintItem[], perPart = PRINT_ITEMS_PER_REQUEST): PosPrintItem[][] {
  const parts: PosPrintItem[][] = [];
  for (let i = 0; i < items.length; i += perPart) parts.push(items.slice(i, i + perPart));
  return parts;
}

/**
 * A bill stub printed at the counter for a customer who came without one: the remittance part of a bill,
 * with a Code 128 bar code of the scan line that the account field and the drop-box batch screen read back
 * (`parseAccountEntry`).
 *
 * Code 128: electron-pos-printer 1.4.0 draws bar codes with JsBarcode and passes it no `format`, so JsBarcode
 * picks "auto", which is CODE128 (it switches to set C for digit pairs: a 20-22 digit scan line is about
 * 145-160 modules). It takes no format option from our data, so there is nothing to set; the test encodes
 * the value with JsBarcode the same way and checks the format and that one module per px fits the paper.
 */
import type { Account } from '../accounts/account';
import { formatAccountNumber, makeScanLine } from '../accounts/account-number';
import type { MoneyString } from '../money/money';
import type { UtilityProfile } from '../profiles/schema';
import type { PaperWidth } from '../station';
import { formatAmount, formatCalendarDate, LABELS, type Language } from './i18n';
import { LineBuilder, PAPER, toPlainText, toPrintItems, type Line } from './layout';
import type { PosPrintItem } from './print-data';
import { utilityHead } from './receipt';

export type BillStubInput = {
  account: Account;
  profile: UtilityProfile;
  amountDue: MoneyString;
  /** YYYY-MM-DD; null for a bill payable on receipt (Portsmouth). */
  dueDate: string | null;
  paperWidth: PaperWidth;
  /** Default 'en'. The scan line and the account number are the same in every language. */
  language?: Language;
};

export function billStubLines(input: BillStubInput): Line[] {
  const { account, profile } = input;
  const language = input.language ?? 'en';
  const t = LABELS[language];
  const b = new LineBuilder(PAPER[input.paperWidth].columns);

  utilityHead(b, profile);
  b.text(t.stubTitle, { align: 'center', bold: true });
  b.row(t.account, formatAccountNumber(account.number, profile.accountNumber), { bold: true });
  b.row(t.name, account.name, { valueAlign: 'left' });
  b.row(t.serviceAddress, account.serviceAddress, { valueAlign: 'left' });
  b.row(t.amountDue, formatAmount(input.amountDue, language), { bold: true });
  b.row(t.dueDate, input.dueDate === null ? t.dueOnReceipt : formatCalendarDate(input.dueDate, language));
  b.rule();
  b.barCode(makeScanLine(account.number, input.amountDue));
  b.text(t.returnStub, { align: 'center' });
  return b.lines;
}

export function billStubPrintData(input: BillStubInput): PosPrintItem[] {
  return toPrintItems(billStubLines(input), input.paperWidth);
}

export function billStubText(input: BillStubInput): string[] {
  return toPlainText(billStubLines(input), input.paperWidth);
}

/**
 * The customer receipt and the void slip, laid out once as data: the printer prints it, the screen previews
 * it, and a test reads it as plain text. Lines are fitted to the paper in `layout.ts`; words in `i18n.ts`.
 */
import type { Account } from '../accounts/account';
import { formatAccountNumber } from '../accounts/account-number';
import { compare, money, sub, toMoneyString, ZERO, type MoneyString } from '../money/money';
import type { Payment, Tender } from '../payments/payment';
import { restorationNeed } from '../payments/transaction';
import type { Void } from '../payments/void';
import type { UtilityProfile } from '../profiles/schema';
import type { PaperWidth } from '../station';
import { DEFAULT_TIME_ZONE, formatAmount, formatDateTime, LABELS, type Labels, type Language } from './i18n';
import { LineBuilder, PAPER, toPlainText, toPrintItems, type Line } from './layout';
import type { PosPrintItem } from './print-data';

/** The copy labels the receipt knows and translates; any other text prints as given. */
export type CopyLabel = 'Receipt' | 'Reprint' | 'Drawer copy';

export type ReceiptInput = {
  payment: Payment;
  profile: UtilityProfile;
  stationName: string;
  /** The accounts as known when the payment was taken, by number; missing ones print without details. */
  accounts: Record<string, Account | undefined>;
  /** False while the payment waits in the outbox: the receipt says "Pending sync". */
  synced: boolean;
  paperWidth: PaperWidth;
  /** 'Receipt' (default), 'Reprint' for a reprint, 'Drawer copy' for the copy kept with the drawer. */
  copyLabel?: CopyLabel | (string & Record<never, never>);
  /** The customer's language for the counter's own labels; default 'en'. */
  language?: Language;
  /** IANA zone the date is written in: the utility's (Portsmouth 'America/New_York'); default 'America/Los_Angeles'. */
  timeZone?: string;
};

/** The drawer opens for a payment with cash in it, and for nothing else (the bridge's `openDrawer`). */
export function opensDrawer(payment: Pick<Payment, 'tenders'>): boolean {
  return payment.tenders.some((t) => t.kind === 'cash');
}

/**
 * The copies a posted payment prints, in order: the customer's receipt (the only one that may kick the
 * drawer, and only for cash when the station has the drawer kick on), then the drawer copy when the profile
 * asks for one. A reprint is always one copy that opens nothing.
 */
export function postedPaymentCopies(
  payment: Pick<Payment, 'tenders'>,
  profile: Pick<UtilityProfile, 'receipt'>,
  station: { openDrawerOnCash: boolean },
): Array<{ copyLabel: CopyLabel; openDrawer: boolean }> {
  const copies: Array<{ copyLabel: CopyLabel; openDrawer: boolean }> = [{ copyLabel: 'Receipt', openDrawer: opensDrawer(payment) && station.openDrawerOnCash }];
  if (profile.receipt.drawerCopy) copies.push({ copyLabel: 'Drawer copy', openDrawer: false });
  return copies;
}

/** Balance minus the amount applied; negative is a credit. Null when the account is not known. */
export function balanceAfter(account: Account | undefined, applied: MoneyString): MoneyString | null {
  if (!account) return null;
  return toMoneyString(sub(money(account.balance), money(applied)));
}

/** The part of `applied` beyond what the account owed (judged as `judgeTransaction` does), or null. */
export function creditKept(account: Account | undefined, applied: MoneyString): MoneyString | null {
  if (!account) return null;
  const balance = money(account.balance);
  const owed = balance.isNegative() ? ZERO : balance;
  const over = sub(money(applied), owed);
  return compare(over, ZERO) > 0 ? toMoneyString(over) : null;
}

/** The utility's name lines, then the center's name, address and phone: the top of every document. */
export function utilityHead(b: LineBuilder, profile: UtilityProfile): LineBuilder {
  for (const h of profile.receipt.headerLines) b.text(h, { align: 'center', bold: true });
  b.text(profile.center.name, { align: 'center' });
  for (const line of profile.center.addressLines) b.text(line, { align: 'center' });
  b.text(profile.center.phone, { align: 'center' });
  return b.rule();
}

/** One row per tender: card brand and last four, check number, money order serial; never more of them. */
function tenderRows(b: LineBuilder, tenders: readonly Tender[], t: Labels, amount: (m: MoneyString) => string): void {
  for (const tender of tenders) {
    switch (tender.kind) {
      case 'cash':
        if (!money(tender.bills).isZero()) b.row(t.cashBills, amount(tender.bills));
        if (!money(tender.coins).isZero()) b.row(t.cashCoins, amount(tender.coins));
        break;
      case 'check':
        b.row(t.check(tender.checkNumber), amount(tender.amount));
        break;
      case 'money_order':
        b.row(t.moneyOrder(tender.serial), amount(tender.amount));
        break;
      case 'card':
        b.row(t.card(tender.brand, tender.last4), amount(tender.amount));
        break;
      default: {
        const never: never = tender;
        throw new Error(`Unknown tender ${JSON.stringify(never)}`);
      }
    }
  }
}

function copyTitle(copyLabel: string | undefined, t: Labels): string {
  switch (copyLabel) {
    case undefined:
    case 'Receipt':
      return t.receipt;
    case 'Reprint':
      return t.reprint;
    case 'Drawer copy':
      return t.drawerCopy;
    default:
      return copyLabel;
  }
}

/** What an account's line adds under it: credit, balance after, restoration, and the profile's notices. */
function accountNotes(b: LineBuilder, account: Account, applied: MoneyString, profile: UtilityProfile, t: Labels, amount: (m: MoneyString) => string): void {
  const credit = creditKept(account, applied);
  if (credit !== null) b.row(t.creditKept, amount(credit));
  const after = balanceAfter(account, applied);
  if (after !== null) b.row(t.balanceAfter, amount(after));
  // Judged on the account as it stood when the payment was taken, as the cashier saw it.
  const need = restorationNeed(account, profile);
  if (need) {
    const met = compare(money(applied), money(need.amount)) >= 0;
    if (need.basis === 'posted') {
      b.text(t.restorationPosted(amount(need.amount), need.percent));
      b.text(met ? t.restorationMet : t.restorationNotMet(amount(toMoneyString(sub(money(need.amount), money(applied))))));
    } else {
      b.text(t.restorationPromise(amount(need.amount), need.percent));
      // Paid in full today, the promise is already kept; short of it, the promise stands and is not "unmet".
      if (met) b.text(t.restorationMet);
    }
  }
  if (account.status === 'certified' && profile.certified) b.text(profile.certified.receiptNotice);
  if (account.status === 'final_billed' && profile.finalBilled) b.text(profile.finalBilled.notice);
}

/** The receipt as laid-out lines (the model behind the print data and the plain text). */
export function receiptLines(input: ReceiptInput): Line[] {
  const { payment, profile } = input;
  const language = input.language ?? 'en';
  const t = LABELS[language];
  const amount = (m: MoneyString) => formatAmount(m, language);
  const b = new LineBuilder(PAPER[input.paperWidth].columns);

  utilityHead(b, profile);
  b.text(copyTitle(input.copyLabel, t), { align: 'center', bold: true });
  b.row(t.date, formatDateTime(payment.takenAt, language, input.timeZone ?? DEFAULT_TIME_ZONE));
  b.row(t.station, input.stationName);
  b.row(t.cashier, payment.cashier);
  b.row(t.transaction, payment.id);

  for (const line of payment.lines) {
    b.rule();
    const account = input.accounts[line.accountNumber];
    b.text(`${t.account} ${formatAccountNumber(line.accountNumber, profile.accountNumber)}`, { bold: true });
    if (account) {
      b.text(account.name);
      b.text(account.serviceAddress);
    }
    b.row(t.amountApplied, amount(line.amount));
    if (account) accountNotes(b, account, line.amount, profile, t, amount);
  }

  b.rule();
  tenderRows(b, payment.tenders, t, amount);
  b.row(t.total, amount(payment.total), { bold: true });
  b.row(t.tendered, amount(payment.tendered));
  b.row(t.change, amount(payment.change), { bold: true });

  if (!input.synced) b.rule().text(t.pendingSync, { align: 'center', bold: true });
  if (payment.memo.trim() !== '') b.rule().text(t.memo(payment.memo));

  const returnedPaymentFee = profile.fees.find((f) => f.code === 'returned-payment');
  // Said as a condition first: a bare "fee $35.00" row under the totals reads as a charge on this payment.
  if (returnedPaymentFee) b.rule().text(t.ifPaymentReturned).row(returnedPaymentFee.label, amount(returnedPaymentFee.amount));
  if (profile.receipt.footerLines.length > 0) {
    b.rule();
    for (const f of profile.receipt.footerLines) b.text(f, { align: 'center' });
  }
  return b.lines;
}

export function receiptPrintData(input: ReceiptInput): PosPrintItem[] {
  return toPrintItems(receiptLines(input), input.paperWidth);
}

/** The receipt as plain text at the paper's columns (for tests, logs of layout, and a console preview). */
export function receiptText(input: ReceiptInput): string[] {
  return toPlainText(receiptLines(input), input.paperWidth);
}

export type VoidSlipInput = {
  void: Void;
  /** The payment the void cancels (its id must be `void.paymentId`). */
  payment: Payment;
  profile: UtilityProfile;
  stationName: string;
  paperWidth: PaperWidth;
  language?: Language;
  timeZone?: string;
};

/** The void slip: which transaction, what was reversed and how it had been paid, why, and who approved. */
export function voidSlipLines(input: VoidSlipInput): Line[] {
  const { void: v, payment, profile } = input;
  if (v.paymentId !== payment.id) throw new Error(`The void cancels payment ${v.paymentId}, not ${payment.id}`);
  const language = input.language ?? 'en';
  const t = LABELS[language];
  const timeZone = input.timeZone ?? DEFAULT_TIME_ZONE;
  const amount = (m: MoneyString) => formatAmount(m, language);
  const b = new LineBuilder(PAPER[input.paperWidth].columns);

  utilityHead(b, profile);
  b.text(t.voidTitle, { align: 'center', bold: true });
  b.row(t.date, formatDateTime(v.takenAt, language, timeZone));
  b.row(t.station, input.stationName);
  b.row(t.cashier, v.cashier);
  b.row(t.approvedBy, v.approvedBy);
  b.row(t.transaction, v.id);
  b.rule();
  b.row(t.voidedTransaction, payment.id, { bold: true });
  b.row(t.originalDate, formatDateTime(payment.takenAt, language, timeZone));
  for (const line of payment.lines) {
    b.text(`${t.account} ${formatAccountNumber(line.accountNumber, profile.accountNumber)}`, { bold: true });
    b.row(t.reversed, amount(line.amount));
  }
  b.row(t.totalReversed, amount(payment.total), { bold: true });
  b.rule();
  b.text(t.originalTenders);
  tenderRows(b, payment.tenders, t, amount);
  b.row(t.change, amount(payment.change));
  b.rule();
  b.text(t.reason(v.reason));
  return b.lines;
}

export function voidSlipPrintData(input: VoidSlipInput): PosPrintItem[] {
  return toPrintItems(voidSlipLines(input), input.paperWidth);
}

export function voidSlipText(input: VoidSlipInput): string[] {
  return toPlainText(voidSlipLines(input), input.paperWidth);
}

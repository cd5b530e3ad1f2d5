/**
 * The customer receipt, laid out once as print data: the printer prints it and the screen previews it.
 */
import type { Account } from '../accounts/account';
import { formatAccountNumber } from '../accounts/account-number';
import { formatMoney, money, sub, toMoneyString, type MoneyString } from '../money/money';
import type { Payment } from '../payments/payment';
import type { UtilityProfile } from '../profiles/schema';
import type { PaperWidth } from '../station';
import { escapeHtml, type PosPrintItem } from './print-data';

export type ReceiptInput = {
  payment: Payment;
  profile: UtilityProfile;
  stationName: string;
  /** The accounts as known when the payment was taken, by number; missing ones print without details. */
  accounts: Record<string, Account | undefined>;
  /** False while the payment waits in the outbox. */
  synced: boolean;
  paperWidth: PaperWidth;
  /** "Receipt" or "Reprint". */
  copyLabel?: string;
};

const base = { fontFamily: 'monospace', fontSize: '12px' };

function text(value: string, style: Record<string, string> = {}): PosPrintItem {
  return { type: 'text', value: escapeHtml(value), style: { ...base, ...style } };
}

/** A label on the left and an amount on the right, on one line. */
function row(label: string, amount: string, style: Record<string, string> = {}): PosPrintItem {
  return {
    type: 'text',
    value: `<span>${escapeHtml(label)}</span><span>${escapeHtml(amount)}</span>`,
    style: { ...base, display: 'flex', justifyContent: 'space-between', ...style },
  };
}

const rule = (): PosPrintItem => ({ type: 'text', value: '', style: { borderTop: '1px dashed #000', margin: '4px 0' } });

/** Date and time taken, in the utility's US English for the cashier's copy. */
export function formatTakenAt(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getMonth() + 1)}/${pad(d.getDate())}/${d.getFullYear()} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function balanceAfter(account: Account | undefined, applied: MoneyString): MoneyString | null {
  if (!account) return null;
  return toMoneyString(sub(money(account.balance), money(applied)));
}

export function receiptPrintData(input: ReceiptInput): PosPrintItem[] {
  const { payment, profile } = input;
  const items: PosPrintItem[] = [];
  const center = { textAlign: 'center' };
  for (const h of profile.receipt.headerLines) items.push(text(h, { ...center, fontWeight: '700', fontSize: '14px' }));
  items.push(text(profile.center.name, center));
  for (const line of profile.center.addressLines) items.push(text(line, center));
  items.push(text(profile.center.phone, center));
  items.push(rule());
  items.push(text(input.copyLabel ?? 'Receipt', { ...center, fontWeight: '700' }));
  items.push(row('Date', formatTakenAt(payment.takenAt)));
  items.push(row('Station', input.stationName));
  items.push(row('Cashier', payment.cashier));
  items.push(text(`Transaction ${payment.id}`, { fontSize: '10px', wordBreak: 'break-all' }));
  items.push(rule());
  for (const line of payment.lines) {
    const account = input.accounts[line.accountNumber];
    items.push(text(`Account ${formatAccountNumber(line.accountNumber, profile.accountNumber)}`, { fontWeight: '700' }));
    if (account) {
      items.push(text(account.name));
      items.push(text(account.serviceAddress));
    }
    items.push(row('Amount applied', formatMoney(line.amount)));
    const after = balanceAfter(account, line.amount);
    if (after !== null) items.push(row('Balance after payment', formatMoney(after)));
  }
  items.push(rule());
  for (const t of payment.tenders) {
    switch (t.kind) {
      case 'cash':
        items.push(row('Cash: bills', formatMoney(t.bills)));
        items.push(row('Cash: coins', formatMoney(t.coins)));
        break;
    }
  }
  items.push(row('Total paid', formatMoney(payment.total), { fontWeight: '700' }));
  items.push(row('Tendered', formatMoney(payment.tendered)));
  items.push(row('Change', formatMoney(payment.change), { fontWeight: '700' }));
  if (!input.synced) {
    items.push(rule());
    items.push(text('Pending sync', { ...center, fontWeight: '700' }));
  }
  items.push(rule());
  for (const f of profile.receipt.footerLines) items.push(text(f, center));
  return items;
}

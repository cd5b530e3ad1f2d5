/**
 * A payment being typed, kept on disk while it is on screen so that a renderer crash, a reload or a power
 * cut does not lose what the cashier has in hand. A draft is not a payment: it is never sent, it is offered
 * back to the same cashier on the same station after a restart ("resume" or "discard"), and it is deleted in
 * the same transaction that records the payment, so a posted payment never comes back as a draft.
 *
 * Card numbers are never kept (PCI DSS): any field holding one is blanked before the draft is stored, and a
 * card's "last four" keeps at most four digits.
 */
import { z } from 'zod';
import { accountSchema, isoTimestampSchema, type Account } from '../accounts/account';
import { formatAccountNumber } from '../accounts/account-number';
import type { AccountNumberFormat } from '../profiles/schema';
import { add, formatMoney, money, parseMoneyInput } from '../money/money';
import { LANGUAGES } from '../receipt/i18n';
import { containsCardNumber } from './card-guard';
import type { TenderDraft, TransactionDraft } from './transaction';

// Typed text, as typed: the form's own schema judges it when the draft is posted.
const typed = z.string().max(200);

const tenderDraftSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('check'), amount: typed, checkNumber: typed, routingNumber: typed }),
  z.object({ kind: z.literal('money_order'), amount: typed, serial: typed }),
  z.object({ kind: z.literal('card'), amount: typed, brand: typed, last4: typed, approvalCode: typed }),
]);

export const transactionDraftSchema = z.object({
  lines: z.array(z.object({ accountNumber: typed, amount: typed })).min(1).max(50),
  bills: typed,
  coins: typed,
  tenders: z.array(tenderDraftSchema).max(50),
  memo: typed,
  confirmCredit: z.boolean(),
  confirmCertified: z.boolean(),
  approver: typed.optional(),
});

export const paymentDraftSchema = z.object({
  /** The id the payment will carry when posted (made when the cashier started it). */
  paymentId: z.string().min(1).max(80),
  stationId: z.string().min(1),
  cashier: z.string().min(1),
  startedAt: isoTimestampSchema,
  savedAt: isoTimestampSchema,
  /** The accounts as shown to the cashier, so the draft resumes without the network. */
  accounts: z.array(accountSchema).min(1).max(50),
  /** A scanned stub's amount due, offered for the first account. */
  amountDue: z.string().nullable(),
  values: transactionDraftSchema,
  receiptLanguage: z.enum(LANGUAGES),
});
export type PaymentDraft = z.infer<typeof paymentDraftSchema>;

/** The draft as it may be stored: card numbers blanked wherever they were typed. */
export function scrubDraft(draft: PaymentDraft): PaymentDraft {
  const clean = (text: string) => (containsCardNumber(text) ? '' : text);
  const values = draft.values;
  const tenders: TenderDraft[] = values.tenders.map((t) => {
    if (t.kind === 'check') return { ...t, amount: clean(t.amount), checkNumber: clean(t.checkNumber), routingNumber: clean(t.routingNumber) };
    if (t.kind === 'money_order') return { ...t, amount: clean(t.amount), serial: clean(t.serial) };
    const digits = t.last4.replace(/\D/g, '');
    return { ...t, amount: clean(t.amount), brand: clean(t.brand), last4: digits.length <= 4 ? t.last4 : '', approvalCode: clean(t.approvalCode) };
  });
  const scrubbed: TransactionDraft = {
    ...values,
    lines: values.lines.map((l) => ({ accountNumber: l.accountNumber, amount: clean(l.amount) })),
    bills: clean(values.bills),
    coins: clean(values.coins),
    memo: clean(values.memo),
    tenders,
  };
  return { ...draft, values: scrubbed };
}

/** What was typed as tendered (cash and every tender that reads as an amount), for the resume notice. */
export function draftTendered(values: TransactionDraft): string {
  const amounts = [values.bills, values.coins, ...values.tenders.map((t) => t.amount)]
    .map((a) => parseMoneyInput(a))
    .map((r) => (r.ok ? money(r.value) : money('0.00')));
  return formatMoney(add(...amounts));
}

/** One line for the cashier: whose payment it was and how far it had got. */
export function describeDraft(draft: PaymentDraft, format: AccountNumberFormat): string {
  const who = draft.accounts.map((a: Account) => `${formatAccountNumber(a.number, format)} (${a.name})`).join(', ');
  const tenders = draft.values.tenders.length;
  const extra = tenders > 0 ? ` and ${tenders} ${tenders === 1 ? 'check, money order or card' : 'checks, money orders or cards'}` : '';
  return `${draft.accounts.length === 1 ? 'account' : 'accounts'} ${who}: ${draftTendered(draft.values)} typed as tendered${extra}`;
}

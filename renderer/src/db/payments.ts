/** The one write path for payments: journal and outbox in one strict transaction. */
import type { Account } from '../../../shared/accounts/account';
import { paymentSchema, type Payment } from '../../../shared/payments/payment';
import { voidSchema, type Void } from '../../../shared/payments/void';
import type { Language } from '../../../shared/receipt/i18n';
import type { CounterDb, JournalEntry, PaymentEntry, VoidEntry } from './schema';
import { appendToJournal } from './journal';
import { businessDay } from '../../../shared/time/business-day';

export class DuplicatePaymentError extends Error {
  constructor(id: string) {
    super(`Payment ${id} is already recorded; it was not recorded twice`);
  }
}

/**
 * Records a taken payment. Resolves only after IndexedDB reports the commit, so a receipt shown after it
 * stands for a stored payment. Nothing is sent here: the sync runner reads the outbox.
 */
export async function commitPayment(
  db: CounterDb,
  payment: Payment,
  accounts: Record<string, Account>,
  opts: { receiptLanguage?: Language } = {},
): Promise<PaymentEntry> {
  const p = paymentSchema.parse(payment);
  const entry: PaymentEntry = { id: p.id, kind: 'payment', takenAt: p.takenAt, payment: p, accounts, ...(opts.receiptLanguage ? { receiptLanguage: opts.receiptLanguage } : {}) };
  await db.transaction('rw', db.journal, db.outbox, async () => {
    if ((await db.journal.where('id').equals(p.id).count()) > 0) throw new DuplicatePaymentError(p.id);
    await appendToJournal(db, entry);
    await db.outbox.add({ id: p.id, kind: 'payment', payment: p, state: 'pending', queuedAt: new Date().toISOString(), attempts: 0 });
  });
  return entry;
}

export class VoidRefused extends Error {}

/**
 * Records a void of a payment in this station's journal, with its outbox entry, in one strict transaction.
 * Refused when the payment is not in the journal or is already voided, or (given the center's time zone)
 * was taken on another business day: a void is for today's payments; nothing is written then.
 */
export async function commitVoid(db: CounterDb, v: Void, opts: { timeZone?: string } = {}): Promise<VoidEntry> {
  const parsed = voidSchema.parse(v);
  const entry: VoidEntry = { id: parsed.id, kind: 'void', takenAt: parsed.takenAt, void: parsed, voidsPaymentId: parsed.paymentId };
  await db.transaction('rw', db.journal, db.outbox, async () => {
    const original = await db.journal.where('id').equals(parsed.paymentId).first();
    if (!original || original.kind !== 'payment') throw new VoidRefused('Void: this station holds no such payment');
    if (opts.timeZone !== undefined && businessDay(new Date(original.takenAt), opts.timeZone) !== businessDay(new Date(parsed.takenAt), opts.timeZone)) {
      throw new VoidRefused(`Void: this payment was taken on ${businessDay(new Date(original.takenAt), opts.timeZone)}; only today's payments can be voided. Nothing was voided`);
    }
    if ((await db.journal.where('voidsPaymentId').equals(parsed.paymentId).count()) > 0) {
      throw new VoidRefused('Void: this payment is already voided');
    }
    if ((await db.journal.where('id').equals(parsed.id).count()) > 0) throw new VoidRefused('Void: already recorded');
    await appendToJournal(db, entry);
    await db.outbox.add({ id: parsed.id, kind: 'void', void: parsed, state: 'pending', queuedAt: new Date().toISOString(), attempts: 0 });
  });
  return entry;
}

export async function journalEntry(db: CounterDb, id: string): Promise<JournalEntry | undefined> {
  return db.journal.where('id').equals(id).first();
}

/**
 * Payments taken within `[start, end)` (a business day's bounds), newest first, each with its void if it
 * has one: for voids and reprints. A void taken after the day still marks its payment.
 */
export async function paymentsBetween(db: CounterDb, bounds: { start: Date; end: Date }): Promise<Array<{ entry: PaymentEntry; voided: VoidEntry | null }>> {
  const entries = await db.journal.where('takenAt').between(bounds.start.toISOString(), bounds.end.toISOString(), true, false).reverse().toArray();
  const payments = entries.filter((e): e is PaymentEntry => e.kind === 'payment');
  const ids = payments.map((p) => p.id);
  const found = ids.length === 0 ? [] : await db.journal.where('voidsPaymentId').anyOf(ids).toArray();
  const voids = new Map(found.filter((e): e is VoidEntry => e.kind === 'void').map((v) => [v.voidsPaymentId, v]));
  return payments.map((entry) => ({ entry, voided: voids.get(entry.id) ?? null }));
}

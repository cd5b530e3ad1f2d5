/** The one write path for payments: journal and outbox in one strict transaction. */
import type { Account } from '../../../shared/accounts/account';
import { paymentSchema, type Payment } from '../../../shared/payments/payment';
import type { CounterDb, JournalEntry } from './schema';

export class DuplicatePaymentError extends Error {
  constructor(id: string) {
    super(`Payment ${id} is already recorded; it was not recorded twice`);
  }
}

/**
 * Records a taken payment. Resolves only after IndexedDB reports the commit, so a receipt shown after it
 * stands for a stored payment. Nothing is sent here: the sync runner reads the outbox.
 */
export async function commitPayment(db: CounterDb, payment: Payment, accounts: Record<string, Account>): Promise<JournalEntry> {
  const p = paymentSchema.parse(payment);
  const entry: JournalEntry = { id: p.id, kind: 'payment', takenAt: p.takenAt, payment: p, accounts };
  await db.transaction('rw', db.journal, db.outbox, async () => {
    if ((await db.journal.where('id').equals(p.id).count()) > 0) throw new DuplicatePaymentError(p.id);
    entry.seq = await db.journal.add(entry);
    await db.outbox.add({ id: p.id, kind: 'payment', payment: p, state: 'pending', queuedAt: new Date().toISOString(), attempts: 0 });
  });
  return entry;
}

export async function journalEntry(db: CounterDb, id: string): Promise<JournalEntry | undefined> {
  return db.journal.where('id').equals(id).first();
}

/** Today's payments, newest first, for reprints. */
export async function paymentsSince(db: CounterDb, sinceIso: string): Promise<JournalEntry[]> {
  return db.journal.where('takenAt').aboveOrEqual(sinceIso).reverse().toArray();
}

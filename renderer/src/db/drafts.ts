/**
 * The payment being typed, one per cashier per station (shared/payments/draft.ts says why). Kept in the
 * meta store; `commitDrawerPayment` deletes it in the transaction that records the payment.
 */
import { paymentDraftSchema, scrubDraft, type PaymentDraft } from '../../../shared/payments/draft';
import type { CounterDb } from './schema';

export function draftKey(stationId: string, cashier: string): string {
  return `draft:${stationId}:${cashier}`;
}

/**
 * Stores the draft unless its payment is already in the journal: a save that lands after the post
 * must not bring a posted payment back as a draft.
 */
export async function saveDraft(db: CounterDb, draft: PaymentDraft): Promise<void> {
  const clean = scrubDraft(paymentDraftSchema.parse(draft));
  await db.transaction('rw', db.meta, db.journal, async () => {
    if ((await db.journal.where('id').equals(clean.paymentId).count()) > 0) return;
    await db.meta.put({ key: draftKey(clean.stationId, clean.cashier), value: JSON.stringify(clean) });
  });
}

export type LoadedDraft = { draft: PaymentDraft } | { unreadable: string } | null;

/**
 * The cashier's unposted draft, if any. A draft whose payment was posted after all is deleted and not
 * offered; one that no longer parses is reported (and kept) rather than dropped in silence.
 */
export async function loadDraft(db: CounterDb, stationId: string, cashier: string): Promise<LoadedDraft> {
  const key = draftKey(stationId, cashier);
  return db.transaction('rw', db.meta, db.journal, async () => {
    const row = await db.meta.get(key);
    if (!row) return null;
    let json: unknown;
    try {
      json = JSON.parse(row.value);
    } catch {
      json = null;
    }
    const parsed = paymentDraftSchema.safeParse(json);
    if (!parsed.success) return { unreadable: `the saved payment in progress could not be read (${parsed.error.issues[0]?.message ?? 'not a draft'})` };
    if ((await db.journal.where('id').equals(parsed.data.paymentId).count()) > 0) {
      await db.meta.delete(key);
      return null;
    }
    return { draft: parsed.data };
  });
}

/** Deletes the cashier's draft if it is still the one for `paymentId` (a newer draft stays). */
export async function discardDraft(db: CounterDb, stationId: string, cashier: string, paymentId: string | null): Promise<void> {
  const key = draftKey(stationId, cashier);
  await db.transaction('rw', db.meta, async () => {
    const row = await db.meta.get(key);
    if (!row) return;
    if (paymentId !== null && draftPaymentId(row.value) !== paymentId) return;
    await db.meta.delete(key);
  });
}

function draftPaymentId(value: string): string | null {
  try {
    const v = JSON.parse(value) as { paymentId?: unknown };
    return typeof v.paymentId === 'string' ? v.paymentId : null;
  } catch {
    return null;
  }
}

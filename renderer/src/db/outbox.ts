/** The outbox as the sync runner sees it: pending entries in order, and central's answers applied. */
import type { PaymentResult } from '../../../shared/sync/protocol';
import type { CentralAnswer, CounterDb, OutboxEntry } from './schema';

export async function pendingBatch(db: CounterDb, limit: number): Promise<OutboxEntry[]> {
  return db.outbox.where('[state+seq]').between(['pending', -Infinity], ['pending', Infinity]).limit(limit).toArray();
}

export async function countPending(db: CounterDb): Promise<number> {
  return db.outbox.where('[state+seq]').between(['pending', -Infinity], ['pending', Infinity]).count();
}

export async function oldestPending(db: CounterDb): Promise<OutboxEntry | undefined> {
  return db.outbox.where('[state+seq]').between(['pending', -Infinity], ['pending', Infinity]).first();
}

/** Entries still waiting that were queued before `beforeIso`, oldest first: what does not get through. */
export async function stuckEntries(db: CounterDb, beforeIso: string): Promise<OutboxEntry[]> {
  const before = Date.parse(beforeIso);
  return db.outbox
    .where('[state+seq]')
    .between(['pending', -Infinity], ['pending', Infinity])
    .filter((e) => Date.parse(e.queuedAt) < before)
    .toArray();
}

/** Entries central stored without applying them (the back office decides). */
export async function countHeld(db: CounterDb): Promise<number> {
  return db.outbox.where('[state+seq]').between(['held', -Infinity], ['held', Infinity]).count();
}

export async function entriesNeedingAttention(db: CounterDb): Promise<OutboxEntry[]> {
  return db.outbox.filter((e) => e.state === 'conflict' || e.state === 'rejected').toArray();
}

/**
 * Applies central's per-item answers in one transaction, with one read and one bulk write per table (one
 * store operation per answer made a 10,000-payment drain ten times slower). An entry leaves `pending` only
 * on an answer; entries central did not answer about stay pending.
 */
export async function applyResults(db: CounterDb, results: PaymentResult[]): Promise<void> {
  if (results.length === 0) return;
  const byId = new Map(results.map((r) => [r.id, r]));
  await db.transaction('rw', db.outbox, db.journal, async () => {
    const entries = await db.outbox.where('id').anyOf([...byId.keys()]).toArray();
    const updated: OutboxEntry[] = [];
    const sent = new Map<string, CentralAnswer>();
    for (const entry of entries) {
      const r = byId.get(entry.id);
      if (!r || entry.state !== 'pending') continue;
      switch (r.status) {
        case 'posted':
        case 'already_posted':
          updated.push({ ...entry, state: 'sent', reference: r.reference, attempts: entry.attempts + 1 });
          sent.set(r.id, { reference: r.reference, postedAt: r.postedAt });
          break;
        case 'held':
          // Delivered and stored, not applied: the money was taken, the back office decides. Never resent.
          updated.push({ ...entry, state: 'held', reference: r.reference, lastError: r.reason, attempts: entry.attempts + 1 });
          sent.set(r.id, { reference: r.reference, postedAt: r.postedAt, held: r.reason });
          break;
        case 'conflict':
        case 'rejected':
          updated.push({ ...entry, state: r.status, lastError: r.error, attempts: entry.attempts + 1 });
          break;
        default: {
          const never: never = r;
          throw new Error(`Unknown result ${JSON.stringify(never)}`);
        }
      }
    }
    await db.outbox.bulkPut(updated);
    if (sent.size > 0) {
      await db.journal
        .where('id')
        .anyOf([...sent.keys()])
        .modify((e) => {
          e.central = sent.get(e.id);
        });
    }
  });
}

/** Notes a failed attempt on the entries of a batch; they stay pending. */
export async function noteAttempt(db: CounterDb, ids: string[], error: string): Promise<void> {
  await db.transaction('rw', db.outbox, async () => {
    await db.outbox.where('id').anyOf(ids).modify((e) => {
      e.attempts += 1;
      e.lastError = error;
    });
  });
}

export async function lastSentAt(db: CounterDb): Promise<string | undefined> {
  return (await db.meta.get('lastSyncAt'))?.value;
}

import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CounterDb } from '../../../../renderer/src/db/schema';
import { commitPayment, commitVoid, DuplicatePaymentError, paymentsBetween } from '../../../../renderer/src/db/payments';
import { uuidv7 } from '../../../../shared/ids';
import { businessDayBounds } from '../../../../shared/time/business-day';
import { applyResults, countPending, pendingBatch } from '../../../../renderer/src/db/outbox';
import { verifyJournal } from '../../../../renderer/src/db/journal';
import { cashPayment, rosa } from '../sample';
import { journalContent, type JournalEntry, type PaymentEntry } from '../../../../renderer/src/db/schema';
import { chainHash } from '../../../../shared/journal/chain';

let db: CounterDb;
beforeEach(() => {
  db = new CounterDb(`test-${Math.random()}`);
});
afterEach(async () => {
  await db.delete();
});

describe('commitPayment', () => {
  it('writes the payment to the journal and the outbox together', async () => {
    const p = cashPayment();
    await commitPayment(db, p, { [rosa.number]: rosa });
    const journal = (await db.journal.toArray()).flatMap((e) => (e.kind === 'payment' ? [e] : []));
    const outbox = await db.outbox.toArray();
    expect(journal).toHaveLength(1);
    expect(journal[0]?.payment.total).toBe('182.40');
    expect(journal[0]?.accounts['1000000001']?.name).toBe('Rosa Delgado');
    expect(outbox).toMatchObject([{ id: p.id, state: 'pending', attempts: 0 }]);
  });

  it('records a payment id once: a second commit of the same id is refused and writes nothing', async () => {
    const p = cashPayment();
    await commitPayment(db, p, {});
    await expect(commitPayment(db, p, {})).rejects.toBeInstanceOf(DuplicatePaymentError);
    expect(await db.journal.count()).toBe(1);
    expect(await db.outbox.count()).toBe(1);
  });

  it('refuses a malformed payment and writes nothing', async () => {
    await expect(commitPayment(db, cashPayment({ total: '182.400' as never }), {})).rejects.toThrow();
    expect(await db.journal.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });
});

describe("a business day's payments", () => {
  it('lists the payments between the Pacific midnights, newest first, with their voids, whatever UTC says', async () => {
    const before = cashPayment({ takenAt: '2026-11-20T07:59:59.999Z' }); // 23:59:59.999 on the 19th in Portland
    const afternoon = cashPayment({ takenAt: '2026-11-21T00:30:00.000Z' }); // 16:30 on the 20th
    const late = cashPayment({ takenAt: '2026-11-21T07:59:00.000Z' }); // 23:59 on the 20th
    const after = cashPayment({ takenAt: '2026-11-21T08:00:00.000Z' }); // midnight starting the 21st
    for (const p of [before, afternoon, late, after]) await commitPayment(db, p, {});
    // Voided just after midnight: still marks the payment of the 20th.
    await commitVoid(db, {
      id: uuidv7(), paymentId: late.id, utility: 'pwb', stationId: 'station-1', cashier: 'cashier1', approvedBy: 'supervisor1',
      reason: 'Wrong account keyed', drawerSessionId: null, takenAt: '2026-11-21T08:01:00.000Z',
    });
    const day = await paymentsBetween(db, businessDayBounds('2026-11-20', 'America/Los_Angeles'));
    expect(day.map((p) => [p.entry.payment.takenAt, p.voided ? 'voided' : 'stands'])).toEqual([
      [late.takenAt, 'voided'],
      [afternoon.takenAt, 'stands'],
    ]);
    expect(await paymentsBetween(db, businessDayBounds('2026-11-21', 'America/Los_Angeles'))).toMatchObject([{ entry: { id: after.id }, voided: null }]);
  });
});

describe('a void', () => {
  it("is for today's payments only: a payment of the center's yesterday is refused, nothing written; one of today is voided", async () => {
    const yesterday = cashPayment({ takenAt: '2026-11-21T07:30:00.000Z' }); // 23:30 on the 20th in Portland
    const today = cashPayment({ takenAt: '2026-11-21T08:30:00.000Z' }); // 00:30 on the 21st
    for (const p of [yesterday, today]) await commitPayment(db, p, {});
    const voidOf = (paymentId: string) => ({
      id: uuidv7(), paymentId, utility: 'pwb', stationId: 'station-1', cashier: 'cashier1', approvedBy: 'supervisor1',
      reason: 'Wrong account keyed', drawerSessionId: null, takenAt: '2026-11-21T09:00:00.000Z', // 01:00 on the 21st
    });
    const journal = await db.journal.count();
    await expect(commitVoid(db, voidOf(yesterday.id), { timeZone: 'America/Los_Angeles' })).rejects.toThrow(
      "Void: this payment was taken on 2026-11-20; only today's payments can be voided. Nothing was voided",
    );
    expect(await db.journal.count()).toBe(journal);
    await commitVoid(db, voidOf(today.id), { timeZone: 'America/Los_Angeles' });
    expect(await db.journal.count()).toBe(journal + 1);
  });
});

describe('the outbox', () => {
  it('hands out pending entries in the order they were taken', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const p = cashPayment();
      ids.push(p.id);
      await commitPayment(db, p, {});
    }
    expect((await pendingBatch(db, 3)).map((e) => e.id)).toEqual(ids.slice(0, 3));
  });

  it('marks entries sent only on central answers, and keeps conflicts and refusals', async () => {
    const [a, b, c, d] = [cashPayment(), cashPayment(), cashPayment(), cashPayment()];
    for (const p of [a, b, c, d]) await commitPayment(db, p!, {});
    await applyResults(db, [
      { id: a!.id, status: 'posted', reference: 'P00000001', postedAt: '2026-11-22T10:00:00Z' },
      { id: b!.id, status: 'already_posted', reference: 'P00000002', postedAt: '2026-11-22T10:00:00Z' },
      { id: c!.id, status: 'conflict', error: 'id already used with other contents' },
    ]);
    const states = Object.fromEntries((await db.outbox.toArray()).map((e) => [e.id, e.state]));
    expect(states).toEqual({ [a!.id]: 'sent', [b!.id]: 'sent', [c!.id]: 'conflict', [d!.id]: 'pending' });
    expect(await countPending(db)).toBe(1);
    expect((await db.journal.where('id').equals(a!.id).first())?.central?.reference).toBe('P00000001');
    expect(await db.outbox.count()).toBe(4);
  });
});

describe('the journal chain', () => {
  it('numbers entries without gaps and verifies; a changed amount is named', async () => {
    for (let i = 0; i < 4; i++) await commitPayment(db, cashPayment(), {});
    expect(await verifyJournal(db)).toEqual({ ok: true, count: 4 });
    expect((await db.journal.orderBy('seq').toArray()).map((e) => e.n)).toEqual([1, 2, 3, 4]);
    // Someone edits the third payment's amount in a copy of the store.
    const third = (await db.journal.orderBy('seq').toArray())[2]!;
    await db.journal.update(third.seq!, { 'payment.total': '1.00' } as never);
    expect(await verifyJournal(db)).toMatchObject({ ok: false, at: 3, problem: 'entry 3 was changed after it was written' });
  });

  it("is signed with the station's own key, which the page cannot read: an entry edited and re-hashed without it is named", async () => {
    for (let i = 0; i < 3; i++) await commitPayment(db, cashPayment(), {});
    const stored = await db.keys.get('journal');
    expect(stored?.key.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('raw', stored!.key)).rejects.toThrow();
    const entries = await db.journal.orderBy('seq').toArray();
    expect(entries.map((e) => e.v)).toEqual([2, 2, 2]);
    // The old keyless way: change the amount and recompute the entry's SHA-256.
    const second = entries[1]!;
    const edited = { ...second, payment: { ...(second as PaymentEntry).payment, total: '1.00' } } as JournalEntry;
    await db.journal.put({ ...edited, hash: chainHash(second.n!, second.prevHash!, journalContent(edited)) });
    expect(await verifyJournal(db)).toMatchObject({ ok: false, at: 2, problem: 'entry 2 was changed after it was written' });
  });

  it('a removed entry breaks the chain at the gap', async () => {
    for (let i = 0; i < 3; i++) await commitPayment(db, cashPayment(), {});
    const second = (await db.journal.orderBy('seq').toArray())[1]!;
    await db.journal.delete(second.seq!);
    expect(await verifyJournal(db)).toMatchObject({ ok: false, at: 3 });
  });

  it("central's answer is recorded without breaking the chain", async () => {
    const p = cashPayment();
    await commitPayment(db, p, {});
    await applyResults(db, [{ id: p.id, status: 'posted', reference: 'P00000009', postedAt: '2026-11-22T10:00:00Z' }]);
    expect(await verifyJournal(db)).toEqual({ ok: true, count: 1 });
  });
});

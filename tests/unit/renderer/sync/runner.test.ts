import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CounterDb } from '../../../../renderer/src/db/schema';
import { commitPayment } from '../../../../renderer/src/db/payments';
import { countPending } from '../../../../renderer/src/db/outbox';
import { startSyncRunner, type SyncRunner } from '../../../../renderer/src/features/sync/runner';
import { CentralUnreachable, type CentralClient } from '../../../../renderer/src/features/sync/central-client';
import type { Payment } from '../../../../shared/payments/payment';
import type { Void } from '../../../../shared/payments/void';
import type { PaymentResult } from '../../../../shared/sync/protocol';
import { canonicalPayment } from '../../../../shared/payments/payment';
import { cashPayment } from '../sample';
import { canonicalBatch, type DropBoxBatch } from '../../../../shared/dropbox/batch';
import { addItem, closeBatch, openBatch } from '../../../../renderer/src/db/dropbox';
import { portlandWaterBureau } from '../../../../shared/profiles';
import { uuidv7 } from '../../../../shared/ids';

/** A central that stores ids once, and can be told to drop requests or lose its replies. */
function fakeCentral() {
  const stored = new Map<string, { canonical: string; reference: string }>();
  const received: string[][] = [];
  const dropBoxRequests: string[][] = [];
  let mode: 'up' | 'down' | 'lose-reply' = 'up';
  async function post(items: Array<{ id: string; canonical: string }>) {
    if (mode === 'down') throw new CentralUnreachable('connection refused');
    received.push(items.map((p) => p.id));
    const results: PaymentResult[] = items.map((p) => {
      const had = stored.get(p.id);
      if (!had) {
        const reference = `P${String(stored.size + 1).padStart(8, '0')}`;
        stored.set(p.id, { canonical: p.canonical, reference });
        return { id: p.id, status: 'posted', reference, postedAt: new Date().toISOString() };
      }
      return had.canonical === p.canonical
        ? { id: p.id, status: 'already_posted', reference: had.reference, postedAt: new Date().toISOString() }
        : { id: p.id, status: 'conflict', error: 'other contents' };
    });
    if (mode === 'lose-reply') throw new CentralUnreachable('reply lost');
    return { results };
  }
  const client: CentralClient = {
    async account() {
      return null;
    },
    async feed() {
      return { accounts: [], cursor: '0', more: false };
    },
    async health() {
      if (mode !== 'up') throw new CentralUnreachable('connection refused');
    },
    async postPayments(payments: Payment[]) {
      return post(payments.map((p) => ({ id: p.id, canonical: canonicalPayment(p) })));
    },
    async postVoids(voids: Void[]) {
      return post(voids.map((v) => ({ id: v.id, canonical: JSON.stringify(v) })));
    },
    async postDropBoxBatches(batches: DropBoxBatch[]) {
      dropBoxRequests.push(batches.map((b) => b.id));
      return post(batches.map((b) => ({ id: b.id, canonical: canonicalBatch(b) })));
    },
    async postCloseouts(closeouts) {
      return post(closeouts.map((x) => ({ id: x.id, canonical: JSON.stringify(x) })));
    },
    async postDeposits(deposits) {
      return post(deposits.map((x) => ({ id: x.id, canonical: JSON.stringify(x) })));
    },
  };
  return {
    client,
    stored,
    received,
    dropBoxRequests,
    set(m: typeof mode) {
      mode = m;
    },
  };
}

async function until(check: () => Promise<boolean>, ms = 15_000) {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > ms) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 10));
  }
}

let db: CounterDb;
let runner: SyncRunner | null = null;
beforeEach(() => {
  db = new CounterDb(`sync-${Math.random()}`);
});
afterEach(async () => {
  await runner?.stop();
  runner = null;
  await db.delete();
});

describe('the sync runner', () => {
  it('sends the outbox in order and empties it on central answers', async () => {
    const central = fakeCentral();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const p = cashPayment();
      ids.push(p.id);
      await commitPayment(db, p, {});
    }
    runner = startSyncRunner(db, central.client);
    await until(async () => (await countPending(db)) === 0);
    expect(central.received.flat()).toEqual(ids);
    expect(central.stored.size).toBe(3);
  });

  it('keeps payments while central is down and delivers them once it is back', async () => {
    const central = fakeCentral();
    central.set('down');
    runner = startSyncRunner(db, central.client);
    await commitPayment(db, cashPayment(), {});
    await commitPayment(db, cashPayment(), {});
    runner.kick();
    await until(async () => (await db.outbox.filter((e) => e.attempts > 0).count()) === 2);
    expect(await countPending(db)).toBe(2);
    central.set('up');
    runner.kick();
    await until(async () => (await countPending(db)) === 0);
    expect(central.stored.size).toBe(2);
  });

  it('a lost reply is resent with the same id and stored once', async () => {
    const central = fakeCentral();
    central.set('lose-reply');
    const p = cashPayment();
    await commitPayment(db, p, {});
    runner = startSyncRunner(db, central.client);
    await until(async () => central.received.length >= 2);
    central.set('up');
    runner.kick();
    await until(async () => (await countPending(db)) === 0);
    expect(central.stored.size).toBe(1);
    expect(new Set(central.received.flat())).toEqual(new Set([p.id]));
    expect((await db.outbox.toArray())[0]?.state).toBe('sent');
  });

  it('sends each closed drop-box batch alone to its own endpoint, in outbox order between payments', async () => {
    const central = fakeCentral();
    const before = cashPayment();
    await commitPayment(db, before, {});
    const batchIds: string[] = [];
    for (let b = 0; b < 2; b++) {
      const id = uuidv7();
      batchIds.push(id);
      await openBatch(db, {
        id,
        utility: 'pwb',
        stationId: 'station-1',
        clerk: 'dropbox1',
        retrievedAt: '2026-11-22T07:30:00-08:00',
        retrievalDate: '2026-11-22',
        emptiedBy: ['Ann Lee', 'Bo Diaz'],
        controlCount: 1,
        controlTotal: '182.40' as DropBoxBatch['controlTotal'],
        openedAt: '2026-11-22T16:00:00.000Z',
      });
      await addItem(db, id, {
        id: uuidv7(),
        kind: 'applied',
        amount: '182.40' as DropBoxBatch['controlTotal'],
        checkNumber: '1042',
        enteredAt: '2026-11-22T16:01:00.000Z',
        accountNumber: '1000000001',
        entry: 'scan',
        amountDue: '182.40' as DropBoxBatch['controlTotal'],
        match: 'exact',
      });
      await closeBatch(db, id, portlandWaterBureau, { closedAt: '2026-11-22T16:02:00.000Z' });
    }
    const after = cashPayment();
    await commitPayment(db, after, {});
    runner = startSyncRunner(db, central.client);
    await until(async () => (await countPending(db)) === 0);
    expect(central.received).toEqual([[before.id], [batchIds[0]], [batchIds[1]], [after.id]]);
    expect(central.dropBoxRequests).toEqual([[batchIds[0]], [batchIds[1]]]);
    expect((await db.journal.where('id').equals(batchIds[0]!).first())?.central?.reference).toMatch(/^P/);
  });

  it('random interleavings of posting, outages and lost replies leave exactly one central row per payment', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom('post', 'down', 'up', 'lose'), { minLength: 1, maxLength: 12 }), async (ops) => {
        const local = new CounterDb(`prop-${Math.random()}`);
        const central = fakeCentral();
        const r = startSyncRunner(local, central.client, { lockName: `prop-${Math.random()}` });
        const posted: string[] = [];
        try {
          for (const op of ops) {
            if (op === 'post') {
              const p = cashPayment();
              posted.push(p.id);
              await commitPayment(local, p, {});
              r.kick();
            } else central.set(op === 'lose' ? 'lose-reply' : op);
            await new Promise((res) => setTimeout(res, 5));
          }
          central.set('up');
          r.kick();
          await until(async () => (await countPending(local)) === 0);
          expect([...central.stored.keys()].sort()).toEqual([...posted].sort());
        } finally {
          await r.stop();
          await local.delete();
        }
      }),
      { numRuns: 15 },
    );
  });
});

import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CounterDb } from '../../../../renderer/src/db/schema';
import { addItem, batchItems, BatchRefused, batchSyncState, closeBatch, closedBatchEntry, openBatch, openBatchOf, removeItem } from '../../../../renderer/src/db/dropbox';
import { verifyJournal } from '../../../../renderer/src/db/journal';
import { uuidv7 } from '../../../../shared/ids';
import type { MoneyString } from '../../../../shared/money/money';
import { portlandWaterBureau } from '../../../../shared/profiles';
import type { BatchHeader, UnnumberedItem } from '../../../../shared/dropbox/batch';

const m = (s: string) => s as MoneyString;
let db: CounterDb;
beforeEach(() => {
  db = new CounterDb(`dropbox-${Math.random()}`);
});
afterEach(async () => {
  await db.delete();
});

function header(over: Partial<BatchHeader> = {}): BatchHeader {
  return {
    id: uuidv7(),
    utility: 'pwb',
    stationId: 'station-1',
    clerk: 'dropbox1',
    retrievedAt: '2026-11-20T07:30:00-08:00',
    retrievalDate: '2026-11-20',
    emptiedBy: ['Ann Lee', 'Bo Diaz'],
    controlCount: 2,
    controlTotal: m('232.40'),
    openedAt: '2026-11-20T16:00:00.000Z',
    ...over,
  };
}

function check(amount: string, accountNumber = '1000000001'): UnnumberedItem {
  return { id: uuidv7(), kind: 'applied', amount: m(amount), checkNumber: '1042', enteredAt: new Date().toISOString(), accountNumber, entry: 'typed', amountDue: null, match: null };
}

describe('drop-box batches on the station', () => {
  it('keeps an open batch and its items as they are entered, numbered in entry order', async () => {
    const h = header();
    await openBatch(db, h);
    const a = await addItem(db, h.id, check('182.40'));
    const b = await addItem(db, h.id, check('10.00', '1000000002'));
    await removeItem(db, h.id, b.id);
    const c = await addItem(db, h.id, check('50.00', '1000000002'));
    expect([a.n, b.n, c.n]).toEqual([1, 2, 3]);
    expect((await batchItems(db, h.id)).map((i) => [i.n, i.amount])).toEqual([
      [1, '182.40'],
      [3, '50.00'],
    ]);
    expect((await openBatchOf(db, 'station-1'))?.id).toBe(h.id);
  });

  it('opens one batch at a time per station', async () => {
    await openBatch(db, header());
    await expect(openBatch(db, header())).rejects.toThrow(new BatchRefused('Batch: the batch of 2026-11-20 is still open on this station; close it first'));
    await openBatch(db, header({ stationId: 'station-2' }));
  });

  it('closes a balanced batch into the journal and the outbox in one transaction; the chain verifies', async () => {
    const h = header();
    await openBatch(db, h);
    await addItem(db, h.id, check('182.40'));
    await addItem(db, h.id, check('50.00', '1000000002'));
    const entry = await closeBatch(db, h.id, portlandWaterBureau, { closedAt: '2026-11-23T16:30:00.000Z' });
    expect(entry.batch.items.map((i) => i.n)).toEqual([1, 2]);
    expect(entry.batch.approval).toBeNull();
    expect(await closedBatchEntry(db, h.id)).toMatchObject({ kind: 'dropbox_batch', takenAt: '2026-11-23T16:30:00.000Z' });
    expect(await batchSyncState(db, h.id)).toEqual({ state: 'pending' });
    const outbox = await db.outbox.toArray();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ kind: 'dropbox_batch', id: h.id, state: 'pending' });
    expect(await verifyJournal(db)).toEqual({ ok: true, count: 1 });
    expect(await openBatchOf(db, 'station-1')).toBeUndefined();
  });

  it('refuses any change to a closed batch, and writes nothing', async () => {
    const h = header();
    await openBatch(db, h);
    const item = await addItem(db, h.id, check('182.40'));
    await addItem(db, h.id, check('50.00'));
    await closeBatch(db, h.id, portlandWaterBureau);
    const closed = new BatchRefused('Batch: this batch is closed; its items cannot be changed');
    await expect(addItem(db, h.id, check('1.00'))).rejects.toThrow(closed);
    await expect(removeItem(db, h.id, item.id)).rejects.toThrow(closed);
    await expect(closeBatch(db, h.id, portlandWaterBureau)).rejects.toThrow(closed);
    expect(await batchItems(db, h.id)).toHaveLength(2);
    expect(await db.journal.count()).toBe(1);
    expect(await db.outbox.count()).toBe(1);
  });

  it('refuses to close an unbalanced batch without a supervisor’s approval, and closes it with one', async () => {
    const h = header({ controlCount: 3 });
    await openBatch(db, h);
    await addItem(db, h.id, check('182.40'));
    await addItem(db, h.id, check('50.00'));
    await expect(closeBatch(db, h.id, portlandWaterBureau)).rejects.toThrow(
      'Close batch: approval: the batch does not balance (2 items, 232.40 against 3, 232.40) and no supervisor approved closing it',
    );
    expect(await db.journal.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    await expect(closeBatch(db, h.id, portlandWaterBureau, { approval: { by: 'dropbox1', note: 'x is fine' } })).rejects.toThrow(
      'Close batch: approval.by: the clerk cannot approve their own batch',
    );
    const entry = await closeBatch(db, h.id, portlandWaterBureau, { approval: { by: 'supervisor1', note: 'the tape counted a deposit slip' } });
    expect(entry.batch.approval).toEqual({ by: 'supervisor1', note: 'the tape counted a deposit slip' });
  });

  it('refuses to close a batch with no checks', async () => {
    const h = header();
    await openBatch(db, h);
    await expect(closeBatch(db, h.id, portlandWaterBureau)).rejects.toThrow('Close batch: enter the checks first; this batch has none');
  });

  it('rolls the whole close back when the outbox cannot take it', async () => {
    const h = header();
    await openBatch(db, h);
    await addItem(db, h.id, check('182.40'));
    await addItem(db, h.id, check('50.00'));
    // An outbox entry already holding the batch id makes the outbox write fail inside the transaction.
    await db.outbox.add({ id: h.id, kind: 'void', void: {} as never, state: 'sent', queuedAt: '', attempts: 0 });
    await expect(closeBatch(db, h.id, portlandWaterBureau)).rejects.toThrow();
    expect(await db.journal.count()).toBe(0);
    expect((await openBatchOf(db, 'station-1'))?.id).toBe(h.id);
  });
});

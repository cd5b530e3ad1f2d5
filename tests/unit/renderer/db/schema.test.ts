import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { CounterDb } from '../../../../renderer/src/db/schema';
import { commitPayment } from '../../../../renderer/src/db/payments';
import { verifyJournal } from '../../../../renderer/src/db/journal';
import { cashPayment } from '../sample';

/**
 * (Dexie reports a primary key without its `&`: primary keys are unique anyway.)
 * The store's versions only ever grow and keep their stores: a station upgraded with payments still queued
 * must open its old database and keep every entry.
 */
const RELEASED: Record<number, Record<string, string>> = {
  1: {
    accounts: '[utility+number],updatedAt',
    journal: '++seq,&id,takenAt',
    outbox: '++seq,&id,[state+seq]',
    users: 'name',
    meta: 'key',
  },
  2: { journal: '++seq,&id,takenAt,voidsPaymentId' },
  3: { drawers: 'id,[stationId+state],cashier', drops: 'id,drawerSessionId', deposits: 'id,businessDate' },
  4: { dropboxBatches: 'id,[stationId+state]', dropboxItems: 'id,[batchId+n]' },
  5: { keys: 'name' },
};

describe('the Dexie schema', () => {
  it('keeps every released version with its stores unchanged', async () => {
    const db = new CounterDb(`schema-${Math.random()}`);
    await db.open();
    const declared = db.verno;
    expect(declared).toBeGreaterThanOrEqual(Math.max(...Object.keys(RELEASED).map(Number)));
    // What the latest version declares: each version's stores over the ones before it.
    const latest = Object.assign({}, ...Object.keys(RELEASED).map(Number).sort((a, b) => a - b).map((v) => RELEASED[v]!)) as Record<string, string>;
    for (const [name, spec] of Object.entries(latest)) {
      const table = db.table(name);
      const keys = [table.schema.primKey.src, ...table.schema.indexes.map((i) => i.src)].join(',');
      expect(keys.replace(/\s/g, '')).toBe(spec);
    }
    db.close();
    await db.delete();
  });

  it('reopening the store keeps queued payments', async () => {
    const name = `reopen-${Math.random()}`;
    const first = new CounterDb(name);
    await commitPayment(first, cashPayment(), {});
    await commitPayment(first, cashPayment(), {});
    first.close();
    const again = new CounterDb(name);
    expect(await again.outbox.count()).toBe(2);
    expect(await again.journal.count()).toBe(2);
    await again.delete();
  });
});

describe('upgrading the store', () => {
  it('opens a version-1 store holding queued payments and keeps every entry', async () => {
    const name = `upgrade-${Math.random()}`;
    // A station on the first release: only version 1 of the schema.
    const { default: Dexie } = await import('dexie');
    const v1 = new Dexie(name);
    v1.version(1).stores(RELEASED[1]!);
    await v1.open();
    const payments = Array.from({ length: 50 }, () => cashPayment());
    await v1.table('journal').bulkAdd(payments.map((p) => ({ id: p.id, kind: 'payment', takenAt: p.takenAt, payment: p, accounts: {} })));
    await v1.table('outbox').bulkAdd(payments.map((p) => ({ id: p.id, kind: 'payment', payment: p, state: 'pending', queuedAt: p.takenAt, attempts: 0 })));
    v1.close();

    const upgraded = new CounterDb(name);
    await upgraded.open();
    expect(upgraded.verno).toBeGreaterThan(1);
    expect(await upgraded.outbox.count()).toBe(50);
    expect((await upgraded.outbox.toArray()).map((e) => e.id)).toEqual(payments.map((p) => p.id));
    expect(await upgraded.journal.count()).toBe(50);
    // The entries written before the chain existed are chained in their order by the upgrade.
    expect(await verifyJournal(upgraded)).toEqual({ ok: true, count: 50 });
    await upgraded.delete();
  });
});

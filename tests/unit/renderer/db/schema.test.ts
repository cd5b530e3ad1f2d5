import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { CounterDb } from '../../../../renderer/src/db/schema';
import { commitPayment } from '../../../../renderer/src/db/payments';
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
};

describe('the Dexie schema', () => {
  it('keeps every released version with its stores unchanged', async () => {
    const db = new CounterDb(`schema-${Math.random()}`);
    await db.open();
    const declared = db.verno;
    expect(declared).toBeGreaterThanOrEqual(Math.max(...Object.keys(RELEASED).map(Number)));
    for (const [name, spec] of Object.entries(RELEASED[1]!)) {
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

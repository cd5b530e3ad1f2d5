/** Central keeps the journal heads stations send with their batches. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journalHeadsOf } from '../../../central/src/journal-heads';
import { AUTH, cashPayment, openTestCentral, paymentCount, type TestCentral } from './helpers';

let c: TestCentral;
beforeAll(async () => {
  c = await openTestCentral();
});
afterAll(async () => {
  await c.close();
});

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const payment = (stationId = 'unit-1') => ({ ...cashPayment({ lines: [{ accountNumber: '1000000001', amount: '10.00' }] }), stationId });
const postWith = (url: string, payload: Record<string, unknown>) => c.app.inject({ method: 'POST', url, headers: AUTH, payload });

describe('journal heads', () => {
  it('keeps each head sent with a batch, once, whatever the endpoint; two hashes at one number are both kept', async () => {
    expect((await postWith('/v1/payments', { payments: [payment()], journalHead: { stationId: 'unit-1', n: 3, hash: A } })).statusCode).toBe(200);
    expect((await postWith('/v1/payments', { payments: [payment()], journalHead: { stationId: 'unit-1', n: 3, hash: A } })).statusCode).toBe(200);
    // A void central cannot match is answered per item; its head is kept all the same.
    await postWith('/v1/voids', { voids: [{ id: 'x', stationId: 'unit-1', utility: 'pwb' }], journalHead: { stationId: 'unit-1', n: 5, hash: B } });
    await postWith('/v1/payments', { payments: [payment()], journalHead: { stationId: 'unit-1', n: 5, hash: A } });
    await postWith('/v1/payments', { payments: [payment('front-1')], journalHead: { stationId: 'front-1', n: 1, hash: B } });
    expect((await journalHeadsOf(c.db, 'unit-1')).map(({ n, hash }) => ({ n, hash }))).toEqual(
      expect.arrayContaining([{ n: 3, hash: A }, { n: 5, hash: A }, { n: 5, hash: B }]),
    );
    expect(await journalHeadsOf(c.db, 'unit-1')).toHaveLength(3);
    expect((await journalHeadsOf(c.db, 'front-1')).map((h) => h.n)).toEqual([1]);
  });

  it('a batch without a head is answered as before', async () => {
    const p = payment();
    expect((await postWith('/v1/payments', { payments: [p] })).statusCode).toBe(200);
    expect(await paymentCount(c.db, p.id)).toBe(1);
  });

  it('a malformed head is refused with 400 naming its field, and nothing of the batch is posted', async () => {
    const p = payment();
    const res = await postWith('/v1/payments', { payments: [p], journalHead: { stationId: 'unit-1', n: 6, hash: 'not-a-hash' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ field: 'journalHead.hash' });
    expect(await paymentCount(c.db, p.id)).toBe(0);
  });

  it('heads are never changed or deleted', async () => {
    await expect(c.db.query(`delete from journal_heads where station_id = 'unit-1'`)).rejects.toThrow('journal heads are never changed or deleted');
  });
});

/** A whole shift from the station's store to central through the outbox: payments, the void, the close-out and the deposit, each once. */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../../shared/ids';
import { portlandWaterBureau } from '../../../../shared/profiles';
import { CounterDb } from '../../../../renderer/src/db/schema';
import { commitDrawerPayment, commitDrawerVoid, openDrawer, prepareDeposit, recordDrop, signOff, submitCount } from '../../../../renderer/src/db/drawer';
import { countPending } from '../../../../renderer/src/db/outbox';
import { centralClient } from '../../../../renderer/src/features/sync/central-client';
import { startSyncRunner } from '../../../../renderer/src/features/sync/runner';
import { AUTH, openTestCentral, type TestCentral } from '../../central/helpers';
import { approval, seedCheapUsers, typed } from '../drawer-sample';
import { BAG_COUNT, CLOSE_COUNT, DROP_COUNT, FLOAT_COUNT, P1, P2, P3, P4, P5 } from '../../shared/drawer/shift';
import { withBounds } from '../../../../shared/time/business-day';

let db: CounterDb;
let c: TestCentral;
beforeEach(async () => {
  db = new CounterDb(`sync-${Math.random()}`);
  await seedCheapUsers(db);
  c = await openTestCentral(0);
});
afterEach(async () => {
  await db.delete();
  await c.close();
});

describe('close-outs and deposits sync like payments', () => {
  it('reach central once each, after the payments they sum up', async () => {
    const settings = portlandWaterBureau.drawer;
    const sup = await approval(db, 'supervisor1');
    const d = await openDrawer(db, { stationId: 'station-1', utility: 'pwb', cashier: 'cashier1', floatCount: typed(FLOAT_COUNT), note: '', approval: sup, settings, at: new Date('2026-11-22T16:00:00Z') });
    for (const p of [P1, P2, P3, P4, P5]) await commitDrawerPayment(db, { ...p, drawerSessionId: d.id }, {}, settings);
    await commitDrawerVoid(db, { id: uuidv7(), paymentId: P1.id, utility: 'pwb', stationId: 'station-1', cashier: 'cashier1', approvedBy: 'supervisor1', reason: 'Wrong account keyed', drawerSessionId: d.id, takenAt: '2026-11-22T18:00:00.000Z' });
    await recordDrop(db, { drawerId: d.id, count: typed(DROP_COUNT), witness: sup });
    await submitCount(db, { drawerId: d.id, form: { cash: typed(CLOSE_COUNT), checksCount: '2', checksTotal: '396.15', moneyOrdersCount: '1', moneyOrdersTotal: '58.00', cardTotal: '250.00' } });
    await signOff(db, { drawerId: d.id, approval: sup, note: '', settings });
    await prepareDeposit(db, { stationId: 'station-1', utility: 'pwb', today: withBounds('2026-11-22', 'America/Los_Angeles'), bagNumber: 'BAG-000123', cash: typed(BAG_COUNT), preparedBy: 'supervisor1' });
    expect(await countPending(db)).toBe(8);

    const requests: string[] = [];
    const client = centralClient(async (request) => {
      requests.push(request.path);
      const res = await c.app.inject({ method: request.method, url: request.path, headers: AUTH, ...(request.body !== undefined ? { payload: request.body as Record<string, unknown> } : {}) });
      return { status: res.statusCode, body: res.json() as unknown };
    });
    const runner = startSyncRunner(db, client, { lockName: `t-${Math.random()}` });
    const deadline = Date.now() + 15_000;
    while ((await countPending(db)) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await runner.stop();

    expect((await db.outbox.toArray()).map((e) => [e.kind, e.state])).toEqual([
      ...Array.from({ length: 5 }, () => ['payment', 'sent']),
      ['void', 'sent'],
      ['closeout', 'sent'],
      ['deposit', 'sent'],
    ]);
    expect(requests.filter((r) => r !== '/v1/health')).toEqual(['/v1/payments', '/v1/voids', '/v1/closeouts', '/v1/deposits']);
    const [co] = await c.db.query<{ reference: string; counted_cash: string; over_short_cash: string }>('select reference, counted_cash::text, over_short_cash::text from closeouts');
    expect(co).toMatchObject({ reference: expect.stringMatching(/^C/), counted_cash: '162.45', over_short_cash: '-0.25' });
    const [dep] = await c.db.query<{ total: string; bag_number: string }>('select total::text, bag_number from deposits');
    expect(dep).toEqual({ total: '566.60', bag_number: 'BAG-000123' });
    // Central's reference is noted on the journal entries (outside what their hashes cover).
    const closeoutEntry = await db.journal.where('id').equals(d.id).first();
    expect(closeoutEntry?.central?.reference).toBe(co?.reference);
  });
});

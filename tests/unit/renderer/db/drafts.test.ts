import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CounterDb } from '../../../../renderer/src/db/schema';
import { discardDraft, draftKey, loadDraft, saveDraft } from '../../../../renderer/src/db/drafts';
import { commitDrawerPayment, openDrawer } from '../../../../renderer/src/db/drawer';
import { portlandWaterBureau } from '../../../../shared/profiles';
import { cashPayment, rosa } from '../sample';
import { approval, seedCheapUsers, typed } from '../drawer-sample';
import { FLOAT_COUNT } from '../../shared/drawer/shift';
import { draftFor } from '../../shared/payments/draft-sample';

let db: CounterDb;
beforeEach(async () => {
  db = new CounterDb(`drafts-${Math.random()}`);
  await seedCheapUsers(db);
});
afterEach(async () => {
  await db.delete();
});

describe('payment drafts on disk', () => {
  it('keeps one draft per cashier per station, the newest', async () => {
    await saveDraft(db, draftFor({ bills: '100' }));
    await saveDraft(db, draftFor({ bills: '180' }));
    await saveDraft(db, { ...draftFor({ bills: '5' }), cashier: 'cashier2' });
    const loaded = await loadDraft(db, 'station-1', 'cashier1');
    expect(loaded && 'draft' in loaded ? loaded.draft.values.bills : null).toBe('180');
    expect(await db.meta.where('key').startsWith('draft:').count()).toBe(2);
    expect(await loadDraft(db, 'station-2', 'cashier1')).toBeNull();
  });

  it('posting the payment deletes its draft in the same commit, and a late save does not bring it back', async () => {
    const drawer = await openDrawer(db, {
      stationId: 'station-1',
      utility: 'pwb',
      cashier: 'cashier1',
      floatCount: typed(FLOAT_COUNT),
      note: '',
      approval: await approval(db, 'supervisor1', 'cashier1'),
      settings: portlandWaterBureau.drawer,
      at: new Date('2026-11-22T16:00:00Z'),
    });
    const payment = cashPayment({ drawerSessionId: drawer.id, takenAt: '2026-11-22T17:16:00.000Z' });
    await saveDraft(db, draftFor({}, payment.id));
    await commitDrawerPayment(db, payment, { [rosa.number]: rosa }, portlandWaterBureau.drawer);
    expect(await db.meta.get(draftKey('station-1', 'cashier1'))).toBeUndefined();
    await saveDraft(db, draftFor({ bills: '999' }, payment.id));
    expect(await loadDraft(db, 'station-1', 'cashier1')).toBeNull();
    expect(await db.outbox.count()).toBe(1);
  });

  it('a draft whose payment is in the journal is not offered, and is deleted', async () => {
    const payment = cashPayment();
    await saveDraft(db, draftFor({}, 'elsewhere'));
    // Written before the payment existed (as by an older run), then the payment recorded.
    await db.meta.put({ key: draftKey('station-1', 'cashier1'), value: JSON.stringify(draftFor({}, payment.id)) });
    const { commitPayment } = await import('../../../../renderer/src/db/payments');
    await commitPayment(db, payment, { [rosa.number]: rosa });
    expect(await loadDraft(db, 'station-1', 'cashier1')).toBeNull();
    expect(await db.meta.get(draftKey('station-1', 'cashier1'))).toBeUndefined();
  });

  it('an unreadable draft is reported, not dropped in silence, and goes when dismissed', async () => {
    await db.meta.put({ key: draftKey('station-1', 'cashier1'), value: '{"paymentId":"x"' });
    const loaded = await loadDraft(db, 'station-1', 'cashier1');
    expect(loaded && 'unreadable' in loaded ? loaded.unreadable : null).toContain('could not be read');
    expect(await db.meta.get(draftKey('station-1', 'cashier1'))).toBeDefined();
    await discardDraft(db, 'station-1', 'cashier1', null);
    expect(await loadDraft(db, 'station-1', 'cashier1')).toBeNull();
  });

  it('discarding an older payment leaves a newer draft alone', async () => {
    await saveDraft(db, draftFor({ bills: '7' }, 'newer'));
    await discardDraft(db, 'station-1', 'cashier1', 'older');
    const loaded = await loadDraft(db, 'station-1', 'cashier1');
    expect(loaded && 'draft' in loaded ? loaded.draft.paymentId : null).toBe('newer');
  });

  it('stores no card number typed into the draft', async () => {
    await saveDraft(db, draftFor({ memo: '4111111111111111' }));
    expect(JSON.stringify(await db.meta.toArray())).not.toContain('4111111111111111');
  });
});

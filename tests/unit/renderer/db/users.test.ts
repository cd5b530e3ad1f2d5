import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashPin, verifyPin } from '../../../../shared/auth/pin';
import { seedCheapUsers } from '../drawer-sample';
import { CounterDb } from '../../../../renderer/src/db/schema';
import { approve, checkPinWithLockout, recordSignIn } from '../../../../renderer/src/db/users';
import { verifyJournal } from '../../../../renderer/src/db/journal';

let db: CounterDb;

beforeEach(async () => {
  db = new CounterDb(`users-${Math.random()}`);
  await seedCheapUsers(db);
});
afterEach(async () => {
  await db.delete();
});

describe('PIN hashing', () => {
  it('keeps a salted PBKDF2 hash, never the PIN; two hashes of one PIN differ', async () => {
    const a = await hashPin('1111', 1000);
    const b = await hashPin('1111', 1000);
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
    expect(JSON.stringify(a)).not.toContain('1111');
    expect(await verifyPin('1111', a)).toBe(true);
    expect(await verifyPin('1112', a)).toBe(false);
  });
});

describe('PIN lockout', () => {
  const policy = { attempts: 5, minutes: 30 };

  it('locks a user after 5 wrong PINs for the policy minutes, even against the right PIN, and journals it', async () => {
    let now = new Date('2026-11-22T17:00:00Z');
    const opts = { policy, stationId: 'station-1', now: () => now };
    for (let i = 1; i <= 4; i++) {
      const r = await checkPinWithLockout(db, 'cashier1', '0000', opts);
      expect(r).toMatchObject({ ok: false, reason: 'wrong' });
      expect(r.ok ? '' : r.message).toContain(`${5 - i} ${5 - i === 1 ? 'try' : 'tries'} left before cashier1 is locked for 30 minutes`);
    }
    const fifth = await checkPinWithLockout(db, 'cashier1', '0000', opts);
    expect(fifth).toMatchObject({ ok: false, reason: 'locked', lockedUntil: '2026-11-22T17:30:00.000Z' });
    expect(fifth.ok ? '' : fifth.message).toMatch(/^PIN: cashier1 is locked after 5 wrong PINs until /);
    expect(await checkPinWithLockout(db, 'cashier1', '1111', opts)).toMatchObject({ ok: false, reason: 'locked' });
    const journal = await db.journal.toArray();
    expect(journal).toMatchObject([{ kind: 'user_locked', user: 'cashier1', until: '2026-11-22T17:30:00.000Z', attempts: 5, stationId: 'station-1' }]);
    // Others are not affected.
    expect((await checkPinWithLockout(db, 'cashier2', '2222', opts)).ok).toBe(true);
    now = new Date('2026-11-22T17:30:01Z');
    expect(await checkPinWithLockout(db, 'cashier1', '1111', opts)).toMatchObject({ ok: true, user: { name: 'cashier1' } });
    expect(await verifyJournal(db)).toEqual({ ok: true, count: 1 });
  });

  it('a right PIN being checked while another window locks the user is refused: the lock is read in the transaction that counts', async () => {
    const opts = { policy, now: () => new Date('2026-11-22T17:00:00Z') };
    // The right PIN's check reads the user (not locked) and hashes the PIN; meanwhile another window locks the user.
    const checking = checkPinWithLockout(db, 'cashier1', '1111', opts);
    await db.users.update('cashier1', { lockedUntil: '2026-11-22T17:30:00.000Z' });
    expect(await checking).toMatchObject({ ok: false, reason: 'locked', lockedUntil: '2026-11-22T17:30:00.000Z' });
    expect((await db.users.get('cashier1'))?.lockedUntil).toBe('2026-11-22T17:30:00.000Z');
  });

  it('a right PIN resets the count', async () => {
    for (let i = 0; i < 4; i++) await checkPinWithLockout(db, 'cashier1', '0000', { policy });
    expect((await checkPinWithLockout(db, 'cashier1', '1111', { policy })).ok).toBe(true);
    expect((await db.users.get('cashier1'))?.failedPins).toBe(0);
    expect(await checkPinWithLockout(db, 'cashier1', '0000', { policy })).toMatchObject({ reason: 'wrong' });
  });

  it('an unknown user gets the wrong-PIN answer and nothing is written', async () => {
    expect(await checkPinWithLockout(db, 'nobody', '1111', { policy })).toEqual({ ok: false, reason: 'wrong', message: 'PIN: the user name or PIN is not right; try again' });
    expect(await db.journal.count()).toBe(0);
  });
});

describe('approvals and sign-ins', () => {
  const opts = { for: 'cashier1', role: 'supervisor' as const, field: 'Supervisor', pinField: 'Supervisor PIN', what: 'a cashier cannot approve their own close' };

  it("refuses one's own approval before the PIN is tried, a wrong PIN, and a user who is not a supervisor", async () => {
    expect(await approve(db, 'cashier1', '1111', opts)).toEqual({ ok: false, field: 'Supervisor', message: 'Supervisor: a cashier cannot approve their own close; call a supervisor' });
    expect((await db.users.get('cashier1'))?.failedPins).toBeUndefined();
    expect(await approve(db, 'supervisor1', '0000', opts)).toMatchObject({ ok: false, field: 'Supervisor PIN', message: expect.stringMatching(/^Supervisor PIN: the user name or PIN is not right.*nothing was recorded$/) });
    expect(await approve(db, 'cashier2', '2222', opts)).toEqual({ ok: false, field: 'Supervisor', message: 'Supervisor: cashier2 is not a supervisor; nothing was recorded' });
    expect(await approve(db, 'Supervisor1 ', '9999', opts)).toMatchObject({ ok: true, approval: { name: 'supervisor1', role: 'supervisor' } });
  });

  it('journals a sign-in', async () => {
    await recordSignIn(db, { name: 'cashier1', role: 'cashier' }, 'station-1', new Date('2026-11-22T16:00:00Z'));
    expect(await db.journal.toArray()).toMatchObject([{ kind: 'signin', user: 'cashier1', role: 'cashier', stationId: 'station-1', takenAt: '2026-11-22T16:00:00.000Z', n: 1 }]);
  });
});

/** Station users: names, roles and PIN hashes only; wrong PINs counted and the user locked at the profile's limit. */
import { hashPin, verifyPin } from '../../../shared/auth/pin';
import { demoUsers, type Role } from '../../../shared/auth/users';
import { uuidv7 } from '../../../shared/ids';
import type { DrawerSettings } from '../../../shared/profiles/schema';
import type { CounterDb, StoredUser } from './schema';
import { appendToJournal } from './journal';

/** A new station starts with the demo users (README lists them). */
export async function seedDemoUsers(db: CounterDb): Promise<void> {
  if ((await db.users.count()) > 0) return;
  const users: StoredUser[] = [];
  for (const u of demoUsers) users.push({ name: u.name, displayName: u.displayName, role: u.role, pin: await hashPin(u.pin) });
  await db.users.bulkPut(users);
}

export type LockoutPolicy = DrawerSettings['pinLockout'];
/** PCI DSS 8.3.4: at most 10 attempts, locked at least 30 minutes. The profile's own policy is used where there is one. */
export const DEFAULT_LOCKOUT: LockoutPolicy = { attempts: 5, minutes: 30 };

export type PinCheck =
  | { ok: true; user: StoredUser }
  | { ok: false; reason: 'wrong' | 'locked'; message: string; lockedUntil?: string };

const clock = (iso: string) => new Date(iso).toLocaleTimeString('en-US', { hour: '2-digit', minute: '2-digit' });

/**
 * Checks a user's PIN and keeps count of wrong ones: the policy's `attempts` wrong PINs in a row lock the
 * user for `minutes` (a journal entry says so). A locked user is refused without the PIN being tried, so
 * guessing on gains nothing. An unknown name gets the same answer as a wrong PIN.
 * `label` starts the messages: "PIN", "Supervisor PIN", "Witness PIN".
 */
export async function checkPinWithLockout(
  db: CounterDb,
  name: string,
  pin: string,
  opts: { policy?: LockoutPolicy; stationId?: string; label?: string; now?: () => Date } = {},
): Promise<PinCheck> {
  const policy = opts.policy ?? DEFAULT_LOCKOUT;
  const label = opts.label ?? 'PIN';
  const now = opts.now ?? (() => new Date());
  const key = name.trim().toLowerCase();
  const user = await db.users.get(key);
  const wrong = { ok: false as const, reason: 'wrong' as const, message: `${label}: the user name or PIN is not right; try again` };
  if (!user) return wrong;
  const lockedMessage = (until: string) => `${label}: ${user.name} is locked after ${policy.attempts} wrong PINs until ${clock(until)}; wait, or ask a supervisor`;
  if (user.lockedUntil && Date.parse(user.lockedUntil) > now().getTime()) {
    return { ok: false, reason: 'locked', message: lockedMessage(user.lockedUntil), lockedUntil: user.lockedUntil };
  }
  // Web Crypto is awaited outside the transaction: a transaction cannot wait on it without committing early.
  const right = await verifyPin(pin, user.pin);
  return db.transaction('rw', db.users, db.journal, async (): Promise<PinCheck> => {
    const current = await db.users.get(key);
    if (!current) return wrong;
    // Checked again in the transaction that counts: another window may have locked the user while the PIN was hashed.
    if (current.lockedUntil && Date.parse(current.lockedUntil) > now().getTime()) {
      return { ok: false, reason: 'locked', message: lockedMessage(current.lockedUntil), lockedUntil: current.lockedUntil };
    }
    if (right) {
      if (current.failedPins || current.lockedUntil) await db.users.update(key, { failedPins: 0, lockedUntil: undefined });
      return { ok: true, user: { ...current, failedPins: 0, lockedUntil: undefined } };
    }
    const failed = (current.failedPins ?? 0) + 1;
    if (failed < policy.attempts) {
      await db.users.update(key, { failedPins: failed });
      const left = policy.attempts - failed;
      return { ...wrong, message: `${wrong.message} (${left} ${left === 1 ? 'try' : 'tries'} left before ${current.name} is locked for ${policy.minutes} minutes)` };
    }
    const at = now();
    const until = new Date(at.getTime() + policy.minutes * 60_000).toISOString();
    await db.users.update(key, { failedPins: 0, lockedUntil: until });
    await appendToJournal(db, { id: uuidv7(at.getTime()), kind: 'user_locked', takenAt: at.toISOString(), stationId: opts.stationId ?? '', user: current.name, until, attempts: policy.attempts });
    return { ok: false, reason: 'locked', message: lockedMessage(until), lockedUntil: until };
  });
}

/** The user when the PIN is right (and the user not locked), else null; wrong PINs count toward the lockout. */
export async function checkPin(db: CounterDb, name: string, pin: string, policy: LockoutPolicy = DEFAULT_LOCKOUT): Promise<StoredUser | null> {
  const r = await checkPinWithLockout(db, name, pin, { policy });
  return r.ok ? r.user : null;
}

/** Records a sign-in in the journal. */
export async function recordSignIn(db: CounterDb, user: { name: string; role: Role }, stationId: string, at = new Date()): Promise<void> {
  await db.transaction('rw', db.journal, async () => {
    await appendToJournal(db, { id: uuidv7(at.getTime()), kind: 'signin', takenAt: at.toISOString(), stationId, user: user.name, role: user.role });
  });
}

/** A second person, checked with their own PIN, for an approval: never a tool to skip the PIN. */
export type Approval = { readonly name: string; readonly role: Role; readonly __approved: unique symbol };

/**
 * Checks who approves (a supervisor for opens, sign-offs, reopens; anyone else for a drop's witness): not
 * the person approved for, the right role, the right PIN, not locked. The refusal names the field.
 */
export async function approve(
  db: CounterDb,
  who: string,
  pin: string,
  opts: { for: string; role: Role | 'any'; field: string; pinField: string; policy?: LockoutPolicy; stationId?: string; what: string },
): Promise<{ ok: true; approval: Approval } | { ok: false; field: string; message: string }> {
  const name = who.trim().toLowerCase();
  if (name === '') return { ok: false, field: opts.field, message: `${opts.field}: enter the user name of the ${opts.role === 'supervisor' ? 'supervisor' : 'second person'}` };
  if (name === opts.for.trim().toLowerCase()) return { ok: false, field: opts.field, message: `${opts.field}: ${opts.what}; call ${opts.role === 'supervisor' ? 'a supervisor' : 'a second person'}` };
  const r = await checkPinWithLockout(db, name, pin, { label: opts.pinField, ...(opts.policy ? { policy: opts.policy } : {}), ...(opts.stationId ? { stationId: opts.stationId } : {}) });
  if (!r.ok) return { ok: false, field: opts.pinField, message: `${r.message}; nothing was recorded` };
  if (opts.role !== 'any' && r.user.role !== opts.role) return { ok: false, field: opts.field, message: `${opts.field}: ${r.user.name} is not a ${opts.role}; nothing was recorded` };
  return { ok: true, approval: { name: r.user.name, role: r.user.role } as Approval };
}

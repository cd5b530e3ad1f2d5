/** Station users and drawer steps for the store's tests. */
import { hashPin } from '../../../shared/auth/pin';
import type { CounterDb } from '../../../renderer/src/db/schema';
import { approve, type Approval } from '../../../renderer/src/db/users';

/** The demo users (and a second supervisor) with cheap hashes: the PBKDF2 cost is the PIN module's to test. */
export async function seedCheapUsers(target: CounterDb): Promise<void> {
  const users = [
    ['cashier1', 'cashier', '1111'],
    ['cashier2', 'cashier', '2222'],
    ['supervisor1', 'supervisor', '9999'],
    ['supervisor2', 'supervisor', '8888'],
    ['dropbox1', 'dropbox', '3333'],
  ] as const;
  for (const [name, role, pin] of users) await target.users.put({ name, displayName: name, role, pin: await hashPin(pin, 1000) });
}

const PINS: Record<string, string> = { cashier1: '1111', cashier2: '2222', supervisor1: '9999', supervisor2: '8888', dropbox1: '3333' };

/** An approval by `who` with their right PIN, for `forWhom`. */
export async function approval(db: CounterDb, who: string, forWhom = 'cashier1', role: 'supervisor' | 'any' = 'supervisor'): Promise<Approval> {
  const r = await approve(db, who, PINS[who] ?? '', { for: forWhom, role, field: 'Supervisor', pinField: 'Supervisor PIN', what: 'not for oneself' });
  if (!r.ok) throw new Error(r.message);
  return r.approval;
}

/** A typed form from a count: every value as a string. */
export const typed = (count: Record<string, number>): Record<string, string> => Object.fromEntries(Object.entries(count).map(([k, v]) => [k, String(v)]));

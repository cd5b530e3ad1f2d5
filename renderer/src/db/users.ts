/** Station users: names, roles and PIN hashes only. */
import { hashPin, verifyPin } from '../../../shared/auth/pin';
import { demoUsers } from '../../../shared/auth/users';
import type { CounterDb, StoredUser } from './schema';

/** A new station starts with the demo users (README lists them). */
export async function seedDemoUsers(db: CounterDb): Promise<void> {
  if ((await db.users.count()) > 0) return;
  const users: StoredUser[] = [];
  for (const u of demoUsers) users.push({ name: u.name, displayName: u.displayName, role: u.role, pin: await hashPin(u.pin) });
  await db.users.bulkPut(users);
}

export async function checkPin(db: CounterDb, name: string, pin: string): Promise<StoredUser | null> {
  const user = await db.users.get(name.trim().toLowerCase());
  if (!user) return null;
  return (await verifyPin(pin, user.pin)) ? user : null;
}

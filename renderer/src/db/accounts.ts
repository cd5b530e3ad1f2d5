/** The station's account cache: what look-ups answer from when central is slow or gone. */
import type { Account } from '../../../shared/accounts/account';
import type { CachedAccount, CounterDb } from './schema';

export async function cachedAccount(db: CounterDb, utility: string, number: string): Promise<CachedAccount | undefined> {
  return db.accounts.get([utility, number]);
}

export async function cacheAccounts(db: CounterDb, accounts: Account[], cachedAt = new Date().toISOString()): Promise<void> {
  // Relaxed is fine here: the cache is refilled from central, never the only copy.
  await db.transaction('rw', db.accounts, async () => {
    await db.accounts.bulkPut(accounts.map((a) => ({ ...a, cachedAt })));
  });
}

export async function countCachedAccounts(db: CounterDb): Promise<number> {
  return db.accounts.count();
}

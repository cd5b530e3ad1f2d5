/** Keeps the account cache fresh from central's change feed, resuming from the saved cursor. */
import { cacheAccounts } from '../../db/accounts';
import { getMeta, setMeta } from '../../db/meta';
import type { CounterDb } from '../../db/schema';
import type { CentralClient } from './central-client';

const PAGE = 1000;

/** Pulls every change since the saved cursor. Returns how many accounts arrived. */
export async function pullAccountChanges(
  db: CounterDb,
  client: CentralClient,
  utility: string,
  onProgress?: (received: number) => void,
): Promise<number> {
  const key = `feedCursor:${utility}`;
  let cursor = (await getMeta(db, key)) ?? '0';
  let received = 0;
  for (;;) {
    const page = await client.feed(utility, cursor, PAGE);
    if (page.accounts.length > 0) await cacheAccounts(db, page.accounts);
    received += page.accounts.length;
    cursor = page.cursor;
    await setMeta(db, key, cursor);
    onProgress?.(received);
    if (!page.more) return received;
  }
}

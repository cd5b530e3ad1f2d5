/** Small station facts kept across restarts (feed cursor, last successful sync). */
import type { CounterDb } from './schema';

export async function getMeta(db: CounterDb, key: string): Promise<string | undefined> {
  return (await db.meta.get(key))?.value;
}

export async function setMeta(db: CounterDb, key: string, value: string): Promise<void> {
  await db.meta.put({ key, value });
}

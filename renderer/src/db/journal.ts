/** Appending to the hash-chained journal, and checking the chain. Call append inside a rw transaction on journal. */
import { chainHash, GENESIS, verifyChain } from '../../../shared/journal/chain';
import { journalContent, type CounterDb, type JournalEntry } from './schema';

/** Numbers and chains the entry after the last one, then adds it; the caller's transaction makes it atomic. */
export async function appendToJournal(db: CounterDb, entry: JournalEntry): Promise<void> {
  const last = await db.journal.orderBy('seq').last();
  const n = (last?.n ?? 0) + 1;
  const prevHash = last?.hash ?? GENESIS;
  entry.n = n;
  entry.prevHash = prevHash;
  entry.hash = chainHash(n, prevHash, journalContent(entry));
  entry.seq = await db.journal.add(entry);
}

export async function verifyJournal(db: CounterDb) {
  const entries = await db.journal.orderBy('seq').toArray();
  return verifyChain(
    entries.map((e) => ({ ...e, n: e.n ?? 0, prevHash: e.prevHash ?? '', hash: e.hash ?? '' })),
    (e) => journalContent(e as JournalEntry),
  );
}

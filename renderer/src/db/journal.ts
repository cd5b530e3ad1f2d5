/** Appending to the MAC-chained journal, and checking the chain. Call append inside a rw transaction on journal. */
import Dexie from 'dexie';
import { CHAIN_VERSION, chainMac, GENESIS, verifyChain, type ChainCheck } from '../../../shared/journal/chain';
import { journalContent, type CounterDb, type JournalEntry } from './schema';

/**
 * Numbers and signs the entry after the last one, then adds it; the caller's transaction makes it atomic.
 * The MAC is computed outside IndexedDB (WebCrypto or main), so `waitFor` keeps the transaction open meanwhile.
 */
export async function appendToJournal(db: CounterDb, entry: JournalEntry): Promise<void> {
  const last = await db.journal.orderBy('seq').last();
  const n = (last?.n ?? 0) + 1;
  const prevHash = last?.hash ?? GENESIS;
  entry.v = CHAIN_VERSION;
  entry.n = n;
  entry.prevHash = prevHash;
  entry.hash = await Dexie.waitFor(chainMac(db.journalMac, n, prevHash, journalContent(entry)));
  entry.seq = await db.journal.add(entry);
}

/** The last entry's number and MAC: what the station tells central with each batch. */
export async function journalHead(db: CounterDb): Promise<{ n: number; hash: string } | null> {
  const last = await db.journal.orderBy('seq').last();
  return last?.n !== undefined && last.hash !== undefined ? { n: last.n, hash: last.hash } : null;
}

/** Checks the whole journal, MACs included (under this station's key). */
export async function verifyJournal(db: CounterDb): Promise<{ ok: true; count: number } | Extract<ChainCheck, { ok: false }>> {
  const entries = await db.journal.orderBy('seq').toArray();
  const r = await verifyChain(
    entries.map((e) => ({ ...e, n: e.n ?? 0, prevHash: e.prevHash ?? '', hash: e.hash ?? '' })),
    (e) => journalContent(e as JournalEntry),
    { mac: db.journalMac },
  );
  return r.ok ? { ok: true, count: r.count } : r;
}

import { createHmac } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, type Database } from '../../../central/src/db';
import { recordJournalHead } from '../../../central/src/journal-heads';
import { migrate } from '../../../central/src/migrations';
import { verifyJournalFile } from '../../../central/src/verify-journal';
import { entryContent, toJsonLines } from '../../../shared/drawer/journal-export';
import { chainHash, chainMac, GENESIS, type JournalMac } from '../../../shared/journal/chain';

const KEY = '7f'.repeat(32);
const macUnder = (hexKey: string): JournalMac => async (m) => createHmac('sha256', Buffer.from(hexKey, 'hex')).update(m).digest('hex');
const stationMac = macUnder(KEY);

type Entry = Record<string, unknown>;

/** A station's journal as the counter writes it (v2, signed); `from` continues a chain. */
async function journal(count: number, { mac = stationMac, from = { n: 1, prev: GENESIS }, user = 'cashier1' } = {}): Promise<Entry[]> {
  const out: Entry[] = [];
  let prev = from.prev;
  for (let n = from.n; n < from.n + count; n++) {
    const e: Entry = { seq: n, id: `e${n}`, kind: 'signin', takenAt: '2026-11-22T10:00:00.000Z', stationId: 'wic-1', user, role: 'cashier', v: 2, n, prevHash: prev };
    e.hash = await chainMac(mac, n, prev, entryContent(e));
    prev = e.hash as string;
    out.push(e);
  }
  return out;
}

let dir: string;
let db: Database;
let written: Entry[];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'verify-journal-'));
  db = await openPglite();
  await migrate(db);
  written = await journal(6);
  // Central saw the station's head after entries 2 and 5.
  for (const n of [2, 5]) await recordJournalHead(db, { stationId: 'wic-1', n, hash: written[n - 1]!.hash as string }, new Date(`2026-11-22T1${n}:00:00Z`));
});
afterAll(async () => {
  await db.close();
  await rm(dir, { recursive: true, force: true });
});

let files = 0;
async function file(entries: Entry[]): Promise<string> {
  const path = join(dir, `export-${++files}.jsonl`);
  await writeFile(path, toJsonLines(entries));
  return path;
}

describe('central:verify-journal', () => {
  it("an untouched export: the chain holds, MACs checked with the station's key, and it matches central's heads", async () => {
    const f = await file(written);
    expect(await verifyJournalFile(f, { db, key: KEY })).toEqual({
      code: 0,
      message: [
        `verify-journal: ${f}: the chain holds (entries 1..6; MACs checked with the station's key)`,
        `verify-journal: ${f}: matches the 2 journal heads central saw from station wic-1`,
      ].join('\n'),
    });
  });

  it('without the key it checks numbers and links only, and says so; the key may be given as its file', async () => {
    const f = await file(written);
    expect((await verifyJournalFile(f, { db })).message).toContain('MACs not checked: no --key given, numbers and links only');
    const keyFile = join(dir, 'journal.key');
    await writeFile(keyFile, `${KEY}\n`);
    expect((await verifyJournalFile(f, { db, key: keyFile })).code).toBe(0);
    const wrong = await verifyJournalFile(f, { db, key: join(dir, 'none.key') });
    expect(wrong.code).toBe(2);
    expect(wrong.message).toContain("--key must be the key's 64 hexadecimal digits or its file");
  });

  it('an entry edited and re-hashed without the key: the MAC names it, and without the key central\'s heads do', async () => {
    // Entry 3 is edited, and it and every later entry re-chained with a key the editor made up.
    const forged = [...written.slice(0, 2), ...(await journal(4, { mac: macUnder('00'.repeat(32)), from: { n: 3, prev: written[1]!.hash as string }, user: 'cashier2' }))];
    const f = await file(forged);
    expect(await verifyJournalFile(f, { db, key: KEY })).toEqual({
      code: 1,
      message: [
        `verify-journal: ${f}: entry 3 was changed after it was written`,
        `verify-journal: ${f}: entry 5 was rewritten: its hash is not the one central saw on 2026-11-22T15:00:00.000Z (this entry or one before it was changed)`,
      ].join('\n'),
    });
    expect(await verifyJournalFile(f, { db })).toEqual({
      code: 1,
      message: `verify-journal: ${f}: entry 5 was rewritten: its hash is not the one central saw on 2026-11-22T15:00:00.000Z (this entry or one before it was changed)`,
    });
  });

  it('the last entries deleted: the export ends before the last head central saw', async () => {
    const f = await file(written.slice(0, 3));
    expect(await verifyJournalFile(f, { db, key: KEY })).toEqual({
      code: 1,
      message: `verify-journal: ${f}: entries 4..5 were removed (truncated): the export ends at entry 3, central saw entry 5 on 2026-11-22T15:00:00.000Z`,
    });
    // Everything deleted: nothing left to chain, central still knows there were five.
    expect((await verifyJournalFile(await file([]), { db, station: 'wic-1' })).message).toContain('entries 1..5 were removed (truncated): the export ends at no entry');
  });

  it('a deleted tail written over with new entries: the new entry at a number central saw is named', async () => {
    const over = [...written.slice(0, 3), ...(await journal(3, { from: { n: 4, prev: written[2]!.hash as string }, user: 'cashier2' }))];
    const f = await file(over);
    // Signed with the station's own key (the counter itself wrote them): the chain holds, central's head does not.
    expect(await verifyJournalFile(f, { db, key: KEY })).toEqual({
      code: 1,
      message: `verify-journal: ${f}: entry 5 was rewritten: its hash is not the one central saw on 2026-11-22T15:00:00.000Z (this entry or one before it was changed)`,
    });
  });

  it('a gap is named', async () => {
    const f = await file(written.filter((e) => e.n !== 4));
    const r = await verifyJournalFile(f, { db, key: KEY });
    expect(r.code).toBe(1);
    expect(r.message).toBe(`verify-journal: ${f}: entry 4 is missing or out of order (found number 5)`);
  });

  it("central's answer on an entry is outside the chain by design (central's own record): editing it changes nothing", async () => {
    const answered = written.map((e) => ({ ...e, central: { reference: e.n === 2 ? 'P99999999' : 'P00000001', postedAt: '2026-11-22T10:00:00Z' } }));
    expect((await verifyJournalFile(await file(answered), { db, key: KEY })).code).toBe(0);
  });

  it('an unkeyed (v1) journal from before the key still verifies; without a database only the chain is checked', async () => {
    const old: Entry[] = [];
    let prev = GENESIS;
    for (let n = 1; n <= 3; n++) {
      const e: Entry = { seq: n, id: `o${n}`, kind: 'signin', takenAt: '2026-11-22T10:00:00.000Z', user: 'cashier1', n, prevHash: prev };
      e.hash = chainHash(n, prev, entryContent(e));
      prev = e.hash as string;
      old.push(e);
    }
    const f = await file(old);
    expect(await verifyJournalFile(f)).toEqual({
      code: 0,
      message: [`verify-journal: ${f}: the chain holds (entries 1..3; MACs not checked: no --key given, numbers and links only)`, `verify-journal: ${f}: central's journal heads not compared (no database)`].join('\n'),
    });
  });

  it('a missing file is exit code 2 with the reason', async () => {
    const r = await verifyJournalFile(join(dir, 'none.jsonl'));
    expect(r.code).toBe(2);
    expect(r.message).toContain('could not be read');
  });
});

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyJournalFile } from '../../../central/src/verify-journal';
import { entryContent, toJsonLines } from '../../../shared/drawer/journal-export';
import { chainHash, GENESIS } from '../../../shared/journal/chain';

function journal(count: number) {
  const out: Array<Record<string, unknown>> = [];
  let prev = GENESIS;
  for (let n = 1; n <= count; n++) {
    const e: Record<string, unknown> = { seq: n, id: `e${n}`, kind: 'signin', takenAt: '2026-11-22T10:00:00.000Z', user: 'cashier1', n, prevHash: prev };
    e.hash = chainHash(n, prev, entryContent(e));
    prev = e.hash as string;
    out.push(e);
  }
  return out;
}

const dir = await mkdtemp(join(tmpdir(), 'verify-journal-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('central:verify-journal', () => {
  it('says the chain holds for an untouched export, and names the entry that was changed', async () => {
    const good = join(dir, 'good.jsonl');
    await writeFile(good, toJsonLines(journal(5)));
    expect(await verifyJournalFile(good)).toEqual({ code: 0, message: `verify-journal: ${good}: the chain holds` });

    const bad = join(dir, 'bad.jsonl');
    await writeFile(bad, toJsonLines(journal(5).map((e) => (e.n === 2 ? { ...e, user: 'cashier2' } : e))));
    expect(await verifyJournalFile(bad)).toEqual({ code: 1, message: `verify-journal: ${bad}: entry 2 was changed after it was written` });
  });

  it('a missing file is exit code 2 with the reason', async () => {
    const r = await verifyJournalFile(join(dir, 'none.jsonl'));
    expect(r.code).toBe(2);
    expect(r.message).toContain('could not be read');
  });
});

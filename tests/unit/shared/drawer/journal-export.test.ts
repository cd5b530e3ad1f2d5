import { describe, expect, it } from 'vitest';
import { chainHash, GENESIS } from '../../../../shared/journal/chain';
import { entryContent, toJsonLines, verifyJsonLines } from '../../../../shared/drawer/journal-export';

function chain(count: number, start = { n: 1, prev: GENESIS }) {
  const out: Array<Record<string, unknown>> = [];
  let prev = start.prev;
  for (let i = 0; i < count; i++) {
    const n = start.n + i;
    const e: Record<string, unknown> = { seq: n, id: `e${n}`, kind: 'signin', takenAt: `2026-11-22T1${i % 10}:00:00.000Z`, user: 'cashier1' };
    e.n = n;
    e.prevHash = prev;
    e.hash = chainHash(n, prev, entryContent(e));
    prev = e.hash as string;
    out.push(e);
  }
  return out;
}

describe("a day's journal as JSON lines", () => {
  it('verifies a whole journal, and a slice that starts mid-chain', () => {
    const all = chain(6);
    expect(verifyJsonLines(toJsonLines(all))).toEqual({ ok: true, count: 6, first: 1, last: 6 });
    expect(verifyJsonLines(toJsonLines(all.slice(3)))).toEqual({ ok: true, count: 3, first: 4, last: 6 });
    expect(verifyJsonLines('')).toEqual({ ok: true, count: 0, first: null, last: null });
  });

  it("names the first entry that was changed, removed or moved", () => {
    const all = chain(6);
    const tampered = all.map((e) => (e.n === 3 ? { ...e, user: 'cashier2' } : e));
    expect(verifyJsonLines(toJsonLines(tampered))).toMatchObject({ ok: false, at: 3, problem: 'entry 3 was changed after it was written' });
    expect(verifyJsonLines(toJsonLines(all.filter((e) => e.n !== 4)))).toMatchObject({ ok: false, at: 5, problem: 'entry 4 is missing or out of order (found number 5)' });
    const swapped = [all[0]!, all[2]!, all[1]!];
    expect(verifyJsonLines(toJsonLines(swapped))).toMatchObject({ ok: false, at: 3 });
    expect(verifyJsonLines(`${toJsonLines(all.slice(0, 2))}not json\n`)).toMatchObject({ ok: false, line: 3 });
  });

  it("central's answer on an entry (not part of its content) does not break the chain", () => {
    const all = chain(2).map((e) => ({ ...e, central: { reference: 'P00000001', postedAt: '2026-11-22T10:00:00Z' } }));
    expect(verifyJsonLines(toJsonLines(all)).ok).toBe(true);
  });
});

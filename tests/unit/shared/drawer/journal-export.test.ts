import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { chainHash, chainMac, GENESIS, type JournalMac } from '../../../../shared/journal/chain';
import { entryContent, toJsonLines, verifyJsonLines } from '../../../../shared/drawer/journal-export';

const hmac = (key: string): JournalMac => async (message) => createHmac('sha256', key).update(message).digest('hex');
const stationKey = hmac('station key');

/** v1 entries (keyless SHA-256) without a MAC; v2 entries signed with `mac`. */
async function chain(count: number, mac?: JournalMac, start = { n: 1, prev: GENESIS }) {
  const out: Array<Record<string, unknown>> = [];
  let prev = start.prev;
  for (let i = 0; i < count; i++) {
    const n = start.n + i;
    const e: Record<string, unknown> = { seq: n, id: `e${n}`, kind: 'signin', takenAt: `2026-11-22T1${i % 10}:00:00.000Z`, user: 'cashier1', ...(mac ? { v: 2 } : {}) };
    e.n = n;
    e.prevHash = prev;
    e.hash = mac ? await chainMac(mac, n, prev, entryContent(e)) : chainHash(n, prev, entryContent(e));
    prev = e.hash as string;
    out.push(e);
  }
  return out;
}

describe("a day's journal as JSON lines", () => {
  it('verifies a whole journal, and a slice that starts mid-chain', async () => {
    const all = await chain(6);
    expect(await verifyJsonLines(toJsonLines(all))).toMatchObject({ ok: true, count: 6, first: 1, last: 6 });
    expect(await verifyJsonLines(toJsonLines(all.slice(3)))).toMatchObject({ ok: true, count: 3, first: 4, last: 6 });
    expect(await verifyJsonLines('')).toMatchObject({ ok: true, count: 0, first: null, last: null });
  });

  it('names the first entry that was changed, removed or moved', async () => {
    const all = await chain(6);
    const tampered = all.map((e) => (e.n === 3 ? { ...e, user: 'cashier2' } : e));
    expect(await verifyJsonLines(toJsonLines(tampered))).toMatchObject({ ok: false, at: 3, line: 3, problem: 'entry 3 was changed after it was written' });
    expect(await verifyJsonLines(toJsonLines(all.filter((e) => e.n !== 4)))).toMatchObject({ ok: false, at: 5, problem: 'entry 4 is missing or out of order (found number 5)' });
    const swapped = [all[0]!, all[2]!, all[1]!];
    expect(await verifyJsonLines(toJsonLines(swapped))).toMatchObject({ ok: false, at: 3 });
    expect(await verifyJsonLines(`${toJsonLines(all.slice(0, 2))}not json\n`)).toMatchObject({ ok: false, line: 3 });
  });

  it("central's answer on an entry (not part of its content) does not break the chain", async () => {
    const all = (await chain(2, stationKey)).map((e) => ({ ...e, central: { reference: 'P00000001', postedAt: '2026-11-22T10:00:00Z' } }));
    expect((await verifyJsonLines(toJsonLines(all), stationKey)).ok).toBe(true);
  });
});

describe('the keyed chain (v2)', () => {
  it("verifies with the station's key, and without it checks numbers and links only, saying so", async () => {
    const all = await chain(4, stationKey);
    expect(await verifyJsonLines(toJsonLines(all), stationKey)).toEqual({ ok: true, count: 4, first: 1, last: 4, lastHash: all[3]!.hash, macsChecked: true });
    expect(await verifyJsonLines(toJsonLines(all))).toMatchObject({ ok: true, macsChecked: false });
  });

  it('an edited entry re-hashed by someone without the key is named', async () => {
    const all = await chain(4, stationKey);
    const edited: Record<string, unknown> = { ...all[1]!, user: 'cashier2' };
    // The editor recomputes the link as the old keyless chain did, and with a key of their own: neither is the station's MAC.
    for (const forged of [chainHash(2, edited.prevHash as string, entryContent(edited)), await chainMac(hmac('guess'), 2, edited.prevHash as string, entryContent(edited))]) {
      const rest = await chain(2, hmac('guess'), { n: 3, prev: forged });
      const file = toJsonLines([all[0]!, { ...edited, hash: forged }, ...rest]);
      expect(await verifyJsonLines(file, stationKey)).toMatchObject({ ok: false, at: 2, problem: 'entry 2 was changed after it was written' });
    }
  });

  it('a keyless (v1) entry after keyed ones is refused: a rewrite cannot fall back to plain SHA-256', async () => {
    const keyed = await chain(2, stationKey);
    const old = await chain(1, undefined, { n: 3, prev: keyed[1]!.hash as string });
    expect(await verifyJsonLines(toJsonLines([...keyed, ...old]))).toMatchObject({
      ok: false, at: 3, problem: 'entry 3 has no keyed MAC after keyed entries (rewritten with the keyless hash)',
    });
    // Journals written before the key: v1 entries, then keyed ones, verify.
    const before = await chain(2);
    const after = await chain(2, stationKey, { n: 3, prev: before[1]!.hash as string });
    expect(await verifyJsonLines(toJsonLines([...before, ...after]), stationKey)).toMatchObject({ ok: true, count: 4 });
  });
});

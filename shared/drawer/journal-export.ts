/**
 * A day's journal as JSON lines, and the check of such a file anywhere (the app, central, a script):
 * each line is one entry with its number and hashes; the first line's `prevHash` links the slice to the
 * day before, so a day can be verified on its own, and a gap, a rewrite or a reordering names the first
 * entry where it shows.
 */
import { verifyChain, type JournalMac } from '../journal/chain';

/** What an entry's hash covers: everything but its place in the store, the chain fields and central's answer. */
export function entryContent(e: Record<string, unknown>): unknown {
  const { seq: _seq, n: _n, prevHash: _p, hash: _h, central: _c, ...content } = e;
  return content;
}

/** One entry a line, in order. */
export function toJsonLines(entries: ReadonlyArray<Record<string, unknown>>): string {
  return entries.map((e) => JSON.stringify(e)).join('\n') + (entries.length > 0 ? '\n' : '');
}

export type SliceCheck =
  | { ok: true; count: number; first: number | null; last: number | null; lastHash: string | null; macsChecked: boolean }
  | { ok: false; at: number; line: number; problem: string };

/** An exported line as the chain reads it; null when the line is no journal entry. */
type Line = { n: number; prevHash: string; hash: string; v?: number; entry: Record<string, unknown>; line: number };

/**
 * Verifies an exported slice: numbers follow each other, each links to the one before, each hash is its own.
 * With the station's `mac`, keyed (v2) entries' MACs are recomputed; without it their sequence and links only.
 */
export async function verifyJsonLines(text: string, mac?: JournalMac): Promise<SliceCheck> {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const parsed: Line[] = [];
  for (const [i, line] of lines.entries()) {
    const at = parsed.length > 0 ? parsed.at(-1)!.n + 1 : 0;
    let e: Record<string, unknown>;
    try {
      e = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return { ok: false, at, line: i + 1, problem: `line ${i + 1} is not a journal entry (not JSON)` };
    }
    const n = typeof e.n === 'number' ? e.n : NaN;
    if (!Number.isInteger(n) || n < 1) return { ok: false, at, line: i + 1, problem: `line ${i + 1} has no entry number` };
    parsed.push({
      n,
      prevHash: typeof e.prevHash === 'string' ? e.prevHash : '',
      hash: typeof e.hash === 'string' ? e.hash : '',
      ...(e.v !== undefined ? { v: typeof e.v === 'number' ? e.v : NaN } : {}),
      entry: e,
      line: i + 1,
    });
  }
  const r = await verifyChain(parsed, (l) => entryContent(l.entry), { fromGenesis: false, ...(mac ? { mac } : {}) });
  if (r.ok) return r;
  return { ...r, line: parsed.find((l) => l.n === r.at)?.line ?? 0 };
}

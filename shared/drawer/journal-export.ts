/**
 * A day's journal as JSON lines, and the check of such a file anywhere (the app, central, a script):
 * each line is one entry with its number and hashes; the first line's `prevHash` links the slice to the
 * day before, so a day can be verified on its own, and a gap, a rewrite or a reordering names the first
 * entry where it shows.
 */
import { chainHash } from '../journal/chain';

/** What an entry's hash covers: everything but its place in the store, the chain fields and central's answer. */
export function entryContent(e: Record<string, unknown>): unknown {
  const { seq: _seq, n: _n, prevHash: _p, hash: _h, central: _c, ...content } = e;
  return content;
}

/** One entry a line, in order. */
export function toJsonLines(entries: ReadonlyArray<Record<string, unknown>>): string {
  return entries.map((e) => JSON.stringify(e)).join('\n') + (entries.length > 0 ? '\n' : '');
}

export type SliceCheck = { ok: true; count: number; first: number | null; last: number | null } | { ok: false; at: number; line: number; problem: string };

/** Verifies an exported slice: numbers follow each other, each links to the one before, each hash is its own. */
export function verifyJsonLines(text: string): SliceCheck {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  let prev: { n: number; hash: string } | null = null;
  let first: number | null = null;
  for (const [i, line] of lines.entries()) {
    let e: Record<string, unknown>;
    try {
      e = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return { ok: false, at: prev ? prev.n + 1 : 0, line: i + 1, problem: `line ${i + 1} is not a journal entry (not JSON)` };
    }
    const n = typeof e.n === 'number' ? e.n : NaN;
    const prevHash = typeof e.prevHash === 'string' ? e.prevHash : '';
    const hash = typeof e.hash === 'string' ? e.hash : '';
    if (!Number.isInteger(n) || n < 1) return { ok: false, at: prev ? prev.n + 1 : 0, line: i + 1, problem: `line ${i + 1} has no entry number` };
    if (prev && n !== prev.n + 1) return { ok: false, at: n, line: i + 1, problem: `entry ${prev.n + 1} is missing or out of order (found number ${n})` };
    if (prev && prevHash !== prev.hash) return { ok: false, at: n, line: i + 1, problem: `entry ${n} does not follow entry ${prev.n}` };
    if (chainHash(n, prevHash, entryContent(e)) !== hash) return { ok: false, at: n, line: i + 1, problem: `entry ${n} was changed after it was written` };
    first ??= n;
    prev = { n, hash };
  }
  return { ok: true, count: lines.length, first, last: prev?.n ?? null };
}

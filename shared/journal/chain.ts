/**
 * The tamper-evident journal: every entry carries a gap-free sequence number and a SHA-256 hash over the
 * previous entry's hash and its own canonical content (as fiscal registers chain their receipts).
 * Rewriting, removing or reordering any entry breaks the chain from that entry on.
 */
import { sha256Hex } from './sha256';

export const GENESIS = '0'.repeat(64);

export type Chained = { n: number; prevHash: string; hash: string };

/** Stable JSON: keys sorted, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    return `{${Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

export function chainHash(n: number, prevHash: string, content: unknown): string {
  return sha256Hex(`${n}|${prevHash}|${canonicalJson(content)}`);
}

/** Checks a journal in order; names the first entry whose number, link or hash is wrong. */
export function verifyChain<T extends Chained>(entries: T[], contentOf: (e: T) => unknown): { ok: true; count: number } | { ok: false; at: number; problem: string } {
  let prev = GENESIS;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    if (e.n !== i + 1) return { ok: false, at: e.n, problem: `entry ${i + 1} is missing or out of order (found number ${e.n})` };
    if (e.prevHash !== prev) return { ok: false, at: e.n, problem: `entry ${e.n} does not follow entry ${e.n - 1}` };
    if (chainHash(e.n, e.prevHash, contentOf(e)) !== e.hash) return { ok: false, at: e.n, problem: `entry ${e.n} was changed after it was written` };
    prev = e.hash;
  }
  return { ok: true, count: entries.length };
}

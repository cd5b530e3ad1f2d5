/**
 * The tamper-evident journal: every entry carries a gap-free sequence number and a MAC over
 * `n|prevHash|canonical content` (as fiscal registers chain their receipts). Rewriting, removing or
 * reordering any entry breaks the chain from that entry on.
 *
 * Version 2 (`v: 2`, every new entry): HMAC-SHA-256 under the station's own key, which the counter's page
 * cannot read (main holds it under Electron; the browser keeps a non-extractable WebCrypto key). Whoever
 * edits the store can no longer re-hash an entry: without the key the MAC cannot be recomputed.
 * Version 1 (no `v`): plain SHA-256, as journals written before the key existed; they are still checked,
 * but a v1 entry after a v2 one is refused (a rewrite would otherwise fall back to the keyless hash).
 * Removing the last entries leaves a valid chain: central keeps every chain head it was sent
 * (journal_heads) and `central:verify-journal` compares an export against them.
 *
 * What the MAC covers: the whole entry as written (kind, amounts, accounts shown, cashier, approvals,
 * `v`), with its number and the link to the previous entry. What it leaves out, by design:
 * - `seq`: the store's own key, not a fact.
 * - `central`: central's answer arrives after the entry is chained, and is central's record, not the
 *   station's: central holds the payment with its reference and holds in its own database, so an edited
 *   copy on the station proves nothing and changes nothing.
 * - the outbox: a delivery queue, not a record. Every item central receives is matched to the journal by id.
 */
import { sha256Hex } from './sha256';

export const GENESIS = '0'.repeat(64);
/** The chain version new entries are written with. */
export const CHAIN_VERSION = 2;

export type Chained = { n: number; prevHash: string; hash: string; v?: number };

/** Keyed MAC of a message, lowercase hex; the key stays wherever the function lives. */
export type JournalMac = (message: string) => Promise<string>;

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

/** What the MAC (or v1 hash) is computed over. */
export function chainMessage(n: number, prevHash: string, content: unknown): string {
  return `${n}|${prevHash}|${canonicalJson(content)}`;
}

/** Version 1: the keyless SHA-256 of journals written before the key existed. */
export function chainHash(n: number, prevHash: string, content: unknown): string {
  return sha256Hex(chainMessage(n, prevHash, content));
}

/** Version 2: the station's keyed MAC. */
export function chainMac(mac: JournalMac, n: number, prevHash: string, content: unknown): Promise<string> {
  return mac(chainMessage(n, prevHash, content));
}

export type ChainCheck =
  | { ok: true; count: number; first: number | null; last: number | null; lastHash: string | null; macsChecked: boolean }
  | { ok: false; at: number; problem: string };

/**
 * Checks entries in order: numbers follow each other, each links to the one before, each hash is its own.
 * `startN`/`startHash` (the first entry's own, by default) let a slice that starts mid-journal be checked.
 * Without `mac`, v2 entries are checked for sequence and links only (`macsChecked: false`).
 */
export async function verifyChain<T extends Chained>(
  entries: T[],
  contentOf: (e: T) => unknown,
  opts: { mac?: JournalMac; fromGenesis?: boolean } = {},
): Promise<ChainCheck> {
  const fromGenesis = opts.fromGenesis ?? true;
  let prev: { n: number; hash: string } | null = fromGenesis ? { n: 0, hash: GENESIS } : null;
  let keyed = false;
  for (const e of entries) {
    if (prev && e.n !== prev.n + 1) return { ok: false, at: e.n, problem: `entry ${prev.n + 1} is missing or out of order (found number ${e.n})` };
    if (prev && e.prevHash !== prev.hash) return { ok: false, at: e.n, problem: `entry ${e.n} does not follow entry ${e.n - 1}` };
    const problem = await checkOwnHash(e, contentOf(e), keyed, opts.mac);
    if (problem) return { ok: false, at: e.n, problem };
    keyed ||= e.v === CHAIN_VERSION;
    prev = { n: e.n, hash: e.hash };
  }
  return { ok: true, count: entries.length, first: entries[0]?.n ?? null, last: prev && entries.length > 0 ? prev.n : null, lastHash: entries.at(-1)?.hash ?? null, macsChecked: opts.mac !== undefined };
}

async function checkOwnHash(e: Chained, content: unknown, afterKeyed: boolean, mac: JournalMac | undefined): Promise<string | null> {
  const changed = `entry ${e.n} was changed after it was written`;
  if (e.v === undefined) {
    if (afterKeyed) return `entry ${e.n} has no keyed MAC after keyed entries (rewritten with the keyless hash)`;
    return chainHash(e.n, e.prevHash, content) === e.hash ? null : changed;
  }
  if (e.v !== CHAIN_VERSION) return `entry ${e.n} has an unknown chain version (${String(e.v)})`;
  if (!mac) return /^[0-9a-f]{64}$/.test(e.hash) ? null : changed;
  return (await chainMac(mac, e.n, e.prevHash, content)) === e.hash ? null : changed;
}

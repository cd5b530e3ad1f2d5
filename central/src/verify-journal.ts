/**
 * `npm run central:verify-journal -- <export.jsonl> [--key <hex or key file>] [--station <id>] [--data <dir>]`:
 * checks a station's exported journal (JSON lines, as the counter's "Export journal" writes it) and compares
 * it with the journal heads central kept for that station (PostgreSQL when DATABASE_URL is set, else PGlite
 * at --data).
 * - The chain: numbers follow each other, each entry links to the one before, each hash is its own. Keyed
 *   entries' MACs are recomputed only with the station's key (--key: the 64 hex digits, or the file that
 *   holds them, userData/journal.key under Electron); without it, numbers and links only, and it says so.
 * - The heads: an entry whose hash is not the one central saw at that number was rewritten; an export that
 *   ends before the last head central saw was cut short (its last entries removed).
 * Exit 0 when both hold, 1 when either does not (every finding named), 2 for a file or key it cannot read.
 */
import { createHmac } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { verifyJsonLines } from '../../shared/drawer/journal-export';
import type { JournalMac } from '../../shared/journal/chain';
import { stationConfigSchema } from '../../shared/station';
import { openFor } from './commands';
import type { Queryable } from './db';
import { journalHeadsOf, type StoredHead } from './journal-heads';

export type VerifyOptions = {
  /** The station's key: 64 hex digits, or a file holding them. */
  key?: string;
  /** Whose heads to compare with; read from the entries when not given. */
  station?: string;
  /** Central's database, for the heads; without it only the chain is checked. */
  db?: Queryable;
};
export type VerifyResult = { code: 0 | 1 | 2; message: string };

const KEY_HEX = /^[0-9a-fA-F]{64}$/;
const stationIdSchema = stationConfigSchema.shape.stationId;

export async function verifyJournalFile(file: string, opts: VerifyOptions = {}): Promise<VerifyResult> {
  const say = (code: VerifyResult['code'], lines: string[]): VerifyResult => ({ code, message: lines.map((l) => `verify-journal: ${file}: ${l}`).join('\n') });
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    return { code: 2, message: `verify-journal: ${file} could not be read (${e instanceof Error ? e.message : String(e)})` };
  }
  let mac: JournalMac | undefined;
  if (opts.key !== undefined) {
    const key = await readKey(opts.key);
    if (!key.ok) return { code: 2, message: `verify-journal: --key ${key.error}` };
    mac = async (message) => createHmac('sha256', key.value).update(message, 'utf8').digest('hex');
  }
  const entries = readEntries(text);
  const chain = await verifyJsonLines(text, mac);
  const problems: string[] = chain.ok ? [] : [chain.problem];
  const notes: string[] = [];
  if (chain.ok) {
    const range = chain.first === null ? 'no entries' : `entries ${chain.first}..${chain.last}`;
    notes.push(`the chain holds (${range}; ${chain.macsChecked ? "MACs checked with the station's key" : 'MACs not checked: no --key given, numbers and links only'})`);
  }

  const station = opts.station ?? (entries.stations.size === 1 ? [...entries.stations][0]! : null);
  if (!opts.db) notes.push("central's journal heads not compared (no database)");
  else if (station === null) notes.push("central's journal heads not compared: the entries name no station (give --station)");
  else {
    const heads = await journalHeadsOf(opts.db, station);
    if (heads.length === 0) notes.push(`central holds no journal heads from station ${station}`);
    else {
      const found = compareWithHeads(entries.hashes, heads);
      problems.push(...found);
      if (found.length === 0) notes.push(`matches the ${heads.length} journal head${heads.length === 1 ? '' : 's'} central saw from station ${station}`);
    }
  }
  return problems.length > 0 ? say(1, problems) : say(0, notes);
}

/** Names every entry whose hash differs from a head central saw, and a tail missing after the last one. */
export function compareWithHeads(entries: ReadonlyMap<number, string>, heads: readonly StoredHead[]): string[] {
  const out: string[] = [];
  const numbers = [...entries.keys()];
  const first = numbers.length > 0 ? Math.min(...numbers) : 1;
  const last = numbers.length > 0 ? Math.max(...numbers) : 0;
  for (const head of heads) {
    const hash = entries.get(head.n);
    if (hash !== undefined && hash !== head.hash) {
      out.push(`entry ${head.n} was rewritten: its hash is not the one central saw on ${head.seenAt} (this entry or one before it was changed)`);
    } else if (hash === undefined && head.n >= first && head.n <= last) {
      out.push(`entry ${head.n} was removed: central saw it on ${head.seenAt}`);
    }
  }
  const top = heads.reduce((a, b) => (b.n > a.n ? b : a));
  if (top.n > last) {
    out.push(`${top.n === last + 1 ? `entry ${top.n} was` : `entries ${last + 1}..${top.n} were`} removed (truncated): the export ends at ${last === 0 ? 'no entry' : `entry ${last}`}, central saw entry ${top.n} on ${top.seenAt}`);
  }
  return [...new Set(out)];
}

type Read = { hashes: Map<number, string>; stations: Set<string> };

/** Each line's number and hash, as far as they can be read (the chain check names what cannot), and its station. */
function readEntries(text: string): Read {
  const read: Read = { hashes: new Map(), stations: new Set() };
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let e: unknown;
    try {
      e = JSON.parse(line);
    } catch {
      continue;
    }
    if (typeof e !== 'object' || e === null) continue;
    const { n, hash } = e as { n?: unknown; hash?: unknown };
    if (typeof n === 'number' && typeof hash === 'string' && !read.hashes.has(n)) read.hashes.set(n, hash);
    for (const id of stationIds(e as Record<string, unknown>)) read.stations.add(id);
  }
  return read;
}

/** An entry's station: `stationId` on it or on the record it carries (payment, void, close-out...). */
function stationIds(e: Record<string, unknown>): string[] {
  return [e, ...Object.values(e)].flatMap((v) => {
    const id = typeof v === 'object' && v !== null ? (v as Record<string, unknown>).stationId : undefined;
    return typeof id === 'string' && id !== '' ? [id] : [];
  });
}

async function readKey(given: string): Promise<{ ok: true; value: Buffer } | { ok: false; error: string }> {
  if (KEY_HEX.test(given)) return { ok: true, value: Buffer.from(given, 'hex') };
  let text: string;
  try {
    text = (await readFile(given, 'utf8')).trim();
  } catch (e) {
    return { ok: false, error: `must be the key's 64 hexadecimal digits or its file (${given} could not be read: ${e instanceof Error ? e.message : String(e)})` };
  }
  return KEY_HEX.test(text) ? { ok: true, value: Buffer.from(text, 'hex') } : { ok: false, error: `${given} does not hold a journal key (64 hexadecimal digits)` };
}

const argsSchema = z.object({
  file: z.string().min(1, { message: 'name the exported journal file (.jsonl)' }),
  key: z.string().min(1).optional(),
  station: stationIdSchema.optional(),
  data: z.string().min(1, { message: "must name PGlite's data folder" }),
});

async function main() {
  let parsed;
  try {
    const { values, positionals } = parseArgs({
      args: process.argv.slice(2),
      allowPositionals: true,
      strict: true,
      options: { key: { type: 'string' }, station: { type: 'string' }, data: { type: 'string', default: '.data/central' } },
    });
    parsed = argsSchema.safeParse({ ...values, file: positionals.length === 1 ? positionals[0] : '' });
  } catch (e) {
    parsed = { success: false as const, error: e };
  }
  if (!parsed.success) {
    const why = parsed.error instanceof z.ZodError ? parsed.error.issues.map((i) => `${i.path.join('.') || 'file'}: ${i.message}`).join('; ') : parsed.error instanceof Error ? parsed.error.message : String(parsed.error);
    console.error(`verify-journal: ${why}\nusage: npm run central:verify-journal -- <exported-journal.jsonl> [--key <hex or key file>] [--station <id>] [--data <dir>]`);
    process.exit(2);
  }
  const { file, key, station, data } = parsed.data;
  const db = await openFor(data, process.env);
  let r: VerifyResult;
  try {
    r = await verifyJournalFile(file, { db, ...(key ? { key } : {}), ...(station ? { station } : {}) });
  } finally {
    await db.close();
  }
  (r.code === 0 ? console.log : console.error)(r.message);
  process.exit(r.code);
}

if (process.argv[1]?.endsWith('verify-journal.ts')) void main();

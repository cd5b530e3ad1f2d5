/**
 * Held records: well-formed, taken at the window, but central cannot apply them (an account unknown or
 * closed, over a limit, a date outside the window, a database error on that one record). They are kept in
 * `held_items` and answered `held` (final for the station: the money was taken), never applied to a
 * balance until the back office decides (commands.ts: apply or refund).
 *
 * Idempotent like everything posted: the same id and contents again get the same `held` answer and
 * reference; other contents are a conflict.
 */
import { canonicalJson } from '../../shared/journal/chain';
import { sha256Hex } from '../../shared/journal/sha256';
import { removeCardNumbers } from '../../shared/payments/card-guard';
import type { PaymentResult } from '../../shared/sync/protocol';
import { dbTime, sqlState, type Queryable } from './db';

export type HeldKind = 'payment' | 'void' | 'closeout' | 'deposit' | 'dropbox_batch';

export type StoredHeld = { hash: string; reference: string; heldAt: string; reason: string };

export type HeldRow = {
  id: string;
  utility: string;
  stationId: string;
  takenAt: string | null;
  total: string | null;
  reason: string;
  /** The record's canonical text: only its hash is kept, so a cleaned body still tells a resend from a conflict. */
  canonical: string;
  body: unknown;
};

const REMOVED_CARD = '[card number removed]';
/** Reasons are short: for a list on a screen. */
const MAX_REASON = 300;

/** C0/C1 controls (NUL included: jsonb cannot hold it), line separators, bidi overrides. */
// eslint-disable-next-line no-control-regex -- finding control characters is this pattern's purpose
const UNSAFE_CHARS = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u200E\u200F\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu;

/** Free text as it may be stored and shown: no card numbers, no control or direction characters. */
export function cleanText(text: string): string {
  return removeCardNumbers(text.replace(UNSAFE_CHARS, '\uFFFD'), REMOVED_CARD);
}

/** Every string in a value cleaned (keys too), for a body stored even when it broke the database once. */
export function cleanValue(value: unknown): unknown {
  if (typeof value === 'string') return cleanText(value);
  if (Array.isArray(value)) return value.map(cleanValue);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [cleanText(k), cleanValue(v)]));
  }
  return value;
}

/** `canonical(value)`, or stable JSON when the value is too broken for it (then it is so every time). */
export function canonicalOr(canonical: (v: never) => string, value: unknown): string {
  try {
    return canonical(value as never);
  } catch {
    return canonicalJson(value);
  }
}

export function contentsHash(canonical: string): string {
  return sha256Hex(canonical);
}

export function heldResult(id: string, s: StoredHeld): PaymentResult {
  return { id, status: 'held', reference: s.reference, postedAt: s.heldAt, reason: s.reason };
}

/** Same contents → the same `held` answer; other contents → conflict. */
export function heldAnswer(id: string, s: StoredHeld, canonical: string): PaymentResult {
  if (s.hash === contentsHash(canonical)) return heldResult(id, s);
  return { id, status: 'conflict', error: `id: ${id} is already held as ${s.reference} with other contents; it is not stored again` };
}

type Row = { id: string; contents_hash: string; reference: string; held_at: Date | string; reason: string };
const toStored = (r: Row): StoredHeld => ({ hash: r.contents_hash, reference: r.reference, heldAt: dbTime(r.held_at), reason: r.reason });

export async function loadHeld(tx: Queryable, kind: HeldKind, ids: readonly string[]): Promise<Map<string, StoredHeld>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.query<Row>(
    'select id::text, contents_hash, reference, held_at, reason from held_items where kind = $1 and id = any($2::uuid[])',
    [kind, [...new Set(ids)]],
  );
  return new Map(rows.map((r) => [r.id, toStored(r)]));
}

/**
 * Stores held records in one insert, in the order given; an id held meanwhile by another request is
 * skipped and read back. Returns every one of them as stored, by id.
 */
export async function insertHeld(tx: Queryable, kind: HeldKind, rows: readonly HeldRow[], receivedAt: Date): Promise<Map<string, StoredHeld>> {
  if (rows.length === 0) return new Map();
  const col = <T>(f: (r: HeldRow) => T) => rows.map(f);
  const inserted = await tx.query<Row>(
    `insert into held_items (kind, id, utility, station_id, taken_at, total, reason, contents_hash, body, received_at)
     select $1, r.id, r.utility, r.station_id, r.taken_at, r.total, r.reason, r.contents_hash, r.body::jsonb, $10::timestamptz
     from unnest($2::uuid[], $3::text[], $4::text[], $5::timestamptz[], $6::numeric[], $7::text[], $8::text[], $9::text[], $11::int[])
       as r (id, utility, station_id, taken_at, total, reason, contents_hash, body, n)
     order by r.n
     on conflict (kind, id) do nothing
     returning id::text, contents_hash, reference, held_at, reason`,
    [
      kind,
      col((r) => r.id),
      col((r) => cleanText(r.utility)),
      col((r) => cleanText(r.stationId)),
      col((r) => r.takenAt),
      col((r) => r.total),
      col((r) => cleanText(r.reason).slice(0, MAX_REASON)),
      col((r) => contentsHash(r.canonical)),
      // As text: PGlite would JSON-encode a string bound to jsonb again.
      col((r) => JSON.stringify(cleanValue(r.body))),
      receivedAt.toISOString(),
      rows.map((_, n) => n),
    ],
  );
  const out = new Map(inserted.map((r) => [r.id, toStored(r)]));
  const lost = rows.filter((r) => !out.has(r.id)).map((r) => r.id);
  for (const [id, s] of await loadHeld(tx, kind, lost)) out.set(id, s);
  return out;
}

/**
 * What went wrong, as a class people can act on: the SQLSTATE's class and code, never the SQL, its
 * parameters or the driver's message (which can quote the data).
 */
export function errorClass(error: unknown): string {
  const code = sqlState(error);
  if (!code || !/^[0-9A-Z]{5}$/.test(code)) return 'an unexpected error';
  const classes: Record<string, string> = {
    '22': 'data the database refused',
    '23': 'a database constraint',
    '40': 'a transaction conflict',
    '53': 'insufficient database resources',
    '54': 'a database limit',
    '55': 'a database object not in the right state',
    '57': 'an interrupted operation',
    P0: 'a database rule',
    XX: 'an internal database error',
  };
  return `${classes[code.slice(0, 2)] ?? 'a database error'} (${code})`;
}

export const couldNotApply = (error: unknown) => `central could not apply it: ${errorClass(error)}`;

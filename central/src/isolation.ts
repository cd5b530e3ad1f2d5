/**
 * One record must not hold a whole batch back. A batch is posted set-based in one transaction (the fast
 * path); when that fails with anything but "the database is unreachable", the batch is posted again item
 * by item, one small transaction each, and an item that fails again is stored held with a short class of
 * the error (held.ts), never the SQL or its parameters. Only when even that cannot be stored does the
 * request fail, with 503: an answer central did not keep must not reach the station as final.
 */
import { canonicalJson } from '../../shared/journal/chain';
import type { PaymentResult } from '../../shared/sync/protocol';
import { sqlState, type Database } from './db';
import { canonicalOr, couldNotApply, errorClass, heldAnswer, insertHeld, type HeldKind, type HeldRow } from './held';

/** Sent as 503 "central's database is unavailable" (http.ts). */
export class DatabaseUnavailable extends Error {
  constructor() {
    super("central's database is unavailable");
    this.name = 'DatabaseUnavailable';
  }
}

/** Where an item's failure is told: ids and the class of error only. */
export type FailureLog = { warn(object: Record<string, unknown>, message: string): void };

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

/** The database itself is gone (no connection, shutting down, closed): retrying item by item cannot help. */
export function isUnreachable(error: unknown): boolean {
  const code = sqlState(error) ?? '';
  if (NETWORK_CODES.has(code) || code.startsWith('08') || ['57P01', '57P02', '57P03'].includes(code)) return true;
  const message = error instanceof Error ? error.message : '';
  return /connection terminated|PGlite is closed|Cannot use a pool after calling end|timeout exceeded when trying to connect/i.test(message);
}

export async function postIsolated<T extends { id: string }>(
  db: Database,
  kind: HeldKind,
  items: readonly T[],
  post: (items: readonly T[]) => Promise<PaymentResult[]>,
  canonical: (item: T) => string,
  receivedAt: Date,
  log?: FailureLog,
): Promise<PaymentResult[]> {
  try {
    return await post(items);
  } catch (error) {
    if (isUnreachable(error)) throw error;
    log?.warn({ kind, ids: items.length, errorClass: errorClass(error) }, 'batch failed as a whole; posting it item by item');
  }
  const results: PaymentResult[] = [];
  for (const item of items) {
    try {
      results.push(...(await post([item])));
    } catch (error) {
      if (isUnreachable(error)) throw error;
      log?.warn({ kind, id: item.id, errorClass: errorClass(error) }, 'item held: central could not apply it');
      results.push(await holdFailed(db, kind, item, canonicalOr(canonical, item), couldNotApply(error), receivedAt));
    }
  }
  return results;
}

export async function holdFailed(db: Database, kind: HeldKind, item: { id: string }, canonical: string, reason: string, receivedAt: Date): Promise<PaymentResult> {
  try {
    return await db.transaction(async (tx) => {
      const stored = (await insertHeld(tx, kind, [heldRowOf(item, canonical, reason)], receivedAt)).get(item.id);
      if (!stored) throw new Error(`${kind} ${item.id} neither held nor found`);
      return heldAnswer(item.id, stored, canonical);
    });
  } catch (error) {
    if (isUnreachable(error)) throw error;
    throw new DatabaseUnavailable();
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A payment that breaks its schema (a NUL in a memo, an amount over the ceiling) still records money the
 * station took: it is held with the field's reason when its id can key it, never refused. Null when the id
 * is not a station's UUID: then the item stays `rejected`.
 */
export async function holdMalformed(db: Database, kind: HeldKind, raw: { id: string }, reason: string, receivedAt: Date): Promise<PaymentResult | null> {
  if (!UUID.test(raw.id)) return null;
  return holdFailed(db, kind, raw, canonicalJson(raw), `does not match the protocol: ${reason}`, receivedAt);
}

/** Listing columns only: the whole value stays in the body. */
const text = (v: unknown) => (typeof v === 'string' ? v.slice(0, 200) : '');
/** A time the database can store and a person can read, or none (the body keeps what was sent). */
const time = (v: unknown) => {
  if (typeof v !== 'string' || v.length > 40) return null;
  const at = new Date(v);
  const year = at.getUTCFullYear();
  return Number.isNaN(at.getTime()) || year < 1900 || year > 2999 ? null : at.toISOString();
};

/** Whatever the record is (it may be what broke the database), the figures the back office lists, when they are sane. */
function heldRowOf(item: { id: string }, canonical: string, reason: string): HeldRow {
  const r = item as Record<string, unknown>;
  const total = typeof r.total === 'string' && /^[0-9]{1,8}\.[0-9]{2}$/.test(r.total) ? r.total : null;
  return {
    id: item.id,
    utility: text(r.utility),
    stationId: text(r.stationId),
    takenAt: time(r.takenAt) ?? time(r.signedOffAt) ?? time(r.preparedAt) ?? time(r.retrievedAt),
    total,
    reason,
    canonical,
    body: item,
  };
}

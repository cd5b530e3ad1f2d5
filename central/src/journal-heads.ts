/**
 * Stations' journal heads: every POST may carry `journalHead` (the station's last entry's number and MAC);
 * central keeps each distinct head it has seen, never changed or deleted. They anchor the station's
 * journal outside the station: `central:verify-journal` compares an export against them, so an entry
 * rewritten after central saw it, or entries removed from the end, are named.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { journalHeadSchema, type JournalHead } from '../../shared/sync/protocol';
import type { Database, Queryable } from './db';
import { parseOr400 } from './http';

export type StoredHead = { n: number; hash: string; seenAt: string };

const bodyWithHead = z.looseObject({ journalHead: journalHeadSchema.optional() });

/** Keeps the head a POST carries, before its items are posted; a malformed head is refused (400, naming its field). */
export function journalHeadHook(app: FastifyInstance, db: Database): void {
  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'POST' || typeof request.body !== 'object' || request.body === null || !('journalHead' in request.body)) return;
    const parsed = parseOr400(bodyWithHead, request.body, 'body', reply);
    if (!parsed) return reply;
    if (parsed.journalHead) await recordJournalHead(db, parsed.journalHead);
  });
}

/** Stores a head once; the same station, number and hash again changes nothing. */
export async function recordJournalHead(db: Queryable, head: JournalHead, seenAt = new Date()): Promise<void> {
  await db.query(
    `insert into journal_heads (station_id, n, hash, seen_at) values ($1, $2, $3, $4) on conflict (station_id, n, hash) do nothing`,
    [head.stationId, head.n, head.hash, seenAt.toISOString()],
  );
}

/** Every head central has seen from a station, by number (two hashes at one number are both kept). */
export async function journalHeadsOf(db: Queryable, stationId: string): Promise<StoredHead[]> {
  const rows = await db.query<{ n: string; hash: string; seen_at: Date | string }>(
    `select n::text as n, hash, seen_at from journal_heads where station_id = $1 order by n, seen_at`,
    [stationId],
  );
  return rows.map((r) => ({ n: Number(r.n), hash: r.hash, seenAt: new Date(r.seen_at).toISOString() }));
}

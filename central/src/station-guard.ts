/**
 * A token speaks for one station at one utility. Whatever a body says, a record of another station or
 * another utility is refused whole (403 naming the first such field), and reads are limited to the
 * station's utility. Checked after the body is parsed and before any route reads it.
 */
import type { FastifyInstance } from 'fastify';
import type { ErrorResponse } from '../../shared/sync/protocol';
import { error } from './http';
import type { Station } from './stations';

/** A value as the refusal quotes it: short, and as the body sent it. */
const quoted = (v: unknown) => JSON.stringify(v)?.slice(0, 60) ?? String(v);

/**
 * The first item of the body's lists that names another station or utility than the token's, as a refusal.
 * An item without these fields is left to its schema (held or rejected, naming the field).
 */
export function foreignItem(body: unknown, station: Station): ErrorResponse | null {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return null;
  // The journal head is kept as this station's: one naming another station would be stored against it.
  const head = (body as Record<string, unknown>).journalHead;
  if (head && typeof head === 'object' && 'stationId' in head && (head as { stationId: unknown }).stationId !== station.id) {
    const field = 'journalHead.stationId';
    return error(`${field}: this token belongs to station ${station.id}; it may not send the journal head of station ${quoted((head as { stationId: unknown }).stationId)}`, field);
  }
  for (const [key, list] of Object.entries(body)) {
    if (!Array.isArray(list)) continue;
    for (const [n, item] of list.entries()) {
      if (!item || typeof item !== 'object') continue;
      const r = item as Record<string, unknown>;
      if ('stationId' in r && r.stationId !== station.id) {
        const field = `${key}.${n}.stationId`;
        return error(`${field}: this token belongs to station ${station.id}; it may not send records of station ${quoted(r.stationId)}`, field);
      }
      if ('utility' in r && r.utility !== station.utility) {
        const field = `${key}.${n}.utility`;
        return error(`${field}: this token's station ${station.id} is at utility ${station.utility}; it may not send records of utility ${quoted(r.utility)}`, field);
      }
    }
  }
  return null;
}

export function bindRequestsToStation(app: FastifyInstance): void {
  app.addHook('preValidation', async (request, reply) => {
    const station = request.station;
    if (!station) return;
    const params = request.params as Record<string, unknown> | undefined;
    const utility = params?.utility;
    if (typeof utility === 'string' && utility !== station.utility) {
      return reply.code(403).send(error(`utility: this token's station ${station.id} is at utility ${station.utility}; it may not read utility ${quoted(utility)}`, 'utility'));
    }
    if (request.method !== 'POST') return;
    const refusal = foreignItem(request.body, station);
    if (refusal) return reply.code(403).send(refusal);
  });
}

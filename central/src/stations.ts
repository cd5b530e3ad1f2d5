/**
 * The station registry: each station is registered with its id and utility, and central issues its token.
 * The token is returned once, when the station is added; only its SHA-256 is stored.
 */
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { profiles } from '../../shared/profiles';
import { stationConfigSchema } from '../../shared/station';
import { describeZodError } from '../../shared/sync/protocol';
import type { Queryable } from './db';

/** Who a token speaks for: every record it sends must be this station's, at this utility. */
export type Station = { id: string; utility: string };

export type StationRow = Station & { createdAt: string; disabledAt: string | null };

export type Outcome<T> = { ok: true; value: T } | { ok: false; field: string; message: string };

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** 32 random bytes: not guessable, and URL- and header-safe as base64url. */
export const newToken = () => randomBytes(32).toString('base64url');

const utilitySchema = z.string().refine((u) => Object.hasOwn(profiles, u), {
  message: `must be a utility with a profile: ${Object.keys(profiles).join(', ')}`,
});

export const stationBindingSchema = z.object({
  id: stationConfigSchema.shape.stationId,
  utility: utilitySchema,
  token: stationConfigSchema.shape.token,
});
export type StationBinding = z.infer<typeof stationBindingSchema>;

const addSchema = stationBindingSchema.pick({ id: true, utility: true });

/** Registers a station and returns its new token; refuses a bad id, an unknown utility and a taken id. */
export async function addStation(db: Queryable, id: string, utility: string): Promise<Outcome<{ station: Station; token: string }>> {
  const parsed = addSchema.safeParse({ id, utility });
  if (!parsed.success) {
    const d = describeZodError(parsed.error);
    return { ok: false, field: d.field ?? 'id', message: d.error };
  }
  const token = newToken();
  // "on conflict do nothing": two clerks adding the same id at once get one station and one refusal.
  const rows = await db.query<{ id: string }>(
    'insert into stations (id, utility, token_hash) values ($1, $2, $3) on conflict (id) do nothing returning id',
    [parsed.data.id, parsed.data.utility, tokenHash(token)],
  );
  if (rows.length === 0) return { ok: false, field: 'id', message: `id: station ${parsed.data.id} is already registered` };
  return { ok: true, value: { station: parsed.data, token } };
}

export async function listStations(db: Queryable): Promise<StationRow[]> {
  const rows = await db.query<{ id: string; utility: string; created_at: string; disabled_at: string | null }>(
    'select id, utility, created_at::text, disabled_at::text from stations order by id',
  );
  return rows.map((r) => ({ id: r.id, utility: r.utility, createdAt: r.created_at, disabledAt: r.disabled_at }));
}

/** Disables a station: its token is refused from the next call on. Disabling twice is refused, naming the id. */
export async function disableStation(db: Queryable, id: string): Promise<Outcome<Station>> {
  const rows = await db.query<Station>('update stations set disabled_at = now() where id = $1 and disabled_at is null returning id, utility', [id]);
  const [row] = rows;
  if (row) return { ok: true, value: row };
  const known = await db.query<{ id: string }>('select id from stations where id = $1', [id]);
  return { ok: false, field: 'id', message: known.length > 0 ? `id: station ${id} is already disabled` : `id: no station ${id} is registered` };
}

/** The station a token belongs to: `disabled` when it is registered but disabled, null when unknown. */
export async function stationByToken(db: Queryable, token: string): Promise<(Station & { disabled: boolean }) | null> {
  const [row] = await db.query<{ id: string; utility: string; disabled: boolean }>(
    'select id, utility, disabled_at is not null as disabled from stations where token_hash = $1',
    [tokenHash(token)],
  );
  return row ?? null;
}

export async function countActiveStations(db: Queryable): Promise<number> {
  const [row] = await db.query<{ n: string }>('select count(*)::text as n from stations where disabled_at is null');
  return Number(row?.n ?? 0);
}

/**
 * Central for the benchmarks: started through startCentral (demo off), seeded with set-based SQL, and the
 * limit's raw table and statements. On PostgreSQL everything lives in a schema of its own, dropped after.
 */
import pg from 'pg';
import { startCentral, type RunningCentral } from '../../central/src/server';
import type { Queryable } from '../../central/src/db';
import { SEED_ACCOUNTS_SQL, benchStations } from './workloads';

/** The limit's sink: the columns of central's payments table, no triggers, no foreign keys, no sequence. */
export const RAW_TABLE_SQL = `create table if not exists bench_raw_payments (
  id uuid primary key,
  utility text not null,
  station_id text not null,
  cashier text not null,
  drawer_session_id text,
  taken_at timestamptz not null,
  received_at timestamptz not null,
  total numeric(14,2) not null,
  canonical text not null,
  body jsonb not null
)`;

/** $1: a JSON array of payments, as text. One statement whatever the count; the row count back. */
export const RAW_INSERT_SQL = `with ins as (
  insert into bench_raw_payments (id, utility, station_id, cashier, drawer_session_id, taken_at, received_at, total, canonical, body)
  select (p->>'id')::uuid, p->>'utility', p->>'stationId', p->>'cashier', p->>'drawerSessionId', (p->>'takenAt')::timestamptz,
         now(), (p->>'total')::numeric, p::text, p
  from jsonb_array_elements($1::text::jsonb) as p
  on conflict (id) do nothing
  returning 1
) select count(*)::int as n from ins`;

/** The same rows the feed reads, in the wire's field names, no parsing: what the raw fill stores. */
export const RAW_ACCOUNTS_SQL = `select utility, number, name, service_address as "serviceAddress", balance::text as balance,
  past_due::text as "pastDue", due_date::text as "dueDate", status, shut_offs_12m as "shutOffsLast12Months",
  beyond_shut_off as "beyondShutOff", certified_amount::text as "certifiedAmount", updated_at as "updatedAt",
  change_seq::text as cursor
from accounts where utility = $1 and change_seq > $2::bigint order by change_seq limit $3`;

export type BenchCentral = { central: RunningCentral; label: string; seedMs: number; close(): Promise<void> };

/** Seeds `accounts` accounts in one insert, then the raw table; ANALYZE so the planner knows the sizes. */
async function prepare(db: Queryable, accounts: number): Promise<number> {
  const t0 = performance.now();
  await db.query(SEED_ACCOUNTS_SQL, [accounts]);
  await db.query(RAW_TABLE_SQL);
  await db.query('analyze');
  return performance.now() - t0;
}

/** More than any bench sends as. */
const BENCH_STATIONS = 64;

export async function startPgliteCentral(dataDir: string | undefined, accounts: number): Promise<BenchCentral> {
  const central = await startCentral({ port: 0, ...(dataDir ? { dataDir } : {}), demo: false, stations: benchStations(BENCH_STATIONS), quiet: true });
  const seedMs = await prepare(central.db, accounts);
  return { central, label: 'PGlite', seedMs, close: () => central.close() };
}

/** A PostgreSQL central in a fresh schema `bench_<time>_<pid>` of DATABASE_URL's database; dropped on close. */
export async function startPostgresCentral(databaseUrl: string, accounts: number): Promise<BenchCentral> {
  const schema = `bench_${Date.now()}_${process.pid}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  const url = `${databaseUrl}${databaseUrl.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  let central: RunningCentral;
  try {
    central = await startCentral({ port: 0, databaseUrl: url, demo: false, stations: benchStations(BENCH_STATIONS), quiet: true });
  } catch (e) {
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
    throw e;
  }
  const seedMs = await prepare(central.db, accounts);
  return {
    central,
    label: 'PostgreSQL',
    seedMs,
    async close() {
      await central.close();
      await admin.query(`drop schema if exists ${schema} cascade`);
      await admin.end();
    },
  };
}

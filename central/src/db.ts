/**
 * The one database interface central's code sees, over PGlite (embedded, a data folder or memory) or a
 * real PostgreSQL through a `pg` Pool. Everything above this file writes plain PostgreSQL.
 *
 * Values leave SQL as strings wherever a driver could change them: money as `col::text` (numeric(14,2)
 * always prints two decimals), dates as `col::text`, bigints as `col::text`. The drivers disagree on
 * these (PGlite turns bigint into a JS number and date into a Date), so the queries, not the drivers,
 * decide the wire form. `dbMoney` and `dbTime` are the two conversions back.
 */
import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { Decimal, toMoneyString, type MoneyString } from '../../shared/money/money';

export interface Queryable {
  query<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Where the data lives, for people: "PGlite at .data/central", "PostgreSQL at db:5432/counter". */
  readonly description: string;
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** PGlite on a data folder (created if missing), or in memory when no folder is given (tests). */
export async function openPglite(dataDir?: string): Promise<Database> {
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir);
  type Runner = Pick<PGlite, 'query'>;
  const run =
    (target: Runner) =>
    async <T>(sql: string, params: readonly unknown[] = []): Promise<T[]> =>
      (await target.query<T>(sql, [...params])).rows;
  return {
    kind: 'pglite',
    description: dataDir ? `PGlite at ${dataDir}` : 'PGlite in memory',
    query: run(db),
    // PGlite is one connection: its transaction() holds a mutex, so concurrent requests queue here.
    transaction: (fn) => db.transaction((tx) => fn({ query: run(tx) })),
    close: () => db.close(),
  };
}

const NUMERIC_OID = 1700;

/** A `pg` Pool on DATABASE_URL. */
export function openPostgres(databaseUrl: string): Database {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    // numeric stays a string (never a JS float); pg's default already does this, and we say so on purpose.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === NUMERIC_OID ? (v: string) => v : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client losing its server must not crash the process; the next query reports the failure.
  pool.on('error', () => undefined);
  const run =
    (client: pg.Pool | pg.PoolClient) =>
    async <T>(sql: string, params: readonly unknown[] = []): Promise<T[]> =>
      (await client.query(sql, [...params])).rows as T[];
  return {
    kind: 'postgres',
    description: `PostgreSQL at ${describeUrl(databaseUrl)}`,
    query: run(pool),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({ query: run(client) });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** host:port/database, never the password. */
function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}

/** The SQLSTATE of a driver error ("23505"), or undefined. Both drivers put it on `code`. */
export function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** A numeric read back as text → the wire form: exactly two decimals, never "-0.00". */
export function dbMoney(value: string): MoneyString {
  return toMoneyString(new Decimal(value));
}

/** A timestamptz as the drivers return it (a Date, or text) → ISO 8601 in UTC. */
export function dbTime(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

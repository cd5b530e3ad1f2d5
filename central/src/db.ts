/**
 * The one database interface central's code sees, over PGlite (embedded, a data folder or memory) or a
 * real PostgreSQL through a `pg` Pool. Everything above this file writes plain PostgreSQL.
 *
 * Values leave SQL as strings wherever a driver could change them: money as `col::text` (numeric(14,2)
 * always prints two decimals), dates as `col::text`, bigints as `col::text`. The drivers disagree on
 * these (PGlite turns bigint into a JS number and date into a Date), so the queries, not the drivers,
 * decide the wire form. `dbMoney` and `dbTime` are the two conversions back.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
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
  let unlock = async () => undefined as void;
  if (dataDir) {
    await mkdir(dataDir, { recursive: true });
    unlock = await lockFolder(dataDir);
  }
  let db: PGlite;
  try {
    db = await PGlite.create(dataDir);
  } catch (error) {
    await unlock();
    throw error;
  }
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
    close: async () => {
      try {
        await db.close();
      } finally {
        await unlock();
      }
    },
  };
}

/**
 * PGlite does not stop a second process from opening a folder, and two processes writing one folder lose
 * or corrupt data (a `serve` and an `import-accounts`, say). So central keeps `central.lock` in the folder
 * with its process id while it has the folder open; a lock left by a process that no longer runs is taken over.
 */
async function lockFolder(dataDir: string): Promise<() => Promise<void>> {
  const file = join(dataDir, 'central.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await writeFile(file, `${process.pid}\n`, { flag: 'wx' });
      return () => rm(file, { force: true });
    } catch (error) {
      if (sqlState(error) !== 'EEXIST') throw error;
    }
    const pid = Number((await readFile(file, 'utf8').catch(() => '')).trim());
    if (Number.isInteger(pid) && pid > 0 && isRunning(pid)) {
      const who = pid === process.pid ? 'this process' : `process ${pid}`;
      throw new Error(
        `PGlite at ${dataDir} is open in ${who}, and only one may open a PGlite folder: stop it first (or use DATABASE_URL). ` +
          `If no central runs there, delete ${file}.`,
      );
    }
    await rm(file, { force: true }); // left by a process that ended without closing
  }
  throw new Error(`could not lock ${file}`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return sqlState(error) === 'EPERM'; // it runs, as another user
  }
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

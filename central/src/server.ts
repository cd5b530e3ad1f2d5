/**
 * Starts central: opens the database (PostgreSQL when a URL is given, else PGlite on a folder or in
 * memory), applies migrations, loads the demo into an empty database when asked, and listens.
 * `npm start`, the CLI and the end-to-end tests all start it through here.
 */
import { z } from 'zod';
import { stationConfigSchema } from '../../shared/station';
import { describeZodError } from '../../shared/sync/protocol';
import { buildApp } from './app';
import { openPglite, openPostgres, type Database } from './db';
import { countAccounts, seedDemo } from './demo';
import { migrate } from './migrations';

export const DEFAULT_TOKEN = 'demo-station-token';

const optionsSchema = z
  .object({
    /** 0 picks any free port. */
    port: z.number().int().min(0).max(65535),
    host: z.string().min(1).default('127.0.0.1'),
    /** PGlite's data folder; in memory when neither this nor databaseUrl is given. */
    dataDir: z.string().min(1).optional(),
    /** A PostgreSQL URL (postgres://user:password@host:5432/db). */
    databaseUrl: z.string().min(1).optional(),
    /** Station tokens; default COUNTER_STATION_TOKENS (comma separated) or the demo token. */
    tokens: z.array(stationConfigSchema.shape.token).min(1).optional(),
    /** Load demo accounts into an empty database: true for 300 per utility, or a count per utility. */
    demo: z.union([z.boolean(), z.number().int().min(0).max(100_000)]).default(false),
    /** No log lines at all (by default, warnings and errors are logged). */
    quiet: z.boolean().default(false),
  })
  .refine((o) => !(o.dataDir && o.databaseUrl), { path: ['databaseUrl'], message: 'give dataDir or databaseUrl, not both' });

export type CentralOptions = z.input<typeof optionsSchema>;

export type RunningCentral = {
  /** http://host:port, no trailing slash. */
  url: string;
  /** For people: "PGlite at .data/central, 1,207 accounts". */
  summary: string;
  /** The open database, for tests and tools in the same process (PGlite allows one process per folder). */
  db: Database;
  /** Stops listening, then closes the database. Safe to call twice. */
  close(): Promise<void>;
};

/** COUNTER_STATION_TOKENS (comma separated), or the demo token when it is unset or empty. */
export function tokensFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  const list = (env.COUNTER_STATION_TOKENS ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');
  if (list.length === 0) return [DEFAULT_TOKEN];
  const parsed = z.array(stationConfigSchema.shape.token).safeParse(list);
  if (!parsed.success) throw new Error(`COUNTER_STATION_TOKENS: ${describeZodError(parsed.error).error}`);
  return parsed.data;
}

export async function startCentral(options: CentralOptions): Promise<RunningCentral> {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) throw new Error(describeZodError(parsed.error).error);
  const o = parsed.data;
  const tokens = o.tokens ?? tokensFromEnv();

  const db = o.databaseUrl ? openPostgres(o.databaseUrl) : await openPglite(o.dataDir);
  try {
    await migrate(db);
    if (o.demo !== false) await seedDemo(db, o.demo === true ? {} : { perUtility: o.demo });
    const accounts = await countAccounts(db);
    const app = buildApp({ db, tokens, logger: o.quiet ? false : { level: 'warn' } });
    await app.listen({ port: o.port, host: o.host });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : o.port;
    let closing: Promise<void> | undefined;
    return {
      url: `http://${urlHost(o.host)}:${port}`,
      summary: `${db.description}, ${accounts.toLocaleString('en-US')} accounts`,
      db,
      close: () => (closing ??= app.close().then(() => db.close())),
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}

/** A host as a client would dial it: a wildcard means this machine; IPv6 goes in brackets. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

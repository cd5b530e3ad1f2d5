/**
 * Starts central: opens the database (PostgreSQL when a URL is given, else PGlite on a folder or in
 * memory), applies migrations, loads the demo into an empty database when asked, and listens.
 * `npm start`, the CLI and the end-to-end tests all start it through here.
 */
import { z } from 'zod';
import { describeZodError } from '../../shared/sync/protocol';
import { buildApp } from './app';
import { openPglite, openPostgres, type Database } from './db';
import { countAccounts, seedDemo } from './demo';
import { migrate } from './migrations';
import { countActiveStations, stationBindingSchema, type StationBinding } from './stations';

/** The published demo token: accepted only in demo mode. */
export const DEFAULT_TOKEN = 'demo-station-token';

/** The station `npm start` and the counter's built-in development settings use. */
export const DEMO_STATION: StationBinding = { id: 'station-1', utility: 'pwb', token: DEFAULT_TOKEN };

export const NO_STATION_MESSAGE =
  'no station is registered: run `tsx central/src/cli.ts station add <id> --utility <id>` and enter its token at the station (or start central in demo mode)';

const optionsSchema = z
  .object({
    /** 0 picks any free port. */
    port: z.number().int().min(0).max(65535),
    host: z.string().min(1).default('127.0.0.1'),
    /** PGlite's data folder; in memory when neither this nor databaseUrl is given. */
    dataDir: z.string().min(1).optional(),
    /** A PostgreSQL URL (postgres://user:password@host:5432/db). */
    databaseUrl: z.string().min(1).optional(),
    /** Stations with a token given here (each bound to its id and utility); default COUNTER_STATION_TOKENS. Registered stations come from the database. */
    stations: z.array(stationBindingSchema).optional(),
    /**
     * Demo mode: loads demo accounts into an empty database (true for 300 per utility, or a count per utility)
     * and registers the demo station with the published demo token. Only in demo mode does that token work.
     */
    demo: z.union([z.boolean(), z.number().int().min(0).max(100_000)]).default(false),
    /** No log lines at all (by default, warnings and errors are logged). */
    quiet: z.boolean().default(false),
  })
  .refine((o) => !(o.dataDir && o.databaseUrl), { path: ['databaseUrl'], message: 'give dataDir or databaseUrl, not both' })
  .refine((o) => o.demo !== false || !o.stations?.some((s) => s.token === DEFAULT_TOKEN), {
    path: ['stations'],
    message: `${DEFAULT_TOKEN} is the published demo token: it works only in demo mode; register the station (station add) for its own token`,
  });

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

/**
 * COUNTER_STATION_TOKENS, the legacy way to give tokens: `stationId:utility:token` entries, comma separated.
 * None when unset or empty: then the registry (or demo mode) decides.
 */
export function stationsFromEnv(env: NodeJS.ProcessEnv = process.env): StationBinding[] {
  const entries = (env.COUNTER_STATION_TOKENS ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');
  return entries.map((entry, n) => {
    const [id, utility, ...token] = entry.split(':');
    if (token.length === 0) throw new Error(`COUNTER_STATION_TOKENS: entry ${n + 1} must be stationId:utility:token (or register the station with station add)`);
    const parsed = stationBindingSchema.safeParse({ id, utility, token: token.join(':') });
    if (!parsed.success) throw new Error(`COUNTER_STATION_TOKENS: entry ${n + 1}: ${describeZodError(parsed.error).error}`);
    return parsed.data;
  });
}

export async function startCentral(options: CentralOptions): Promise<RunningCentral> {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) throw new Error(describeZodError(parsed.error).error);
  const o = parsed.data;
  const demoMode = o.demo !== false;
  const given = o.stations ?? stationsFromEnv();
  if (!demoMode && given.some((s) => s.token === DEFAULT_TOKEN)) throw new Error(`COUNTER_STATION_TOKENS: ${DEFAULT_TOKEN} works only in demo mode`);
  // The demo station, unless the caller binds the demo token (or its id) itself, as `npm start` does for another profile.
  const demoStation = demoMode && !given.some((s) => s.token === DEFAULT_TOKEN || s.id === DEMO_STATION.id) ? [DEMO_STATION] : [];
  const stations = [...given, ...demoStation];

  const db = o.databaseUrl ? openPostgres(o.databaseUrl) : await openPglite(o.dataDir);
  try {
    await migrate(db);
    const registered = await countActiveStations(db);
    if (!demoMode && registered === 0 && stations.length === 0) throw new Error(NO_STATION_MESSAGE);
    if (o.demo !== false) await seedDemo(db, o.demo === true ? {} : { perUtility: o.demo });
    const accounts = await countAccounts(db);
    const app = buildApp({ db, stations, logger: o.quiet ? false : { level: 'warn' } });
    await app.listen({ port: o.port, host: o.host });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : o.port;
    const count = registered + stations.length;
    const mode = demoMode ? 'demo mode' : `${count.toLocaleString('en-US')} ${count === 1 ? 'station' : 'stations'} registered`;
    let closing: Promise<void> | undefined;
    return {
      url: `http://${urlHost(o.host)}:${port}`,
      summary: `${db.description}, ${accounts.toLocaleString('en-US')} accounts, ${mode}`,
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

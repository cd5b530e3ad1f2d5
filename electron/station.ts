/**
 * The station file: `station.json` in the app's userData folder, parsed with shared's `stationConfigSchema`.
 * A missing file means a developer machine, so dev defaults are built from the environment; a broken file is
 * copied aside (so nothing the technician typed is lost) and the defaults are used until a setup screen
 * exists. Loading never throws: the caller gets the config and, when something was wrong, what it was.
 */
import path from 'node:path';
import { stationConfigSchema, type StationConfig } from '../shared/station';
import { describeIssues, errorCode, messageOf } from './errors';

export const STATION_FILE_NAME = 'station.json';

/** The few file operations this module needs; `fs.promises` fits. */
export interface StationFs {
  readFile(file: string, encoding: 'utf8'): Promise<string>;
  copyFile(from: string, to: string): Promise<void>;
}

export type StationEnv = Record<string, string | undefined>;

export type StationLoad = {
  config: StationConfig;
  /** 'defaults' when the file was missing or broken. */
  source: 'file' | 'defaults';
  /** What was wrong, naming the field; null when nothing was. */
  problem: string | null;
  /** Where the broken file was copied before the defaults were used. */
  backupPath: string | null;
};

const BUILT_IN = {
  centralUrl: 'http://127.0.0.1:8787',
  token: 'demo-station-token',
  stationId: 'station-1',
  stationName: 'Station 1',
  profileId: 'pwb',
} as const;

export function stationFilePath(userDataDir: string): string {
  return path.join(userDataDir, STATION_FILE_NAME);
}

/** The dev defaults; COUNTER_CENTRAL_URL and COUNTER_STATION_TOKEN override the built-in ones when valid. */
export function devDefaults(env: StationEnv): { config: StationConfig; problem: string | null } {
  const parsed = stationConfigSchema.safeParse({
    ...BUILT_IN,
    centralUrl: env.COUNTER_CENTRAL_URL || BUILT_IN.centralUrl,
    token: env.COUNTER_STATION_TOKEN || BUILT_IN.token,
  });
  if (parsed.success) return { config: parsed.data, problem: null };
  const names: Record<string, string> = { centralUrl: 'COUNTER_CENTRAL_URL', token: 'COUNTER_STATION_TOKEN' };
  const problem = parsed.error.issues
    .map((issue) => `${names[String(issue.path[0])] ?? issue.path.map(String).join('.')}: ${issue.message}`)
    .join('; ');
  return { config: stationConfigSchema.parse(BUILT_IN), problem: `${problem} (using the built-in default)` };
}

export async function loadStationConfig(deps: {
  fs: StationFs;
  file: string;
  env: StationEnv;
  now?: () => Date;
}): Promise<StationLoad> {
  const { fs, file, env } = deps;
  const now = deps.now ?? (() => new Date());
  const name = path.basename(file);

  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') {
      const defaults = devDefaults(env);
      return { config: defaults.config, source: 'defaults', problem: defaults.problem, backupPath: null };
    }
    // Unreadable (permissions, a folder in its place): there is nothing to back up, only to report.
    return broken(env, `${name} could not be read (${messageOf(error)})`, null);
  }

  const parsed = parseStationText(text, name);
  if (parsed.config) return { config: parsed.config, source: 'file', problem: null, backupPath: null };

  // Copy rather than move: the file stays where it is, so every start reports it until it is fixed,
  // instead of the second start quietly running on the defaults.
  const backupPath = `${file}.broken-${now().toISOString().replace(/[:.]/g, '-')}`;
  try {
    await fs.copyFile(file, backupPath);
    return broken(env, parsed.message, backupPath);
  } catch (error) {
    return broken(env, `${parsed.message} (the backup copy could not be written: ${messageOf(error)})`, null);
  }
}

function parseStationText(text: string, name: string): { config: StationConfig; message?: never } | { config?: never; message: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    // Only where, not V8's quote of the text around it: that could be the token, and this message is logged.
    const where = /line \d+ column \d+|position \d+/.exec(messageOf(error))?.[0];
    return { message: `${name} is not valid JSON${where ? ` (at ${where})` : ''}` };
  }
  const parsed = stationConfigSchema.safeParse(json);
  return parsed.success ? { config: parsed.data } : { message: `${name}: ${describeIssues(parsed.error.issues)}` };
}

function broken(env: StationEnv, problem: string, backupPath: string | null): StationLoad {
  return { config: devDefaults(env).config, source: 'defaults', problem: `${problem}; using the defaults`, backupPath };
}


/**
 * The station file: `station.json` in the app's userData folder, parsed with shared's `stationConfigSchema`,
 * the token sealed by the token vault (`tokenEncrypted`) where the OS allows, plain (`token`) where it does not.
 *
 * Loading never throws; the answer says whether setup must run:
 * - a missing file in a packaged app is a first run: no station, no problem, setup opens;
 * - a missing file in development gives the dev defaults (COUNTER_CENTRAL_URL, COUNTER_STATION_TOKEN), so
 *   `npm start` runs without setup;
 * - a broken file (not JSON, a bad field, a token this computer cannot decrypt) is copied aside, so nothing the
 *   technician typed is lost, and reported by field; setup opens again.
 *
 * Saving writes a temporary file and renames it over station.json, so a crash or power cut mid-save leaves the
 * old file or the new one, never half of one. Station settings after first run send an empty token (the renderer
 * never sees it): the save keeps the current one.
 */
import path from 'node:path';
import type { z } from 'zod';
import { keepSavedToken, type StationLoad, type stationSetupSchema } from '../shared/bridge/bridge';
import { stationConfigSchema, stationView, type StationConfig } from '../shared/station';
import { BridgeRefusal, describeIssues, errorCode, messageOf } from './errors';
import { originOf } from './protocol';
import type { TokenVault } from './token-vault';

export const STATION_FILE_NAME = 'station.json';

/** The file operations this module needs; `fs.promises` fits. */
export interface StationFs {
  readFile(file: string, encoding: 'utf8'): Promise<string>;
  writeFile(file: string, data: string, options: { encoding: 'utf8'; mode: number; flush: boolean }): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  copyFile(from: string, to: string): Promise<void>;
  rm(file: string, options: { force: true }): Promise<void>;
  mkdir(dir: string, options: { recursive: true }): Promise<unknown>;
}

export type StationEnv = Record<string, string | undefined>;

export type StationState = {
  /** null: setup must run. */
  config: StationConfig | null;
  source: 'file' | 'dev-defaults' | 'none';
  /** What was wrong, naming the field; null when nothing was. */
  problem: string | null;
  /** Where a broken file was copied. */
  backupPath: string | null;
  /** How the token is kept: sealed by the keychain, in plain text, or not on disk (development defaults, no station yet). */
  tokenAtRest?: 'sealed' | 'plain' | 'none';
};

/** A load, plus why the file should be written again (a plain token that can now be sealed; a rotated key). */
export type StationLoadResult = StationState & { rewrite: string | null };

const BUILT_IN = {
  centralUrl: 'http://127.0.0.1:8787',
  token: 'demo-station-token',
  stationId: 'station-1',
  stationName: 'Station 1',
  profileId: 'pwb',
} as const;

/** The setup and settings screens' settings as `counter:save-station` parses them: an empty `token` keeps the current one. */
export type StationSetup = z.output<typeof stationSetupSchema>;

/**
 * `input` with an empty token replaced by the current station's, when it goes to the same central. With no
 * current station (first run, a broken file) there is nothing to keep, and a new central address needs its own
 * token: refused, naming "Station token", for the renderer to show as it stands.
 */
export function withKeptToken<T extends { token: string; centralUrl: string }>(input: T, current: Pick<StationConfig, 'token' | 'centralUrl'> | null): T {
  const kept = keepSavedToken(input, current);
  if (!kept.ok) throw new BridgeRefusal(kept.error);
  return kept.value;
}

export function stationFilePath(userDataDir: string): string {
  return path.join(userDataDir, STATION_FILE_NAME);
}

/** What the renderer may see: the station without its token, and the problem. */
export function bridgeView(state: Pick<StationState, 'config' | 'problem' | 'tokenAtRest'>): StationLoad {
  return { station: state.config ? stationView(state.config) : null, problem: state.problem, ...(state.tokenAtRest ? { tokenAtRest: state.tokenAtRest } : {}) };
}

/** The refusal when this computer cannot seal the token and no supervisor accepted keeping it in plain text. */
export function plainTokenRefusal(note: string | null): string {
  return `Keep the token in plain text: this computer has no keychain to protect the station token (${note ?? 'safeStorage is not available'}); a supervisor may accept keeping it in plain text in station settings, or set up the keychain. Nothing was saved`;
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

export type StationFileDeps = {
  fs: StationFs;
  file: string;
  vault: TokenVault;
};

export async function loadStationConfig(
  deps: StationFileDeps & { env: StationEnv; isPackaged: boolean; now?: () => Date },
): Promise<StationLoadResult> {
  const { fs, file } = deps;
  const now = deps.now ?? (() => new Date());
  const name = path.basename(file);

  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') {
      if (deps.isPackaged) return { config: null, source: 'none', problem: null, backupPath: null, rewrite: null };
      const defaults = devDefaults(deps.env);
      return { config: defaults.config, source: 'dev-defaults', problem: defaults.problem, backupPath: null, rewrite: null, tokenAtRest: 'none' };
    }
    // Unreadable (permissions, a folder in its place): there is nothing to back up, only to report.
    return broken(`${name} could not be read (${messageOf(error)})`, null);
  }

  const parsed = await parseStationText(text, name, deps.vault);
  if ('config' in parsed) {
    return { config: parsed.config, source: 'file', problem: null, backupPath: null, rewrite: parsed.rewrite, tokenAtRest: parsed.sealed ? 'sealed' : 'plain' };
  }

  // Copy rather than move: the file stays where it is until setup writes a good one over it.
  const backupPath = `${file}.broken-${now().toISOString().replace(/[:.]/g, '-')}`;
  try {
    await fs.copyFile(file, backupPath);
    return broken(`${parsed.message}; the file was kept as ${path.basename(backupPath)}`, backupPath);
  } catch (error) {
    return broken(`${parsed.message} (the backup copy could not be written: ${messageOf(error)})`, null);
  }
}

async function parseStationText(
  text: string,
  name: string,
  vault: TokenVault,
): Promise<{ config: StationConfig; rewrite: string | null; sealed: boolean } | { message: string }> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    // Only where, not V8's quote of the text around it: that could be the token, and this message is logged.
    const where = /line \d+ column \d+|position \d+/.exec(messageOf(error))?.[0];
    return { message: `${name} is not valid JSON${where ? ` (at ${where})` : ''}` };
  }

  let rewrite: string | null = null;
  let candidate = json;
  if (typeof json === 'object' && json !== null && !Array.isArray(json) && 'tokenEncrypted' in json) {
    const { tokenEncrypted, ...rest } = json as Record<string, unknown>;
    if ('token' in rest) return { message: `${name}: token: give either token or tokenEncrypted, not both` };
    if (typeof tokenEncrypted !== 'string') return { message: `${name}: tokenEncrypted: must be the base64 text this computer wrote` };
    try {
      const opened = await vault.open(tokenEncrypted);
      candidate = { ...rest, token: opened.token };
      if (opened.reseal) rewrite = "safeStorage's key has changed";
    } catch (error) {
      // Sealed on another computer or user account, or the keyring is gone: only the token can be typed again.
      return { message: `${name}: tokenEncrypted: could not be decrypted on this computer (${messageOf(error)}); enter the station token again` };
    }
  }

  const parsed = stationConfigSchema.safeParse(candidate);
  if (!parsed.success) return { message: `${name}: ${describeIssues(parsed.error.issues)}` };
  const sealed = typeof json === 'object' && json !== null && 'tokenEncrypted' in json;
  if (rewrite === null && !sealed && (await vault.status()).available) {
    rewrite = 'the token was written in plain text and can be encrypted here';
  }
  return { config: parsed.data, rewrite, sealed };
}

function broken(problem: string, backupPath: string | null): StationLoadResult {
  return { config: null, source: 'none', problem: `${problem}; set the station up again`, backupPath, rewrite: null };
}

/** Writes station.json atomically; says whether the token was sealed, and any weakness to log. */
export async function saveStationFile(deps: StationFileDeps, config: StationConfig): Promise<{ encrypted: boolean; note: string | null }> {
  const { fs, file, vault } = deps;
  const status = await vault.status();
  let sealed: Awaited<ReturnType<TokenVault['seal']>>;
  let note = status.note;
  try {
    sealed = await vault.seal(config.token);
  } catch (error) {
    sealed = { token: config.token };
    note = `safeStorage could not encrypt the token (${messageOf(error)})`;
  }
  // In plain text only where a supervisor accepted it: otherwise anyone who copies the file acts as this station.
  if (!('tokenEncrypted' in sealed) && !config.plainTokenAccepted) throw new BridgeRefusal(plainTokenRefusal(note));
  const text = `${JSON.stringify({ ...stationView(config), ...sealed }, null, 2)}\n`;

  await fs.mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.tmp`;
  try {
    // 0o600: only this user account may read it (on POSIX; Windows keeps the profile folder's permissions).
    await fs.writeFile(temp, text, { encoding: 'utf8', mode: 0o600, flush: true });
    await renameWithRetry(fs, temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
  return { encrypted: 'tokenEncrypted' in sealed, note };
}

/** Windows refuses a rename while another process (an antivirus scan, a backup tool) has the file open: wait a little. */
async function renameWithRetry(fs: StationFs, from: string, to: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await fs.rename(from, to);
      return;
    } catch (error) {
      const code = errorCode(error);
      if (attempt >= 5 || (code !== 'EPERM' && code !== 'EBUSY' && code !== 'EACCES')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
}

export type StationStore = {
  /** Reads station.json (once at start); logs what was wrong; writes the file again when `rewrite` says so. */
  load(): Promise<StationState>;
  /** The station main works with now, token included; null until setup has run. */
  current(): StationConfig | null;
  /** What `counter:station` answers. */
  view(): StationLoad;
  /** Saves the setup or settings screen's settings and makes them current at once; an empty token keeps the current one. */
  save(config: StationSetup): Promise<StationLoad>;
  /** Called with each new current station (after load and after save). */
  onChange(listener: (config: StationConfig) => void): void;
};

export type StationStoreDeps = StationFileDeps & {
  env: StationEnv;
  isPackaged: boolean;
  log: { info: (message: string) => void; warn: (message: string) => void };
  now?: () => Date;
};

export function createStationStore(deps: StationStoreDeps): StationStore {
  let state: StationState = { config: null, source: 'none', problem: 'The station settings have not been read yet', backupPath: null };
  const listeners: Array<(config: StationConfig) => void> = [];
  // One save at a time: they share the temporary file.
  let saving: Promise<unknown> = Promise.resolve();

  function setState(next: StationState): void {
    state = next;
    if (next.config) for (const listener of listeners) listener(next.config);
  }

  /** Writes the file; true when the token was sealed. */
  async function write(config: StationConfig, why: string): Promise<boolean> {
    const saved = await saveStationFile(deps, config);
    if (!saved.encrypted) {
      deps.log.warn(`[station] ${why}: the station token is stored in plain text in ${STATION_FILE_NAME} (${saved.note ?? 'safeStorage is not available'}); only the file's permissions protect it`);
    } else if (saved.note) {
      deps.log.warn(`[station] ${why}: the station token is encrypted with safeStorage, but ${saved.note}`);
    } else {
      deps.log.info(`[station] ${why}: the station token is encrypted with safeStorage`);
    }
    return saved.encrypted;
  }

  return {
    async load() {
      const loaded = await loadStationConfig(deps);
      const { rewrite, ...next } = loaded;
      if (next.problem) deps.log.warn(`[station] ${next.problem}`);
      if (next.source === 'none' && next.problem === null) deps.log.info('[station] no station file: first run, setup opens');
      if (next.source === 'dev-defaults') deps.log.info('[station] no station file: using the development defaults');
      if (next.config) deps.log.info(`[station] station ${next.config.stationId}, central ${originOf(next.config.centralUrl)}, kiosk ${next.config.kiosk ? 'on' : 'off'}`);
      setState(next);
      if (rewrite && next.config) {
        const config = next.config;
        saving = saving
          .then(() => write(config, `${STATION_FILE_NAME} written again (${rewrite})`))
          .catch((error: unknown) => deps.log.warn(`[station] could not write ${STATION_FILE_NAME} again: ${messageOf(error)}`));
        await saving;
      }
      return state;
    },
    current: () => state.config,
    view: () => bridgeView(state),
    save(input) {
      const done = saving.then(async () => {
        // Inside the queue: the token to keep is the one the previous save left current.
        const config: StationConfig = withKeptToken(input, state.config);
        const kept = input.token === '' ? ' (token kept)' : '';
        const encrypted = await write(config, `saved ${STATION_FILE_NAME} for station ${config.stationId}, central ${originOf(config.centralUrl)}${kept}`);
        setState({ config, source: 'file', problem: null, backupPath: null, tokenAtRest: encrypted ? 'sealed' : 'plain' });
        return bridgeView(state);
      });
      saving = done.catch(() => undefined);
      return done;
    },
    onChange(listener) {
      listeners.push(listener);
    },
  };
}

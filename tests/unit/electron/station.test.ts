// The station file and its token: load and save with an in-memory fs and a fake safeStorage (plus one round
// trip through the real fs), first run, dev defaults, broken files kept aside, and the token never on disk in clear
// where encryption is available.
import { promises as realFs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StationConfig, StationConfigInput } from '../../../shared/station';
import { stationConfigSchema } from '../../../shared/station';
import { BridgeRefusal } from '../../../electron/errors';
import { createStationStore, loadStationConfig, saveStationFile, stationFilePath, withKeptToken, type StationFs } from '../../../electron/station';
import { createTokenVault, type SafeStorageLike } from '../../../electron/token-vault';

const NOW = new Date('2025-03-14T17:05:00.123Z');
const BACKUP_SUFFIX = '.broken-2025-03-14T17-05-00-123Z';
const USER_DATA = '/home/cashier/.config/Counter';
const FILE = stationFilePath(USER_DATA);
const TOKEN = 'station-secret-token-0123456789';

/** station.json as a technician might write it, token in clear. */
const validFile = {
  stationId: 'wic-1',
  stationName: 'Walk-in window 1',
  centralUrl: 'https://central.example.org',
  token: TOKEN,
  profileId: 'pwb',
  printerName: 'EPSON TM-T20III',
};
const validConfig: StationConfig = stationConfigSchema.parse(validFile);

function enoent(file: string): Error {
  return Object.assign(new Error(`ENOENT: no such file or directory, open '${file}'`), { code: 'ENOENT' });
}

/** An in-memory fs with the calls recorded, and switches to make a step fail. */
function fakeFs(files: Record<string, string> = {}) {
  const store = new Map(Object.entries(files));
  const dirs = new Set<string>();
  const calls: string[] = [];
  const fail: { rename?: Error; copy?: Error; write?: Error } = {};
  const fs: StationFs = {
    readFile: async (file) => {
      calls.push(`read ${path.basename(file)}`);
      if (dirs.has(file)) throw Object.assign(new Error('EISDIR: illegal operation on a directory, read'), { code: 'EISDIR' });
      const text = store.get(file);
      if (text === undefined) throw enoent(file);
      return text;
    },
    writeFile: async (file, data, options) => {
      calls.push(`write ${path.basename(file)} mode ${options.mode.toString(8)} flush ${options.flush}`);
      if (fail.write) throw fail.write;
      store.set(file, data);
    },
    rename: async (from, to) => {
      calls.push(`rename ${path.basename(from)} ${path.basename(to)}`);
      if (fail.rename) throw fail.rename;
      const text = store.get(from);
      if (text === undefined) throw enoent(from);
      store.set(to, text);
      store.delete(from);
    },
    copyFile: async (from, to) => {
      calls.push(`copy ${path.basename(from)} ${path.basename(to)}`);
      if (fail.copy) throw fail.copy;
      const text = store.get(from);
      if (text === undefined) throw enoent(from);
      store.set(to, text);
    },
    rm: async (file) => {
      calls.push(`rm ${path.basename(file)}`);
      store.delete(file);
    },
    mkdir: async (dir) => {
      dirs.add(dir);
    },
  };
  return { fs, store, dirs, calls, fail, raw: () => [...store.values()].join('\n') };
}

/**
 * A stand-in for the OS keyring: reversible with its own key only (another `key` is another computer), and the
 * sealed bytes do not contain the token's text.
 */
function fakeSafeStorage(options: { available?: boolean; shouldReEncrypt?: boolean; key?: number } = {}) {
  const key = options.key ?? 0x5a;
  const safeStorage: SafeStorageLike = {
    isAsyncEncryptionAvailable: vi.fn(async () => options.available ?? true),
    encryptStringAsync: vi.fn(async (plain: string) => Buffer.concat([Buffer.from('v10'), Buffer.from([key]), Buffer.from(plain, 'utf8').map((b) => b ^ key)])),
    decryptStringAsync: vi.fn(async (sealed: Buffer) => {
      if (sealed.subarray(0, 3).toString() !== 'v10' || sealed[3] !== key) {
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      }
      return { result: Buffer.from(sealed.subarray(4).map((b) => b ^ key)).toString('utf8'), shouldReEncrypt: options.shouldReEncrypt ?? false };
    }),
  };
  return safeStorage;
}

const quietLog = () => ({ info: vi.fn(), warn: vi.fn() });

function store(fake: ReturnType<typeof fakeFs>, opts: { safeStorage?: SafeStorageLike | null; isPackaged?: boolean; env?: Record<string, string | undefined>; backend?: string } = {}) {
  const log = quietLog();
  const vault = createTokenVault(opts.safeStorage === undefined ? fakeSafeStorage() : opts.safeStorage, opts.backend ? { storageBackend: () => opts.backend ?? '' } : {});
  const s = createStationStore({ fs: fake.fs, file: FILE, env: opts.env ?? {}, isPackaged: opts.isPackaged ?? true, vault, log, now: () => NOW });
  return { store: s, log, vault };
}

describe('first run and development', () => {
  it('packaged, no station file: no station and no problem, so setup opens', async () => {
    const { store: s, log } = store(fakeFs());
    expect(await s.load()).toEqual({ config: null, source: 'none', problem: null, backupPath: null });
    expect(s.view()).toEqual({ station: null, problem: null });
    expect(s.current()).toBeNull();
    expect(log.info).toHaveBeenCalledWith(expect.stringContaining('first run'));
  });

  it('packaged: the environment variables do not stand in for setup', async () => {
    const { store: s } = store(fakeFs(), { env: { COUNTER_CENTRAL_URL: 'http://10.0.0.5:9000', COUNTER_STATION_TOKEN: 'dev-token-abcdef' } });
    await s.load();
    expect(s.view().station).toBeNull();
  });

  it('in development, no station file gives the dev defaults (so `npm start` needs no setup)', async () => {
    const { store: s } = store(fakeFs(), { isPackaged: false });
    const state = await s.load();
    expect(state).toEqual({
      source: 'dev-defaults',
      problem: null,
      backupPath: null,
      tokenAtRest: 'none',
      config: {
        stationId: 'station-1', stationName: 'Station 1', centralUrl: 'http://127.0.0.1:8787', token: 'demo-station-token',
        profileId: 'pwb', paperWidth: '80mm', printerName: '', openDrawerOnCash: true, kiosk: false, plainTokenAccepted: false,
      },
    });
    expect(s.view().station).not.toHaveProperty('token');
  });

  it('in development, takes the central address and token from the environment', async () => {
    const { store: s } = store(fakeFs(), { isPackaged: false, env: { COUNTER_CENTRAL_URL: 'http://10.0.0.5:9000', COUNTER_STATION_TOKEN: 'dev-token-abcdef' } });
    await s.load();
    expect(s.current()).toMatchObject({ centralUrl: 'http://10.0.0.5:9000', token: 'dev-token-abcdef' });
  });

  it('in development, names a bad environment variable and keeps the built-in default', async () => {
    const { store: s } = store(fakeFs(), { isPackaged: false, env: { COUNTER_CENTRAL_URL: 'ftp://central' } });
    const state = await s.load();
    expect(state.config?.centralUrl).toBe('http://127.0.0.1:8787');
    expect(state.problem).toMatch(/^COUNTER_CENTRAL_URL: must be an http:\/\/ or https:\/\/ address/);
  });
});

describe('saving and loading again', () => {
  it('round trip with encryption: the token is sealed on disk, and comes back on load', async () => {
    const fake = fakeFs();
    const first = store(fake);
    await first.store.load();
    const answer = await first.store.save({ ...validConfig, kiosk: true });

    const { token: _token, ...view } = { ...validConfig, kiosk: true };
    expect(answer).toEqual({ station: view, problem: null, tokenAtRest: 'sealed' });
    expect(answer.station).not.toHaveProperty('token');

    const onDisk = JSON.parse(fake.store.get(FILE) ?? 'null') as Record<string, unknown>;
    expect(onDisk).not.toHaveProperty('token');
    expect(onDisk.tokenEncrypted).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(fake.raw()).not.toContain(TOKEN);
    expect(fake.raw()).not.toContain(Buffer.from(TOKEN).toString('base64'));
    expect(first.log.info).toHaveBeenCalledWith(expect.stringContaining('encrypted with safeStorage'));

    const second = store(fake);
    const state = await second.store.load();
    expect(state).toEqual({ config: { ...validConfig, kiosk: true }, source: 'file', problem: null, backupPath: null, tokenAtRest: 'sealed' });
    expect(second.store.current()?.token).toBe(TOKEN);
  });

  it('writes a temporary file (owner-only, flushed) and renames it over station.json', async () => {
    const fake = fakeFs();
    const { store: s } = store(fake);
    await s.save(validConfig);
    expect(fake.calls.filter((c) => !c.startsWith('read'))).toEqual(['write station.json.tmp mode 600 flush true', 'rename station.json.tmp station.json']);
    expect(fake.dirs.has(USER_DATA)).toBe(true);
    expect(fake.store.has(`${FILE}.tmp`)).toBe(false);
  });

  it('without encryption: refuses to keep the token in plain text, saving nothing, until a supervisor accepts it', async () => {
    const fake = fakeFs();
    const { store: s, log } = store(fake, { safeStorage: fakeSafeStorage({ available: false }) });
    await expect(s.save(validConfig)).rejects.toThrow(/^Keep the token in plain text: this computer has no keychain to protect the station token \(safeStorage reports no encryption.*\); a supervisor may accept keeping it in plain text in station settings, or set up the keychain\. Nothing was saved$/);
    expect(fake.store.has(FILE)).toBe(false);
    expect(s.current()).toBeNull();

    const answer = await s.save({ ...validConfig, plainTokenAccepted: true });
    expect(answer.tokenAtRest).toBe('plain');
    expect(JSON.parse(fake.store.get(FILE) ?? 'null')).toMatchObject({ token: TOKEN });
    expect(fake.store.get(FILE)).not.toContain('tokenEncrypted');
    expect(log.warn).toHaveBeenCalledWith(expect.stringMatching(/token is stored in plain text in station\.json \(safeStorage reports no encryption/));

    const again = store(fake, { safeStorage: fakeSafeStorage({ available: false }) });
    await again.store.load();
    expect(again.store.current()).toEqual({ ...validConfig, plainTokenAccepted: true });
    expect(again.store.view().tokenAtRest).toBe('plain');
  });

  it("on Linux without a keyring (basic_text): encrypts, and logs that it only obscures", async () => {
    const fake = fakeFs();
    const { store: s, log } = store(fake, { backend: 'basic_text' });
    await s.save(validConfig);
    expect(fake.raw()).not.toContain(TOKEN);
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('basic_text'));
  });

  it('a failed rename leaves the old file as it was, removes the temporary file, and rejects', async () => {
    const fake = fakeFs({ [FILE]: JSON.stringify(validFile) });
    const { store: s } = store(fake);
    await s.load();
    fake.fail.rename = Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    await expect(s.save({ ...validConfig, stationName: 'Changed' })).rejects.toThrow('ENOSPC');
    expect(fake.store.has(`${FILE}.tmp`)).toBe(false);
    expect(s.current()?.stationName).toBe('Walk-in window 1');
  });

  it('a saved station is current at once, and listeners hear of it', async () => {
    const fake = fakeFs();
    const { store: s } = store(fake);
    const heard = vi.fn();
    s.onChange(heard);
    await s.load();
    expect(heard).not.toHaveBeenCalled();
    await s.save(validConfig);
    expect(s.current()).toEqual(validConfig);
    expect(heard).toHaveBeenCalledWith(validConfig);
  });

  it('saves one at a time: the last one wins', async () => {
    const fake = fakeFs();
    const { store: s } = store(fake);
    await Promise.all([s.save({ ...validConfig, stationName: 'A' }), s.save({ ...validConfig, stationName: 'B' })]);
    expect(JSON.parse(fake.store.get(FILE) ?? 'null')).toMatchObject({ stationName: 'B' });
    expect(s.current()?.stationName).toBe('B');
  });

  it('encrypts a token written in clear by hand, at the next start', async () => {
    const fake = fakeFs({ [FILE]: JSON.stringify(validFile) });
    const { store: s, log } = store(fake);
    await s.load();
    expect(s.current()?.token).toBe(TOKEN);
    expect(fake.raw()).not.toContain(TOKEN);
    expect(log.info).toHaveBeenCalledWith(expect.stringContaining('written again (the token was written in plain text'));
  });

  it("writes the token again when safeStorage's key has rotated", async () => {
    const sealed = fakeFs();
    await store(sealed).store.save(validConfig);
    const before = sealed.store.get(FILE);
    const rotating = fakeSafeStorage({ shouldReEncrypt: true });
    const { store: s } = store(sealed, { safeStorage: rotating });
    await s.load();
    expect(rotating.encryptStringAsync).toHaveBeenCalledWith(TOKEN);
    expect(sealed.store.get(FILE)).toBe(before); // the fake's sealing is deterministic; what matters is it was asked again
    expect(sealed.calls).toContain('rename station.json.tmp station.json');
  });

  it('round trip through the real fs: the file is owner-only where the OS has such modes', async () => {
    const dir = await realFs.mkdtemp(path.join(os.tmpdir(), 'counter-station-'));
    try {
      const file = stationFilePath(dir);
      const vault = createTokenVault(fakeSafeStorage());
      await saveStationFile({ fs: realFs, file, vault }, validConfig);
      expect(await realFs.readFile(file, 'utf8')).not.toContain(TOKEN);
      if (process.platform !== 'win32') expect((await realFs.stat(file)).mode & 0o777).toBe(0o600);
      expect((await realFs.readdir(dir)).sort()).toEqual(['station.json']);
      const loaded = await loadStationConfig({ fs: realFs, file, vault, env: {}, isPackaged: true });
      expect(loaded.config).toEqual(validConfig);
    } finally {
      await realFs.rm(dir, { recursive: true, force: true });
    }
  });
});

describe('station settings after first run: an empty token keeps the current one', () => {
  const central = validConfig.centralUrl;

  it('withKeptToken fills an empty token with the current station\'s, and leaves a new one as typed', () => {
    expect(withKeptToken({ centralUrl: central, token: '' }, validConfig)).toEqual({ centralUrl: central, token: TOKEN });
    // The same central, written another way.
    expect(withKeptToken({ centralUrl: `${central}/`, token: '' }, validConfig).token).toBe(TOKEN);
    expect(withKeptToken({ centralUrl: 'https://elsewhere.example.org', token: 'a-new-station-token' }, validConfig)).toEqual({
      centralUrl: 'https://elsewhere.example.org', token: 'a-new-station-token',
    });
  });

  it('withKeptToken refuses an empty token with no current station, naming "Station token", as a BridgeRefusal', () => {
    expect(() => withKeptToken({ centralUrl: central, token: '' }, null)).toThrow(BridgeRefusal);
    expect(() => withKeptToken({ centralUrl: central, token: '' }, null)).toThrow(/^Station token: enter the token central issued/);
  });

  it.each(['https://evil.example', 'http://central.example.org', 'https://central.example.org:8443'])(
    'withKeptToken never sends the saved token to another central (%s): the new address needs its token typed',
    (centralUrl) => {
      expect(() => withKeptToken({ centralUrl, token: '' }, validConfig)).toThrow(BridgeRefusal);
      expect(() => withKeptToken({ centralUrl, token: '' }, validConfig)).toThrow(/^Station token: the saved token is only sent to https:\/\/central\.example\.org; enter the token/);
    },
  );

  it('saves the changed settings with the token that was current, sealed as before', async () => {
    const fake = fakeFs({ [FILE]: JSON.stringify(validFile) });
    const { store: s, log } = store(fake);
    await s.load();
    const answer = await s.save({ ...validConfig, stationName: 'Window 3', token: '' });
    expect(answer.station?.stationName).toBe('Window 3');
    expect(s.current()).toEqual({ ...validConfig, stationName: 'Window 3' });
    expect(fake.raw()).not.toContain(TOKEN);
    expect(log.info).toHaveBeenCalledWith(expect.stringContaining('(token kept)'));

    const again = store(fake);
    await again.store.load();
    expect(again.store.current()).toEqual({ ...validConfig, stationName: 'Window 3' });
  });

  it('keeps the token the previous save made current, when saves queue up', async () => {
    const fake = fakeFs({ [FILE]: JSON.stringify(validFile) });
    const { store: s } = store(fake);
    await s.load();
    await Promise.all([s.save({ ...validConfig, token: 'the-newer-station-token' }), s.save({ ...validConfig, stationName: 'B', token: '' })]);
    expect(s.current()).toMatchObject({ stationName: 'B', token: 'the-newer-station-token' });
  });

  it('refuses an empty token with a new central address, and leaves the file as it was', async () => {
    const fake = fakeFs({ [FILE]: JSON.stringify(validFile) });
    const { store: s } = store(fake);
    await s.load();
    const before = fake.store.get(FILE);
    await expect(s.save({ ...validConfig, centralUrl: 'https://evil.example', token: '' })).rejects.toThrow(/^Station token: the saved token is only sent to/);
    expect(fake.store.get(FILE)).toBe(before);
    expect(s.current()).toEqual(validConfig);
  });

  it('with no current station (first run), refuses an empty token and writes nothing', async () => {
    const fake = fakeFs();
    const { store: s } = store(fake);
    await s.load();
    await expect(s.save({ ...validConfig, token: '' })).rejects.toThrow(/^Station token: /);
    expect(fake.store.has(FILE)).toBe(false);
    expect(s.current()).toBeNull();
    // The queue goes on: a save with the token works.
    await s.save(validConfig);
    expect(s.current()).toEqual(validConfig);
  });
});

describe('a broken station file', () => {
  async function loadBroken(text: string, opts: Parameters<typeof store>[1] = {}) {
    const fake = fakeFs({ [FILE]: text });
    const s = store(fake, opts);
    const state = await s.store.load();
    return { fake, state, view: s.store.view(), log: s.log };
  }

  it('with wrong fields: no station, the problem names each field, and a backup is kept', async () => {
    const text = JSON.stringify({ ...validFile, paperWidth: '90mm', token: 'short' });
    const { fake, state, view } = await loadBroken(text);
    expect(view.station).toBeNull();
    expect(state.problem).toMatch(/^station\.json: /);
    expect(state.problem).toContain('paperWidth: ');
    expect(state.problem).toContain('token: must be the station token central issued (8 characters or more)');
    expect(state.problem).toContain(`the file was kept as station.json${BACKUP_SUFFIX}`);
    expect(state.problem).toMatch(/set the station up again$/);
    expect(state.backupPath).toBe(`${FILE}${BACKUP_SUFFIX}`);
    expect(fake.store.get(`${FILE}${BACKUP_SUFFIX}`)).toBe(text);
    expect(fake.store.get(FILE)).toBe(text); // copied, not moved
  });

  it('in development too: a broken file opens setup rather than running on the defaults', async () => {
    const { view } = await loadBroken('{ "stationId": "wic-1", ', { isPackaged: false });
    expect(view.station).toBeNull();
    expect(view.problem).toMatch(/^station\.json is not valid JSON/);
  });

  it('that is not JSON: says where, without quoting the file (which may hold the token)', async () => {
    const { state } = await loadBroken(`{"token": "${TOKEN}" oops}`);
    expect(state.problem).toMatch(/^station\.json is not valid JSON/);
    expect(state.problem).not.toContain(TOKEN);
  });

  it('that is not an object: says the whole file is wrong', async () => {
    expect((await loadBroken('[]')).state.problem).toMatch(/^station\.json: \(whole value\): /);
  });

  it('whose token was sealed on another computer: names tokenEncrypted and asks for the token again', async () => {
    const elsewhere = fakeFs();
    await store(elsewhere, { safeStorage: fakeSafeStorage({ key: 0x33 }) }).store.save(validConfig);
    const { state, view } = await loadBroken(elsewhere.store.get(FILE) ?? '');
    expect(view.station).toBeNull();
    expect(state.problem).toMatch(/^station\.json: tokenEncrypted: could not be decrypted on this computer \(.+\); enter the station token again/);
    expect(state.backupPath).toBe(`${FILE}${BACKUP_SUFFIX}`);
  });

  it('with a sealed token where safeStorage is not available: the same', async () => {
    const sealed = fakeFs();
    await store(sealed).store.save(validConfig);
    const { state } = await loadBroken(sealed.store.get(FILE) ?? '', { safeStorage: null });
    expect(state.problem).toMatch(/^station\.json: tokenEncrypted: could not be decrypted/);
  });

  it('with both token and tokenEncrypted: says to give one', async () => {
    const { state } = await loadBroken(JSON.stringify({ ...validFile, tokenEncrypted: 'AAAA' }));
    expect(state.problem).toMatch(/^station\.json: token: give either token or tokenEncrypted, not both/);
  });

  it('still reports it when the backup cannot be written', async () => {
    const fake = fakeFs({ [FILE]: 'not json' });
    fake.fail.copy = new Error('disk full');
    const s = store(fake);
    const state = await s.store.load();
    expect(state.config).toBeNull();
    expect(state.backupPath).toBeNull();
    expect(state.problem).toContain('the backup copy could not be written: disk full');
  });

  it('that cannot be read is reported, not thrown', async () => {
    const fake = fakeFs();
    fake.dirs.add(FILE); // a folder where the file should be
    const state = await store(fake).store.load();
    expect(state.config).toBeNull();
    expect(state.problem).toMatch(/^station\.json could not be read/);
    expect(state.backupPath).toBeNull();
  });

  it('is logged by field, and setup can then save a good one over it', async () => {
    const fake = fakeFs({ [FILE]: JSON.stringify({ ...validFile, paperWidth: '90mm' }) });
    const s = store(fake);
    await s.store.load();
    expect(s.log.warn).toHaveBeenCalledWith(expect.stringMatching(/^\[station\] station\.json: paperWidth: /));
    const input: StationConfigInput = { ...validFile };
    expect(await s.store.save(stationConfigSchema.parse(input))).toMatchObject({ station: { stationId: 'wic-1' }, problem: null });
    expect(fake.store.has(`${FILE}${BACKUP_SUFFIX}`)).toBe(true);
  });
});

describe('the real fs fits StationFs', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await realFs.mkdtemp(path.join(os.tmpdir(), 'counter-station-'));
  });
  afterEach(async () => {
    await realFs.rm(dir, { recursive: true, force: true });
  });

  it('a broken file on disk is copied aside', async () => {
    const file = stationFilePath(dir);
    await realFs.writeFile(file, '{ "stationId": "wic-1", ');
    const result = await loadStationConfig({ fs: realFs, file, vault: createTokenVault(null), env: {}, isPackaged: true, now: () => NOW });
    expect(result.config).toBeNull();
    expect(await realFs.readFile(`${file}${BACKUP_SUFFIX}`, 'utf8')).toBe('{ "stationId": "wic-1", ');
  });
});

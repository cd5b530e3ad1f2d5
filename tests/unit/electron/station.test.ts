// The station file, read through the real fs in a temporary userData folder.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadStationConfig, stationFilePath, type StationFs } from '../../../electron/station';

const NOW = new Date('2025-03-14T17:05:00.123Z');
const BACKUP_SUFFIX = '.broken-2025-03-14T17-05-00-123Z';

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'counter-station-'));
  file = stationFilePath(dir);
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const load = (env: Record<string, string | undefined> = {}, fsLike: StationFs = fs) =>
  loadStationConfig({ fs: fsLike, file, env, now: () => NOW });

const validFile = {
  stationId: 'wic-1',
  stationName: 'Walk-in window 1',
  centralUrl: 'https://central.example.org',
  token: 'station-token-0123456789',
  profileId: 'pwb',
  printerName: 'EPSON TM-T20III',
};

describe('a missing station file', () => {
  it('gives the dev defaults', async () => {
    const result = await load();
    expect(result).toEqual({
      source: 'defaults',
      problem: null,
      backupPath: null,
      config: {
        stationId: 'station-1',
        stationName: 'Station 1',
        centralUrl: 'http://127.0.0.1:8787',
        token: 'demo-station-token',
        profileId: 'pwb',
        paperWidth: '80mm',
        printerName: '',
      },
    });
  });

  it('takes the central address and token from the environment', async () => {
    const result = await load({ COUNTER_CENTRAL_URL: 'http://10.0.0.5:9000', COUNTER_STATION_TOKEN: 'dev-token-abcdef' });
    expect(result.config.centralUrl).toBe('http://10.0.0.5:9000');
    expect(result.config.token).toBe('dev-token-abcdef');
    expect(result.problem).toBeNull();
  });

  it('names a bad environment variable and keeps the built-in default', async () => {
    const result = await load({ COUNTER_CENTRAL_URL: 'ftp://central' });
    expect(result.config.centralUrl).toBe('http://127.0.0.1:8787');
    expect(result.problem).toMatch(/^COUNTER_CENTRAL_URL: must be an http:\/\/ or https:\/\/ address/);
  });
});

describe('a valid station file', () => {
  it('is used as written, with the schema defaults filled in', async () => {
    await fs.writeFile(file, JSON.stringify(validFile));
    const result = await load({ COUNTER_CENTRAL_URL: 'http://ignored.example' });
    expect(result).toEqual({ source: 'file', problem: null, backupPath: null, config: { ...validFile, paperWidth: '80mm' } });
  });
});

describe('a broken station file', () => {
  it('that is not JSON: says so, keeps a backup and the file, and uses the defaults', async () => {
    await fs.writeFile(file, '{ "stationId": "wic-1", ');
    const result = await load();
    expect(result.source).toBe('defaults');
    expect(result.config.stationId).toBe('station-1');
    expect(result.problem).toMatch(/^station\.json is not valid JSON( \(at [^)]+\))?; using the defaults$/);
    expect(result.backupPath).toBe(`${file}${BACKUP_SUFFIX}`);
    expect(await fs.readFile(`${file}${BACKUP_SUFFIX}`, 'utf8')).toBe('{ "stationId": "wic-1", ');
    expect(await fs.readFile(file, 'utf8')).toBe('{ "stationId": "wic-1", ');
  });

  it('with wrong fields: names each field', async () => {
    await fs.writeFile(file, JSON.stringify({ ...validFile, paperWidth: '90mm', token: 'short' }));
    const result = await load();
    expect(result.source).toBe('defaults');
    expect(result.problem).toMatch(/^station\.json: /);
    expect(result.problem).toContain('paperWidth: ');
    expect(result.problem).toContain('token: must be the station token central issued (8 characters or more)');
    expect(result.backupPath).toBe(`${file}${BACKUP_SUFFIX}`);
    expect(JSON.parse(await fs.readFile(`${file}${BACKUP_SUFFIX}`, 'utf8'))).toMatchObject({ paperWidth: '90mm' });
  });

  it('does not quote the file in the problem, which is logged and may hold the token', async () => {
    await fs.writeFile(file, '{"token": "station-secret-token" oops}');
    const result = await load();
    expect(result.problem).toMatch(/^station\.json is not valid JSON/);
    expect(result.problem).not.toContain('station-secret-token');
  });

  it('that is not an object: says the whole file is wrong', async () => {
    await fs.writeFile(file, '[]');
    expect((await load()).problem).toMatch(/^station\.json: \(whole value\): /);
  });

  it('still loads the defaults when the backup cannot be written', async () => {
    await fs.writeFile(file, 'not json');
    const noCopy: StationFs = { readFile: (f, e) => fs.readFile(f, e), copyFile: () => Promise.reject(new Error('disk full')) };
    const result = await load({}, noCopy);
    expect(result.config.stationId).toBe('station-1');
    expect(result.backupPath).toBeNull();
    expect(result.problem).toContain('the backup copy could not be written: disk full');
  });

  it('that cannot be read is reported, not thrown', async () => {
    await fs.mkdir(file); // a folder where the file should be: EISDIR
    const result = await load();
    expect(result.source).toBe('defaults');
    expect(result.problem).toMatch(/^station\.json could not be read/);
    expect(result.backupPath).toBeNull();
  });
});

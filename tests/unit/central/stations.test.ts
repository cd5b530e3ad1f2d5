/** The station registry: a token is issued once and stored as a hash; ids are unique; utilities have profiles. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../../central/src/cli-args';
import { runStation, type Io } from '../../../central/src/commands';
import { openPglite, type Database } from '../../../central/src/db';
import { migrate } from '../../../central/src/migrations';
import { addStation, disableStation, listStations, stationByToken, tokenHash } from '../../../central/src/stations';

let db: Database;
beforeAll(async () => {
  db = await openPglite();
  await migrate(db);
});
afterAll(async () => db.close());

describe('the station registry', () => {
  it('issues a long random token once and keeps only its SHA-256', async () => {
    const added = await addStation(db, 'front-1', 'pwb');
    if (!added.ok) throw new Error(added.message);
    const { token } = added.value;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rows = await db.query<Record<string, string>>("select * from stations where id = 'front-1'");
    expect(rows).toHaveLength(1);
    expect(rows[0]?.token_hash).toBe(tokenHash(token));
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(await stationByToken(db, token)).toEqual({ id: 'front-1', utility: 'pwb', disabled: false });
    const other = await addStation(db, 'front-2', 'pwb');
    expect(other.ok && other.value.token).not.toBe(token);
  });

  it('refuses a taken id, an unknown utility and a bad id, naming the field', async () => {
    await addStation(db, 'dup-1', 'wes');
    expect(await addStation(db, 'dup-1', 'pwb')).toEqual({ ok: false, field: 'id', message: 'id: station dup-1 is already registered' });
    const unknown = await addStation(db, 'new-1', 'nowhere');
    expect(unknown).toMatchObject({ ok: false, field: 'utility' });
    expect(unknown.ok ? '' : unknown.message).toMatch(/^utility: must be a utility with a profile: pwb, wes, portsmouth/);
    expect(await addStation(db, 'has space', 'pwb')).toMatchObject({ ok: false, field: 'id' });
    expect((await listStations(db)).map((s) => s.id)).not.toContain('new-1');
  });

  it('disables a station: its token is then known as disabled, and disabling twice is refused', async () => {
    const added = await addStation(db, 'back-1', 'portsmouth');
    if (!added.ok) throw new Error(added.message);
    expect(await disableStation(db, 'back-1')).toEqual({ ok: true, value: { id: 'back-1', utility: 'portsmouth' } });
    expect(await stationByToken(db, added.value.token)).toEqual({ id: 'back-1', utility: 'portsmouth', disabled: true });
    expect(await disableStation(db, 'back-1')).toMatchObject({ ok: false, field: 'id', message: 'id: station back-1 is already disabled' });
    expect(await disableStation(db, 'nobody')).toMatchObject({ ok: false, field: 'id', message: 'id: no station nobody is registered' });
    expect((await listStations(db)).find((s) => s.id === 'back-1')?.disabledAt).not.toBeNull();
  });
});

describe('tsx central/src/cli.ts station', () => {
  it('parses add, list and disable, and refuses what it does not understand', () => {
    expect(parseCliArgs(['station', 'add', 'front-1', '--utility', 'pwb'])).toEqual({
      ok: true,
      value: { command: 'station', action: 'add', stationId: 'front-1', utility: 'pwb', dataDir: '.data/central' },
    });
    expect(parseCliArgs(['station', 'list', '--data', 'd'])).toEqual({ ok: true, value: { command: 'station', action: 'list', dataDir: 'd' } });
    expect(parseCliArgs(['station', 'disable', 'front-1'])).toMatchObject({ ok: true, value: { action: 'disable', stationId: 'front-1' } });
    expect(parseCliArgs(['station', 'add', 'front-1'])).toEqual({ ok: false, message: '--utility: is required: the utility the station takes payments for' });
    expect(parseCliArgs(['station', 'add'])).toEqual({ ok: false, message: "station add: name the station's id" });
    expect(parseCliArgs(['station', 'remove', 'x'])).toEqual({ ok: false, message: 'station: use add, list, disable' });
  });

  it('add prints the token on its last line, list shows the station, disable disables it; refusals exit 1', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'central-stations-'));
    const { DATABASE_URL: _, ...env } = process.env;
    const lines: string[] = [];
    const errors: string[] = [];
    let written = '';
    const io: Io = { out: (l) => lines.push(l), err: (l) => errors.push(l), write: (t) => (written += t) };
    try {
      expect(await runStation({ command: 'station', action: 'add', stationId: 'front-1', utility: 'wes', dataDir }, io, env)).toBe(0);
      const token = lines.at(-1) ?? '';
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(lines.slice(0, -1).join('\n')).toContain('shown only this once');
      expect(await runStation({ command: 'station', action: 'add', stationId: 'front-1', utility: 'pwb', dataDir }, io, env)).toBe(1);
      expect(await runStation({ command: 'station', action: 'add', stationId: 'front-2', utility: 'xyz', dataDir }, io, env)).toBe(1);
      expect(errors[0]).toBe('station add: id: station front-1 is already registered');
      expect(errors[1]).toMatch(/^station add: utility: must be a utility with a profile/);
      expect(await runStation({ command: 'station', action: 'disable', stationId: 'front-1', dataDir }, io, env)).toBe(0);
      expect(await runStation({ command: 'station', action: 'list', dataDir }, io, env)).toBe(0);
      const [header, row, ...rest] = written.trim().split(/\r?\n/);
      expect(header).toBe('id,utility,created_at,disabled_at');
      expect(row).toMatch(/^front-1,wes,[0-9]{4}-.+,[0-9]{4}-/);
      expect(rest).toEqual([]);
      expect(written).not.toContain(token);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

/** A token acts as its station at its utility only: spoofed records and other utilities' reads are refused. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../central/src/app';
import { openPglite } from '../../../central/src/db';
import { migrate } from '../../../central/src/migrations';
import { DEFAULT_TOKEN, NO_STATION_MESSAGE, startCentral, stationsFromEnv } from '../../../central/src/server';
import { addStation, disableStation } from '../../../central/src/stations';
import { uuidv7 } from '../../../shared/ids';
import { cashPayment, openTestCentral, paymentCount, type TestCentral } from './helpers';

let c: TestCentral;
let app: FastifyInstance;
let tokenA = '';
let tokenGone = '';
const CONFIGURED = 'configured-token-wes-1';

beforeAll(async () => {
  c = await openTestCentral();
  const a = await addStation(c.db, 'station-A', 'pwb');
  const gone = await addStation(c.db, 'station-gone', 'pwb');
  if (!a.ok || !gone.ok) throw new Error('could not register the test stations');
  tokenA = a.value.token;
  tokenGone = gone.value.token;
  await disableStation(c.db, 'station-gone');
  // The real app, with no test helper choosing tokens: a registered station and one given in the options.
  app = buildApp({ db: c.db, stations: [{ id: 'wes-1', utility: 'wes', token: CONFIGURED }] });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await c.close();
});

const as = (token: string) => ({ authorization: `Bearer ${token}` });
const pay = (over: Record<string, unknown> = {}) => ({ ...cashPayment({ lines: [{ accountNumber: '1000000001', amount: '10.00' }] }), stationId: 'station-A', ...over });

describe('a station token', () => {
  it('posts its own station’s payment', async () => {
    const p = pay();
    const res = await app.inject({ method: 'POST', url: '/v1/payments', headers: as(tokenA), payload: { payments: [p] } });
    expect(res.statusCode).toBe(200);
    expect(res.json().results[0].status).toBe('posted');
    expect(await paymentCount(c.db, p.id)).toBe(1);
  });

  it('of station A posting stationId station-B is refused 403 naming the item’s field, and nothing of the batch is stored', async () => {
    const batch = [pay(), pay(), pay(), pay({ stationId: 'station-B' })];
    const res = await app.inject({ method: 'POST', url: '/v1/payments', headers: as(tokenA), payload: { payments: batch } });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toEqual({
      error: 'payments.3.stationId: this token belongs to station station-A; it may not send records of station "station-B"',
      field: 'payments.3.stationId',
    });
    for (const p of batch) expect(await paymentCount(c.db, p.id)).toBe(0);
  });

  it("of station A sending station B's journal head is refused 403 naming the field; no head is kept for B", async () => {
    const head = { stationId: 'station-B', n: 7, hash: 'a'.repeat(64) };
    const res = await app.inject({ method: 'POST', url: '/v1/payments', headers: as(tokenA), payload: { payments: [pay()], journalHead: head } });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ field: 'journalHead.stationId' });
    expect(await c.db.query("select * from journal_heads where station_id = 'station-B'")).toEqual([]);
  });

  it('says which station and utility it speaks for at GET /v1/station (the setup screen checks them)', async () => {
    const res = await app.inject({ method: 'GET', url: '/v1/station', headers: as(tokenA) });
    expect(res.json()).toEqual({ stationId: 'station-A', utility: 'pwb' });
    expect((await app.inject({ method: 'GET', url: '/v1/station', headers: as(CONFIGURED) })).json()).toEqual({ stationId: 'wes-1', utility: 'wes' });
    expect((await app.inject({ method: 'GET', url: '/v1/station', headers: as('not-a-known-token') })).statusCode).toBe(401);
  });

  it('of a pwb station posting a wes payment is refused 403 naming utility', async () => {
    const p = pay({ utility: 'wes' });
    const res = await app.inject({ method: 'POST', url: '/v1/payments', headers: as(tokenA), payload: { payments: [p] } });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ field: 'payments.0.utility', error: expect.stringMatching(/^payments\.0\.utility: this token's station station-A is at utility pwb/) });
    expect(await paymentCount(c.db, p.id)).toBe(0);
  });

  it.each([
    ['/v1/voids', 'voids'],
    ['/v1/closeouts', 'closeouts'],
    ['/v1/deposits', 'deposits'],
    ['/v1/dropbox-batches', 'batches'],
  ])('is refused 403 at %s for a record of another station or utility', async (url, key) => {
    const other = await app.inject({ method: 'POST', url, headers: as(tokenA), payload: { [key]: [{ id: uuidv7(), stationId: 'station-B', utility: 'pwb' }] } });
    expect(other.statusCode).toBe(403);
    expect(other.json().field).toBe(`${key}.0.stationId`);
    const wes = await app.inject({ method: 'POST', url, headers: as(tokenA), payload: { [key]: [{ id: uuidv7(), stationId: 'station-A', utility: 'wes' }] } });
    expect(wes.statusCode).toBe(403);
    expect(wes.json().field).toBe(`${key}.0.utility`);
  });

  it('of station A reads its utility but not utility wes (403 naming utility)', async () => {
    expect((await app.inject({ method: 'GET', url: '/v1/accounts/pwb/1000000001', headers: as(tokenA) })).statusCode).toBe(200);
    for (const url of ['/v1/accounts/wes', '/v1/accounts/wes/200000001']) {
      const res = await app.inject({ method: 'GET', url, headers: as(tokenA) });
      expect(res.statusCode, url).toBe(403);
      expect(res.json()).toMatchObject({ field: 'utility', error: expect.stringMatching(/station-A is at utility pwb; it may not read utility "wes"/) });
    }
  });

  it('given in the options is bound the same way', async () => {
    expect((await app.inject({ method: 'GET', url: '/v1/accounts/wes/200000001', headers: as(CONFIGURED) })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/v1/accounts/pwb', headers: as(CONFIGURED) })).statusCode).toBe(403);
    const p = pay();
    const res = await app.inject({ method: 'POST', url: '/v1/payments', headers: as(CONFIGURED), payload: { payments: [p] } });
    expect(res.statusCode).toBe(403);
    expect(res.json().field).toBe('payments.0.stationId');
  });

  it('of a disabled station is refused 401 saying so; the published demo token is unknown here', async () => {
    const gone = await app.inject({ method: 'GET', url: '/v1/accounts/pwb/1000000001', headers: as(tokenGone) });
    expect(gone.statusCode).toBe(401);
    expect(gone.json().error).toMatch(/disabled/);
    expect((await app.inject({ method: 'GET', url: '/v1/accounts/pwb/1000000001', headers: as(DEFAULT_TOKEN) })).statusCode).toBe(401);
  });
});

describe('starting central', () => {
  it('outside demo mode, with no station registered or configured, refuses to start (no demo-token fallback)', async () => {
    await expect(startCentral({ port: 0, quiet: true, stations: [] })).rejects.toThrow(NO_STATION_MESSAGE);
    await expect(startCentral({ port: 0, quiet: true, stations: [{ id: 'station-1', utility: 'pwb', token: DEFAULT_TOKEN }] })).rejects.toThrow(/demo-station-token.*only in demo mode/);
  });

  it('in demo mode accepts the demo token as station-1 at pwb and says "demo mode"', async () => {
    const central = await startCentral({ port: 0, demo: 2, quiet: true, stations: [] });
    try {
      expect(central.summary).toMatch(/, demo mode$/);
      const res = await fetch(`${central.url}/v1/accounts/pwb/1000000001`, { headers: as(DEFAULT_TOKEN) });
      expect(res.status).toBe(200);
      expect((await fetch(`${central.url}/v1/accounts/wes/200000001`, { headers: as(DEFAULT_TOKEN) })).status).toBe(403);
    } finally {
      await central.close();
    }
  });

  it('with a registered station starts, says how many, and its token works while the demo token does not', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'central-registry-'));
    try {
      const db = await openPglite(dataDir);
      await migrate(db);
      const added = await addStation(db, 'front-1', 'pwb');
      await db.close();
      if (!added.ok) throw new Error(added.message);
      const central = await startCentral({ port: 0, dataDir, quiet: true, stations: [] });
      try {
        expect(central.summary).toMatch(/, 1 station registered$/);
        // Let in: an empty database has no accounts at pwb yet, and says so.
        const own = await fetch(`${central.url}/v1/accounts/pwb`, { headers: as(added.value.token) });
        expect(own.status).toBe(404);
        expect(((await own.json()) as { error: string }).error).toBe('no accounts at utility pwb');
        expect((await fetch(`${central.url}/v1/accounts/pwb`, { headers: as(DEFAULT_TOKEN) })).status).toBe(401);
      } finally {
        await central.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('reads the legacy COUNTER_STATION_TOKENS as stationId:utility:token entries', () => {
    expect(stationsFromEnv({})).toEqual([]);
    expect(stationsFromEnv({ COUNTER_STATION_TOKENS: 'front-1:pwb:token-one-1, back-2:wes:token:two' })).toEqual([
      { id: 'front-1', utility: 'pwb', token: 'token-one-1' },
      { id: 'back-2', utility: 'wes', token: 'token:two' },
    ]);
    expect(() => stationsFromEnv({ COUNTER_STATION_TOKENS: 'just-a-token-1' })).toThrow(/entry 1 must be stationId:utility:token/);
    expect(() => stationsFromEnv({ COUNTER_STATION_TOKENS: 'front-1:nowhere:token-one-1' })).toThrow(/entry 1: utility: must be a utility/);
  });
});

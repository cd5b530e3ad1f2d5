/**
 * Central on a real PostgreSQL, where concurrency is real: batches racing on the same payment ids.
 * Runs only when DATABASE_URL is set (vitest.config.ts leaves this file out otherwise; .ci/postgres.sh
 * prepares a local server). Works in its own schema, dropped and made again at start.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../central/src/app';
import { openPostgres, type Database } from '../../../central/src/db';
import { countAccounts, seedDemo } from '../../../central/src/demo';
import { migrate, migrations } from '../../../central/src/migrations';
import { add, money, sub, toMoneyString } from '../../../shared/money/money';
import type { Payment } from '../../../shared/payments/payment';
import { AUTH, STATIONS, speakingAsItsStations, balanceOf, cashPayment, paymentCount } from './helpers';
import { runLoad } from './load';
import { isolationTests } from './isolation-suite';
import { postPaymentsResponseSchema, postVoidsResponseSchema, type PaymentResult } from '../../../shared/sync/protocol';
import { uuidv7 } from '../../../shared/ids';
import { voidSchema, type Void } from '../../../shared/payments/void';

const SCHEMA = 'central_unit_test';
const url = process.env.DATABASE_URL ?? '';
if (!url) throw new Error('postgres.test.ts needs DATABASE_URL (see .ci/postgres.sh)');
const schemaUrl = `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${SCHEMA}`)}`;

let db: Database;
let app: FastifyInstance;

beforeAll(async () => {
  const admin = openPostgres(url);
  await admin.query(`drop schema if exists ${SCHEMA} cascade`);
  await admin.query(`create schema ${SCHEMA}`);
  await admin.close();
  db = openPostgres(schemaUrl);
  app = speakingAsItsStations(buildApp({ db, stations: STATIONS }));
});

afterAll(async () => {
  await app?.close();
  await db?.close();
  const admin = openPostgres(url);
  await admin.query(`drop schema if exists ${SCHEMA} cascade`);
  await admin.close();
});

/** A fixed shuffle per batch, so every run races the same orders. */
function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const out = [...xs];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

async function postBatch(payments: Payment[]): Promise<PaymentResult[]> {
  const res = await app.inject({ method: 'POST', url: '/v1/payments', headers: AUTH, payload: { payments } });
  expect(res.statusCode, res.body).toBe(200);
  return postPaymentsResponseSchema.parse(res.json()).results;
}

describe('on PostgreSQL', () => {
  it('migrates and seeds once even when two starts race', async () => {
    const applied = await Promise.all([migrate(db), migrate(db)]);
    const all = migrations.map((m) => m.version).sort((a, b) => a - b);
    expect(applied.flat().sort((a, b) => a - b)).toEqual(all);
    expect(await db.query('select version from schema_migrations order by version')).toEqual(all.map((version) => ({ version })));
    const loaded = await Promise.all([seedDemo(db, { perUtility: 5 }), seedDemo(db, { perUtility: 5 })]);
    expect(loaded.sort()).toEqual([0, 24]);
    expect(await countAccounts(db)).toBe(24);
    expect(db.kind).toBe('postgres');
  });

  it('stores 20 ids once when 10 concurrent batches all carry them, and reduces balances once', async () => {
    const accounts = ['1000000001', '1000000002', '1000000003', '1000000004'];
    const before = await Promise.all(accounts.map((n) => balanceOf(db, 'pwb', n)));
    const payments = Array.from({ length: 20 }, (_, i) => cashPayment({ lines: [{ accountNumber: accounts[i % 4] as string, amount: '1.25' }] }));

    const batches = await Promise.all(Array.from({ length: 10 }, (_, b) => postBatch(shuffled(payments, b + 1))));

    const all = batches.flat();
    expect(all.every((r) => r.status === 'posted' || r.status === 'already_posted')).toBe(true);
    expect(all.filter((r) => r.status === 'posted')).toHaveLength(20);
    for (const p of payments) {
      const refs = new Set(all.filter((r) => r.id === p.id).map((r) => ('reference' in r ? r.reference : '')));
      expect(refs.size, p.id).toBe(1);
    }
    const ids = payments.map((p) => p.id);
    expect(await db.query('select count(*)::int as n from payments where id = any($1::uuid[])', [ids])).toEqual([{ n: 20 }]);
    expect(await db.query('select count(*)::int as n from payment_lines where payment_id = any($1::uuid[])', [ids])).toEqual([{ n: 20 }]);
    for (const [i, n] of accounts.entries()) {
      const expected = toMoneyString(sub(money(before[i]?.balance ?? ''), add(...Array.from({ length: 5 }, () => money('1.25')))));
      expect((await balanceOf(db, 'pwb', n)).balance, n).toBe(expected);
    }
  });

  it('lets exactly one of several racing versions of an id in, the rest are conflicts', async () => {
    const first = cashPayment({ lines: [{ accountNumber: '1000000004', amount: '1.00' }] });
    const versions = ['1.00', '2.00', '3.00', '4.00', '5.00'].map((amount) =>
      cashPayment({ id: first.id, takenAt: first.takenAt, lines: [{ accountNumber: '1000000004', amount }] }),
    );
    const results = (await Promise.all(versions.map((v) => postBatch([v])))).flat();
    expect(results.filter((r) => r.status === 'posted')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'conflict')).toHaveLength(4);
    expect(await paymentCount(db, first.id)).toBe(1);
  });

  it('voids a payment once when racing voids carry one id or several', async () => {
    const before = await balanceOf(db, 'pwb', '1000000004');
    const payments = [cashPayment({ lines: [{ accountNumber: '1000000004', amount: '4.00' }] }), cashPayment({ lines: [{ accountNumber: '1000000004', amount: '6.00' }] })];
    expect((await postBatch(payments)).map((r) => r.status)).toEqual(['posted', 'posted']);
    const aVoid = (paymentId: string, id = uuidv7()): Void =>
      voidSchema.parse({ id, paymentId, utility: 'pwb', stationId: 's', cashier: 'pat', approvedBy: 'sam', reason: 'keyed twice', drawerSessionId: null, takenAt: new Date().toISOString() });
    const postVoids = async (voids: Void[]) => {
      const res = await app.inject({ method: 'POST', url: '/v1/voids', headers: AUTH, payload: { voids } });
      expect(res.statusCode, res.body).toBe(200);
      return postVoidsResponseSchema.parse(res.json()).results;
    };
    const sameId = aVoid(payments[0]?.id ?? '');
    const [a, b] = await Promise.all([
      Promise.all(Array.from({ length: 5 }, () => postVoids([sameId]))),
      Promise.all(Array.from({ length: 5 }, () => postVoids([aVoid(payments[1]?.id ?? '')]))),
    ]);
    expect(a.flat().map((r) => r.status).sort()).toEqual(['already_posted', 'already_posted', 'already_posted', 'already_posted', 'posted']);
    expect(b.flat().map((r) => r.status).sort()).toEqual(['conflict', 'conflict', 'conflict', 'conflict', 'posted']);
    expect(await db.query('select count(*)::int as n from voids where payment_id = any($1::uuid[])', [payments.map((p) => p.id)])).toEqual([{ n: 2 }]);
    expect(await balanceOf(db, 'pwb', '1000000004')).toEqual(before);
  });

  it('stores 10,000 payments from 20 stations at once exactly once, totals to the cent (the load test, over HTTP)', async () => {
    const served = speakingAsItsStations(buildApp({ db, stations: STATIONS }));
    await served.listen({ port: 0, host: '127.0.0.1' });
    try {
      const address = served.server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const figures = await runLoad(`http://127.0.0.1:${port}`, db, { stations: 20, perStation: 500, batchSize: 100, seed: 20250602, label: 'PostgreSQL' });
      expect(figures.rows).toBe(10_000);
      expect(figures.resentBatches).toBeGreaterThan(0);
    } finally {
      await served.close();
    }
  }, 180_000);
});

// After the cases above: the schema is migrated and holds the demo accounts.
isolationTests(() => db);

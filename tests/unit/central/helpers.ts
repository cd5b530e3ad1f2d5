/** Central under test: in-memory PGlite through the real Fastify app, and payments built the way a station builds them. */
import type { FastifyInstance, InjectOptions } from 'fastify';
import { buildApp } from '../../../central/src/app';
import type { StationBinding } from '../../../central/src/stations';
import { openPglite, type Database } from '../../../central/src/db';
import { seedDemo } from '../../../central/src/demo';
import { migrate } from '../../../central/src/migrations';
import { uuidv7 } from '../../../shared/ids';
import { profiles } from '../../../shared/profiles';
import { add, money, sub, toMoneyString } from '../../../shared/money/money';
import { tenderAmount, type Payment, type Tender } from '../../../shared/payments/payment';
import { postPaymentsResponseSchema, type PaymentResult } from '../../../shared/sync/protocol';

/** The token of station unit-1 at pwb, the station the tests' payments come from unless they say otherwise. */
export const TOKEN = 'unit-station-token';
export const AUTH = { authorization: `Bearer ${TOKEN}` };

/** Every station id the tests send records as; each has a token per utility (a token is bound to one of each). */
const STATION_IDS = ['unit-1', 'wic-1', 'front-1', 'front-2', 's', 'station-1', 'window-1', '-unit-1', ...Array.from({ length: 100 }, (_, n) => `load-${n}`)];

export function tokenFor(stationId: string, utility: string): string {
  return stationId === 'unit-1' && utility === 'pwb' ? TOKEN : `unit-token.${stationId}.${utility}`;
}
export const authFor = (stationId: string, utility: string) => ({ authorization: `Bearer ${tokenFor(stationId, utility)}` });

export const STATIONS: StationBinding[] = STATION_IDS.flatMap((id) => Object.keys(profiles).map((utility) => ({ id, utility, token: tokenFor(id, utility) })));

const bound = new Set(STATIONS.map((s) => s.token));

/** The first item of a batch body (an object, or JSON text as the fuzzer sends it). */
function firstItem(payload: unknown): Record<string, unknown> {
  let body = payload;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body) as unknown;
    } catch {
      return {};
    }
  }
  const first: unknown = body && typeof body === 'object' && !Buffer.isBuffer(body) ? Object.values(body).find(Array.isArray)?.[0] : undefined;
  return first && typeof first === 'object' ? (first as Record<string, unknown>) : {};
}

/**
 * A request sent with the generic AUTH speaks as the station its records name (the first item's stationId
 * and utility), or, for a read, as unit-1 at the utility in the path: tests written before tokens were bound
 * to a station keep their bodies. A station the tests do not know keeps AUTH (and is refused as central
 * refuses it). A request with any other Authorization is sent as it is.
 */
function asItsStation(options: InjectOptions): InjectOptions {
  const headers = (options.headers ?? {}) as Record<string, string>;
  if (headers.authorization !== AUTH.authorization) return options;
  const url = typeof options.url === 'string' ? options.url : '';
  const inPath = /^\/v1\/accounts\/([^/?]+)/.exec(url)?.[1];
  const utilityInPath = inPath !== undefined && Object.hasOwn(profiles, inPath) ? inPath : undefined;
  const item = firstItem(options.payload);
  const stationId = typeof item.stationId === 'string' ? item.stationId : 'unit-1';
  const utility = typeof item.utility === 'string' ? item.utility : (utilityInPath ?? 'pwb');
  const token = tokenFor(stationId, utility);
  return bound.has(token) ? { ...options, headers: { ...headers, ...authFor(stationId, utility) } } : options;
}

/** The app, its `inject` sending AUTH requests as the station they speak for (see asItsStation). */
export function speakingAsItsStations(app: FastifyInstance): FastifyInstance {
  const inject = app.inject.bind(app) as (options: InjectOptions) => ReturnType<FastifyInstance['inject']>;
  Object.assign(app, { inject: (options: InjectOptions) => inject(asItsStation(options)) });
  return app;
}

export type TestCentral = { db: Database; app: FastifyInstance; close(): Promise<void> };

/** A migrated in-memory database with the fixed demo accounts and `perUtility` generated ones each. */
export async function openTestCentral(perUtility = 0, db?: Database): Promise<TestCentral> {
  const database = db ?? (await openPglite());
  await migrate(database);
  await seedDemo(database, { perUtility });
  const app = speakingAsItsStations(buildApp({ db: database, stations: STATIONS }));
  await app.ready();
  return {
    db: database,
    app,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

type PaymentSpec = {
  id?: string;
  utility?: string;
  lines: Array<{ accountNumber: string; amount: string }>;
  /** Coins tendered; bills make up the rest of the total unless given. */
  coins?: string;
  bills?: string;
  takenAt?: string;
};

/** A cash payment whose totals add up, as the counter would send it. */
export function cashPayment({ id = uuidv7(), utility = 'pwb', lines, coins = '0.00', bills, takenAt = new Date().toISOString() }: PaymentSpec): Payment {
  const total = add(...lines.map((l) => money(l.amount)));
  const billsAmount = bills ?? toMoneyString(sub(total, money(coins)));
  const tendered = add(money(billsAmount), money(coins));
  return {
    id,
    utility,
    stationId: 'unit-1',
    cashier: 'pat',
    drawerSessionId: 'drawer-1',
    takenAt,
    lines: lines.map((l) => ({ accountNumber: l.accountNumber, amount: toMoneyString(money(l.amount)) })),
    tenders: [{ kind: 'cash', bills: toMoneyString(money(billsAmount)), coins: toMoneyString(money(coins)) }],
    total: toMoneyString(total),
    tendered: toMoneyString(tendered),
    change: toMoneyString(sub(tendered, total)),
    memo: '',
  };
}

/** A payment with any tenders; tendered and change are worked out (the change is whatever the tenders exceed). */
export function tenderedPayment({ id = uuidv7(), utility = 'pwb', lines, tenders, takenAt = new Date().toISOString(), memo = '' }: {
  id?: string;
  utility?: string;
  lines: Array<{ accountNumber: string; amount: string }>;
  tenders: Tender[];
  takenAt?: string;
  memo?: string;
}): Payment {
  const total = add(...lines.map((l) => money(l.amount)));
  const tendered = add(...tenders.map(tenderAmount));
  return {
    id,
    utility,
    stationId: 'unit-1',
    cashier: 'pat',
    drawerSessionId: 'drawer-1',
    takenAt,
    lines: lines.map((l) => ({ accountNumber: l.accountNumber, amount: toMoneyString(money(l.amount)) })),
    tenders,
    total: toMoneyString(total),
    tendered: toMoneyString(tendered),
    change: toMoneyString(sub(tendered, total)),
    memo,
  };
}

/**
 * POSTs payments and returns the parsed results in their order; fails the test on anything but 200. A token
 * speaks for one station at one utility, so the payments go in one batch per (station, utility), each with
 * that station's token.
 */
export async function post(app: FastifyInstance, payments: Payment[]): Promise<PaymentResult[]> {
  const groups = new Map<string, number[]>();
  for (const [n, p] of payments.entries()) {
    const key = JSON.stringify([p.stationId, p.utility]);
    groups.set(key, [...(groups.get(key) ?? []), n]);
  }
  const results: PaymentResult[] = [];
  for (const indexes of groups.values()) {
    const batch = indexes.map((n) => payments[n] as Payment);
    const res = await app.inject({ method: 'POST', url: '/v1/payments', headers: AUTH, payload: { payments: batch } });
    if (res.statusCode !== 200) throw new Error(`POST /v1/payments → ${res.statusCode}: ${res.body}`);
    const answers = postPaymentsResponseSchema.parse(res.json()).results;
    for (const [k, n] of indexes.entries()) results[n] = answers[k] as PaymentResult;
  }
  return results;
}

export async function balanceOf(db: Database, utility: string, number: string): Promise<{ balance: string; pastDue: string }> {
  const [row] = await db.query<{ balance: string; past_due: string }>(
    'select balance::text, past_due::text from accounts where utility = $1 and number = $2',
    [utility, number],
  );
  if (!row) throw new Error(`no account ${utility}/${number}`);
  return { balance: row.balance, pastDue: row.past_due };
}

export async function paymentCount(db: Database, id?: string): Promise<number> {
  const [row] = id
    ? await db.query<{ n: string }>('select count(*)::text as n from payments where id = $1::uuid', [id])
    : await db.query<{ n: string }>('select count(*)::text as n from payments');
  return Number(row?.n);
}

export async function heldCount(db: Database, id: string): Promise<number> {
  const [row] = await db.query<{ n: string }>('select count(*)::text as n from held_items where id = $1::uuid', [id]);
  return Number(row?.n);
}

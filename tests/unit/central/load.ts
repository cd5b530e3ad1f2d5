/**
 * The load test of issue 5, shared by PGlite (load.test.ts) and PostgreSQL (postgres.test.ts): many stations
 * post their payments at once over real HTTP on loopback, in batches, each station in order, with seeded
 * random resends (a batch sent twice at once, as after a timeout while the first is still running, and an
 * earlier batch sent again later, as after a lost reply). Everything is bounded: a deadline per request.
 */
import { expect } from 'vitest';
import type { Database } from '../../../central/src/db';
import { uuidv7 } from '../../../shared/ids';
import { Decimal, toMoneyString } from '../../../shared/money/money';
import { tenderSchema, type Payment, type Tender } from '../../../shared/payments/payment';
import { profileById } from '../../../shared/profiles';
import { postPaymentsResponseSchema, type PaymentResult } from '../../../shared/sync/protocol';
import { tokenFor } from './helpers';

export type LoadOptions = { stations: number; perStation: number; batchSize: number; seed: number; label: string };
export type LoadFigures = {
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  requests: number;
  resentBatches: number;
  expectedTotal: string;
};

const UTILITIES = ['pwb', 'wes', 'portsmouth'] as const;
const STATION_PREFIX = 'load-';
const REQUEST_DEADLINE_MS = 120_000;

/** mulberry32: the same sequence for the same seed on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const cents = (c: number) => toMoneyString(new Decimal(c).dividedBy(100));

/** One station's payments: 1 or 2 lines to distinct open accounts, any tender mix, totals to the cent. */
function stationPayments(station: number, count: number, accounts: readonly string[], utility: string, rand: () => number): Payment[] {
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const digits = (n: number) => Array.from({ length: n }, () => String(int(0, 9))).join('');
  const brand = profileById(utility).tenders.card.brands[0] ?? 'Visa';
  // Two days ago at 16:00 UTC: inside central's window for taken-at times (central/src/limits.ts).
  const base = Math.floor(Date.now() / 86_400_000) * 86_400_000 - 2 * 86_400_000 + 16 * 3_600_000;
  const out: Payment[] = [];
  for (let i = 0; i < count; i++) {
    const first = int(0, accounts.length - 1);
    const second = (first + int(1, accounts.length - 1)) % accounts.length;
    const lineCents = rand() < 0.25 ? [int(1, 40000), int(1, 40000)] : [int(1, 60000)];
    const lines = lineCents.map((c, n) => ({ accountNumber: accounts[n === 0 ? first : second] as string, amount: cents(c) }));
    const totalCents = lineCents.reduce((a, b) => a + b, 0);
    const tender = (t: Record<string, unknown>): Tender => tenderSchema.parse(t);
    const exactCash = (c: number) => tender({ kind: 'cash', bills: cents(c - (c % 100)), coins: cents(c % 100) });
    let tenders: Tender[];
    let changeCents = 0;
    const r = rand();
    if (r < 0.35) {
      // Bills rounded up to the next $20, the cents in coin: change comes back in cash.
      const bills = Math.ceil(Math.floor(totalCents / 100) / 20) * 2000 || 2000;
      tenders = [tender({ kind: 'cash', bills: cents(bills), coins: cents(totalCents % 100) })];
      changeCents = bills + (totalCents % 100) - totalCents;
    } else if (r < 0.55) {
      tenders = [tender({ kind: 'check', amount: cents(totalCents), checkNumber: digits(int(1, 6)), routingNumber: rand() < 0.5 ? '021000021' : null })];
    } else if (r < 0.75) {
      tenders = [tender({ kind: 'card', amount: cents(totalCents), brand, last4: digits(4), approvalCode: `A${digits(5)}` })];
    } else if (r < 0.85) {
      tenders = [tender({ kind: 'money_order', amount: cents(totalCents), serial: `MO-${digits(8)}` })];
    } else {
      const check = Math.max(1, Math.floor(totalCents / 2));
      tenders = [tender({ kind: 'check', amount: cents(check), checkNumber: digits(4), routingNumber: null })];
      if (totalCents - check > 0) tenders.push(exactCash(totalCents - check));
    }
    out.push({
      id: uuidv7(),
      utility,
      stationId: `${STATION_PREFIX}${station}`,
      cashier: `cashier-${station}`,
      drawerSessionId: `drawer-${station}`,
      takenAt: new Date(base + i * 60_000).toISOString(),
      lines,
      tenders,
      total: cents(totalCents),
      tendered: cents(totalCents + changeCents),
      change: cents(changeCents),
      memo: '',
    });
  }
  return out;
}

async function postOnce(url: string, payments: readonly Payment[]): Promise<PaymentResult[]> {
  const res = await fetch(`${url}/v1/payments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokenFor(payments[0]?.stationId ?? '', payments[0]?.utility ?? '')}`, 'content-type': 'application/json' },
    body: JSON.stringify({ payments }),
    signal: AbortSignal.timeout(REQUEST_DEADLINE_MS),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`POST /v1/payments → ${res.status}: ${text.slice(0, 500)}`);
  return postPaymentsResponseSchema.parse(JSON.parse(text)).results;
}

const sumBalances = async (db: Database) => new Decimal((await db.query<{ s: string }>('select coalesce(sum(balance), 0)::text as s from accounts'))[0]?.s ?? 'NaN');

/**
 * Runs the load and checks it: every id stored once, posted once in all the answers with one reference,
 * exactly stations × perStation rows, totals and balances to the cent. Returns the figures.
 */
export async function runLoad(url: string, db: Database, o: LoadOptions): Promise<LoadFigures> {
  const rand = prng(o.seed);
  const open = await db.query<{ utility: string; number: string }>(
    "select utility, number from accounts where status <> 'closed' and utility = any($1::text[]) order by utility, number",
    [[...UTILITIES]],
  );
  const byUtility = new Map(UTILITIES.map((u) => [u, open.filter((a) => a.utility === u).map((a) => a.number)]));
  const stations = Array.from({ length: o.stations }, (_, s) => {
    const utility = UTILITIES[s % UTILITIES.length] as string;
    const accounts = byUtility.get(utility as (typeof UTILITIES)[number]) ?? [];
    if (accounts.length < 2) throw new Error(`the load needs 2 open accounts at ${utility}`);
    const payments = stationPayments(s, o.perStation, accounts, utility, rand);
    const batches = Array.from({ length: Math.ceil(payments.length / o.batchSize) }, (_, b) => payments.slice(b * o.batchSize, (b + 1) * o.batchSize));
    // The resend plan is drawn now, from the seed, so the run does not depend on timing.
    const plan = batches.map((_, b) => ({ twiceAtOnce: rand() < 0.2, resendEarlier: b > 0 && rand() < 0.3 ? int(rand, 0, b - 1) : null }));
    return { payments, batches, plan };
  });
  const all = stations.flatMap((s) => s.payments);
  const expected = all.reduce((s, p) => s.plus(new Decimal(p.total)), new Decimal(0));
  const balancesBefore = await sumBalances(db);
  const [{ n: rowsBefore } = { n: -1 }] = await db.query<{ n: number }>(`select count(*)::int as n from payments where station_id like '${STATION_PREFIX}%'`);
  expect(rowsBefore).toBe(0);

  let requests = 0;
  let resentBatches = 0;
  const answers: PaymentResult[] = [];
  const send = async (batch: readonly Payment[]) => {
    requests++;
    answers.push(...(await postOnce(url, batch)));
  };
  const started = performance.now();
  await Promise.all(
    stations.map(async ({ batches, plan }) => {
      for (const [b, batch] of batches.entries()) {
        const step = plan[b] as (typeof plan)[number];
        if (step.twiceAtOnce) {
          resentBatches++;
          await Promise.all([send(batch), send(batch)]);
        } else {
          await send(batch);
        }
        if (step.resendEarlier !== null) {
          resentBatches++;
          await send(batches[step.resendEarlier] as Payment[]);
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;

  // Every answer is posted or already_posted; each id posted exactly once, with one reference in every answer.
  expect(answers.filter((a) => a.status !== 'posted' && a.status !== 'already_posted')).toEqual([]);
  const posted = new Map<string, number>();
  const references = new Map<string, Set<string>>();
  for (const a of answers) {
    if (a.status === 'posted') posted.set(a.id, (posted.get(a.id) ?? 0) + 1);
    if ('reference' in a) references.set(a.id, (references.get(a.id) ?? new Set()).add(a.reference));
  }
  expect(posted.size).toBe(all.length);
  expect([...posted.values()].every((n) => n === 1)).toBe(true);
  expect([...references.values()].every((r) => r.size === 1)).toBe(true);

  const [stored] = await db.query<{ rows: number; ids: number; total: string; lines: number; tenders: number }>(
    `select count(*)::int as rows, count(distinct p.id)::int as ids, coalesce(sum(p.total), 0)::text as total,
            (select count(*)::int from payment_lines l join payments q on q.id = l.payment_id where q.station_id like '${STATION_PREFIX}%') as lines,
            (select count(*)::int from payment_tenders t join payments q on q.id = t.payment_id where q.station_id like '${STATION_PREFIX}%') as tenders
     from payments p where p.station_id like '${STATION_PREFIX}%'`,
  );
  expect(stored).toEqual({
    rows: all.length,
    ids: all.length,
    total: expected.toFixed(2),
    lines: all.reduce((n, p) => n + p.lines.length, 0),
    tenders: all.reduce((n, p) => n + p.tenders.length, 0),
  });
  expect(balancesBefore.minus(await sumBalances(db)).toFixed(2)).toBe(expected.toFixed(2));

  const figures: LoadFigures = {
    rows: all.length,
    seconds,
    rowsPerSecond: Math.round(all.length / seconds),
    requests,
    resentBatches,
    expectedTotal: expected.toFixed(2),
  };
  console.log(
    `load (${o.label}): ${o.stations} stations × ${o.perStation} payments in batches of ${o.batchSize}: ` +
      `${figures.rows.toLocaleString('en-US')} rows in ${seconds.toFixed(1)} s = ${figures.rowsPerSecond.toLocaleString('en-US')} rows/s ` +
      `(${requests} requests, ${resentBatches} batches resent, total $${figures.expectedTotal} to the cent)`,
  );
  return figures;
}

function int(rand: () => number, lo: number, hi: number): number {
  return lo + Math.floor(rand() * (hi - lo + 1));
}

/**
 * Drawer close-outs and deposits, posted idempotently like payments: the id is the key and is kept forever;
 * the same id with the same canonical contents gets the first answer again (already_posted); other contents
 * are a conflict, never an overwrite; a record that breaks a rule is rejected and nothing of it is stored.
 * One transaction per request, results in request order.
 *
 * Rules central adds to the shared schemas (which already check every figure against the others):
 * - a close-out's payments and voids must be the ones central holds for that drawer (the station sends them
 *   first, through the same outbox), and beyond the profile's threshold it carries the supervisor's note;
 * - a deposit's drawers must have their close-outs here, at the same utility; each drawer's cash and the
 *   checks and money orders listed must be the close-outs'; a drawer goes into one deposit (conflict otherwise).
 */
import type { FastifyInstance } from 'fastify';
import { closeoutRuleError, closeoutSchema, type Closeout } from '../../shared/drawer/closeout';
import { depositFigures, depositSchema, type Deposit } from '../../shared/drawer/deposit';
import { add, money, toMoneyString } from '../../shared/money/money';
import { profileById } from '../../shared/profiles';
import {
  API_VERSION,
  MAX_DRAWER_RECORDS_PER_REQUEST,
  type PaymentResult,
  type PostCloseoutsResponse,
  type PostDepositsResponse,
} from '../../shared/sync/protocol';
import { dbTime, type Database, type Queryable } from './db';
import { answerBatch, parseBatch } from './envelope';
import { heldAnswer, loadHeld } from './held';
import { postIsolated, type FailureLog } from './isolation';
import { compareText, inRetriedTransaction, repeatAnswer, type Stored } from './payments';

/** Stable JSON (keys sorted at every level): tells a resend from a conflict whatever the key order. */
export function canonical(value: unknown): string {
  const sortKeys = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sortKeys);
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      return Object.fromEntries(
        Object.keys(o)
          .filter((k) => o[k] !== undefined)
          .sort()
          .map((k) => [k, sortKeys(o[k])]),
      );
    }
    return v;
  };
  return JSON.stringify(sortKeys(value));
}

/** The routes, registered by app.ts. */
export function drawerRoutes(app: FastifyInstance, db: Database): void {
  app.post(`/${API_VERSION}/closeouts`, async (request, reply) => {
    const receivedAt = new Date();
    const judged = parseBatch(request.body, 'closeouts', MAX_DRAWER_RECORDS_PER_REQUEST, closeoutSchema, reply);
    if (!judged) return reply;
    const response: PostCloseoutsResponse = { results: await answerBatch(judged, (items) => postCloseouts(db, items, receivedAt, request.log)) };
    return response;
  });
  app.post(`/${API_VERSION}/deposits`, async (request, reply) => {
    const receivedAt = new Date();
    const judged = parseBatch(request.body, 'deposits', MAX_DRAWER_RECORDS_PER_REQUEST, depositSchema, reply);
    if (!judged) return reply;
    const response: PostDepositsResponse = { results: await answerBatch(judged, (items) => postDeposits(db, items, receivedAt, request.log)) };
    return response;
  });
}

type Row = { id: string; canonical: string; reference: string; posted_at: Date | string };
const stored = (r: Row): Stored => ({ canonical: r.canonical, reference: r.reference, postedAt: dbTime(r.posted_at) });

async function loadStored(tx: Queryable, table: 'closeouts' | 'deposits', ids: readonly string[]): Promise<Map<string, Stored>> {
  const rows = await tx.query<Row>(`select id::text, canonical, reference, posted_at from ${table} where id = any($1::uuid[])`, [[...new Set(ids)]]);
  return new Map(rows.map((r) => [r.id, stored(r)]));
}

/**
 * Judges and stores a batch, item by item in request order. `judge` returns a rule broken (rejected) or
 * null; `insert` stores one item and returns its row, or null when its id was taken meanwhile.
 */
async function postEach<T extends { id: string }>(
  tx: Queryable,
  table: 'closeouts' | 'deposits',
  items: readonly T[],
  judge: (item: T) => Promise<PaymentResult | null>,
  insert: (item: T, canonical: string) => Promise<Row | null>,
): Promise<PaymentResult[]> {
  const prior = await loadStored(tx, table, items.map((i) => i.id));
  const held = await loadHeld(tx, table === 'closeouts' ? 'closeout' : 'deposit', items.map((i) => i.id));
  const results: PaymentResult[] = [];
  // In id order, so concurrent requests with the same ids wait on each other instead of deadlocking.
  const order = [...items.entries()].sort(([, a], [, b]) => compareText(a.id, b.id));
  const byIndex = new Map<number, PaymentResult>();
  for (const [index, item] of order) {
    const text = canonical(item);
    const before = prior.get(item.id);
    const heldBefore = held.get(item.id);
    if (heldBefore) {
      byIndex.set(index, heldAnswer(item.id, heldBefore, text));
      continue;
    }
    if (before) {
      byIndex.set(index, repeatAnswer(item.id, before, text));
      continue;
    }
    const refused = await judge(item);
    if (refused) {
      byIndex.set(index, refused);
      continue;
    }
    const row = await insert(item, text);
    if (row) {
      const s = stored(row);
      prior.set(item.id, s);
      byIndex.set(index, { id: item.id, status: 'posted', reference: s.reference, postedAt: s.postedAt });
    } else {
      const now = (await loadStored(tx, table, [item.id])).get(item.id);
      if (!now) throw new Error(`${table} ${item.id} neither inserted nor found`);
      prior.set(item.id, now);
      byIndex.set(index, repeatAnswer(item.id, now, text));
    }
  }
  for (let i = 0; i < items.length; i++) results.push(byIndex.get(i)!);
  return results;
}

/** Posts close-outs; one that breaks the database is held on its own (isolation.ts), the others go on. */
export async function postCloseouts(db: Database, closeouts: readonly Closeout[], receivedAt = new Date(), log?: FailureLog): Promise<PaymentResult[]> {
  const post = (items: readonly Closeout[]) =>
    inRetriedTransaction(db, (tx) => postEach(tx, 'closeouts', items, (c) => judgeCloseout(tx, c), (c, text) => insertCloseout(tx, c, text, receivedAt)));
  return postIsolated(db, 'closeout', closeouts, post, canonical, receivedAt, log);
}

/** Posts deposits; one that breaks the database is held on its own (isolation.ts), the others go on. */
export async function postDeposits(db: Database, deposits: readonly Deposit[], receivedAt = new Date(), log?: FailureLog): Promise<PaymentResult[]> {
  const post = (items: readonly Deposit[]) =>
    inRetriedTransaction(db, (tx) => postEach(tx, 'deposits', items, (d) => judgeDeposit(tx, d), (d, text) => insertDeposit(tx, d, text, receivedAt)));
  return postIsolated(db, 'deposit', deposits, post, canonical, receivedAt, log);
}

const rejected = (id: string, error: string): PaymentResult => ({ id, status: 'rejected', error });

async function judgeCloseout(tx: Queryable, c: Closeout): Promise<PaymentResult | null> {
  let profile;
  try {
    profile = profileById(c.utility);
  } catch (e) {
    return rejected(c.id, `utility: ${(e as Error).message}`);
  }
  const rule = closeoutRuleError(c, profile.drawer);
  if (rule) return rejected(c.id, rule);
  // The drawer's payments and voids as central holds them: the close-out must sum up the same ones.
  const rows = await tx.query<{ id: string; total: string; voided: boolean }>(
    `select p.id::text, p.total::text, (v.id is not null) as voided
     from payments p left join voids v on v.payment_id = p.id
     where p.drawer_session_id = $1 and p.utility = $2
     union all
     -- A held payment was taken in the drawer too: its money is there, whatever the back office decides.
     select h.id::text, h.total::text, false from held_items h
     where h.kind = 'payment' and h.body->>'drawerSessionId' = $1 and h.utility = $2
       and not exists (select 1 from payments p where p.id = h.id)`,
    [c.id, c.utility],
  );
  const kept = rows.filter((r) => !r.voided);
  const voided = rows.filter((r) => r.voided);
  const sum = (xs: Array<{ total: string }>) => toMoneyString(add(...xs.map((x) => money(x.total))));
  const e = c.expected;
  if (kept.length !== e.payments.count || sum(kept) !== e.payments.total) {
    return rejected(c.id, `expected.payments: central holds ${kept.length} payments for ${sum(kept)} in drawer ${c.id}, the close-out sums up ${e.payments.count} for ${e.payments.total}; send the drawer's payments first`);
  }
  if (voided.length !== e.voids.count || sum(voided) !== e.voids.total) {
    return rejected(c.id, `expected.voids: central holds ${voided.length} voids for ${sum(voided)} in drawer ${c.id}, the close-out sums up ${e.voids.count} for ${e.voids.total}`);
  }
  return null;
}

async function insertCloseout(tx: Queryable, c: Closeout, text: string, receivedAt: Date): Promise<Row | null> {
  const [row] = await tx.query<Row>(
    `insert into closeouts (id, utility, station_id, cashier, opened_at, counted_at, signed_off_at, signed_off_by, float, expected_cash, counted_cash,
                            over_short_cash, over_short_checks, over_short_money_orders, over_short_card, over_short_total, note, received_at, canonical, body)
     values ($1::uuid, $2, $3, $4, $5::timestamptz, $6::timestamptz, $7::timestamptz, $8, $9::numeric, $10::numeric, $11::numeric,
             $12::numeric, $13::numeric, $14::numeric, $15::numeric, $16::numeric, $17, $18::timestamptz, $19, $20::jsonb)
     on conflict (id) do nothing
     returning id::text, canonical, reference, posted_at`,
    [
      c.id,
      c.utility,
      c.stationId,
      c.cashier,
      c.openedAt,
      c.countedAt,
      c.signedOffAt,
      c.signedOffBy,
      c.expected.float,
      c.expected.cash,
      c.counted.cashTotal,
      c.overShort.cash,
      c.overShort.checks,
      c.overShort.moneyOrders,
      c.overShort.card,
      c.overShort.total,
      c.note,
      receivedAt.toISOString(),
      text,
      JSON.stringify(c),
    ],
  );
  return row ?? null;
}

async function judgeDeposit(tx: Queryable, d: Deposit): Promise<PaymentResult | null> {
  try {
    profileById(d.utility);
  } catch (e) {
    return rejected(d.id, `utility: ${(e as Error).message}`);
  }
  const ids = d.drawers.map((x) => x.drawerSessionId);
  const rows = await tx.query<{ id: string; utility: string; body: Closeout | string; deposit_id: string | null; deposit_reference: string | null }>(
    `select c.id::text, c.utility, c.body, dd.deposit_id::text as deposit_id, dep.reference as deposit_reference
     from closeouts c left join deposit_drawers dd on dd.closeout_id = c.id left join deposits dep on dep.id = dd.deposit_id
     where c.id = any($1::uuid[])`,
    [ids],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const closeouts: Closeout[] = [];
  for (const [i, x] of d.drawers.entries()) {
    const r = byId.get(x.drawerSessionId);
    if (!r) return rejected(d.id, `drawers.${i}.drawerSessionId: central holds no close-out for drawer ${x.drawerSessionId}; send the close-out first`);
    if (r.utility !== d.utility) return rejected(d.id, `drawers.${i}.drawerSessionId: drawer ${x.drawerSessionId} was closed at ${r.utility}, not ${d.utility}`);
    if (r.deposit_id) return { id: d.id, status: 'conflict', error: `drawers.${i}.drawerSessionId: drawer ${x.drawerSessionId} is already in deposit ${r.deposit_id} (${r.deposit_reference}); it is not deposited again` };
    closeouts.push(typeof r.body === 'string' ? (JSON.parse(r.body) as Closeout) : r.body);
  }
  const f = depositFigures(closeouts);
  for (const [i, x] of d.drawers.entries()) {
    const want = f.drawers[i];
    if (want && want.cash !== x.cash) return rejected(d.id, `drawers.${i}.cash: the close-out of drawer ${x.drawerSessionId} puts ${want.cash} in the bag, not ${x.cash}`);
  }
  const key = (i: { kind: string; number: string; amount: string; paymentId: string }) => `${i.kind}|${i.number}|${i.amount}|${i.paymentId}`;
  const want = f.items.map(key).sort();
  const got = d.items.map(key).sort();
  if (want.join('\n') !== got.join('\n')) return rejected(d.id, `items: the checks and money orders listed are not the ones in the drawers' close-outs (${want.length} expected, ${got.length} listed)`);
  return null;
}

async function insertDeposit(tx: Queryable, d: Deposit, text: string, receivedAt: Date): Promise<Row | null> {
  const [row] = await tx.query<Row>(
    `insert into deposits (id, utility, station_id, business_date, bag_number, prepared_by, prepared_at, cash_total, checks_total, money_orders_total, total, received_at, canonical, body)
     values ($1::uuid, $2, $3, $4::date, $5, $6, $7::timestamptz, $8::numeric, $9::numeric, $10::numeric, $11::numeric, $12::timestamptz, $13, $14::jsonb)
     on conflict (id) do nothing
     returning id::text, canonical, reference, posted_at`,
    [d.id, d.utility, d.stationId, d.businessDate, d.bagNumber, d.preparedBy, d.preparedAt, d.cash.total, d.checksTotal, d.moneyOrdersTotal, d.total, receivedAt.toISOString(), text, JSON.stringify(d)],
  );
  if (!row) return null;
  // A drawer already deposited (by a request that committed meanwhile) fails the unique key: the whole request is retried and answered then.
  await tx.query(`insert into deposit_drawers (deposit_id, closeout_id) select $1::uuid, unnest($2::uuid[])`, [d.id, d.drawers.map((x) => x.drawerSessionId)]);
  return row;
}

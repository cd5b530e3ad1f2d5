/**
 * Posting a batch of payments, idempotently (Stripe's contract, see reliability.md):
 * - the payment id is the key and is kept forever;
 * - an id seen before with the same canonical contents gets the first answer again (already_posted);
 * - an id seen before with other contents is a conflict, never an overwrite;
 * - an incoherent payment (figures that do not add up, a utility central has no profile for) is rejected
 *   and nothing of it is stored;
 * - a coherent payment central cannot apply (an account unknown or closed, over a profile limit, taken
 *   outside the window in limits.ts) is held (held.ts): stored apart, balances untouched, answered `held`.
 * One transaction per batch; results come back in request order.
 *
 * Set-based: a batch costs a fixed number of statements whatever its size (read what is stored, read the
 * accounts, one insert each for payments, lines and tenders, one update of the balances).
 */
import type { Payment, Tender } from '../../shared/payments/payment';
import type { PaymentResult } from '../../shared/sync/protocol';
import { canonicalPayment, paymentFormError, paymentLimitError, tenderAmount } from '../../shared/payments/payment';
import { profileById } from '../../shared/profiles';
import { add, money, toMoneyString, type Money } from '../../shared/money/money';
import { dbTime, sqlState, type Database, type Queryable } from './db';
import { ACCOUNT_CHANGE_LOCK } from './migrations';
import { heldAnswer, insertHeld, loadHeld, type HeldRow } from './held';
import { takenAtProblem } from './limits';
import { postIsolated, type FailureLog } from './isolation';

export type Stored = { canonical: string; reference: string; postedAt: string };
export type Credit = { utility: string; number: string; amount: Money };

/**
 * Deadlock, serialization failure, unique violation: under PostgreSQL concurrency the whole batch is
 * rolled back, so it is safe to run again, and the rerun sees the other batch's rows and answers
 * already_posted or conflict for them.
 */
const RETRY_STATES = new Set(['40P01', '40001', '23505']);
const ATTEMPTS = 5;

/** Runs `fn` in one transaction, again (whole) when PostgreSQL concurrency made it fail harmlessly. */
export async function inRetriedTransaction<T>(db: Database, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(fn);
    } catch (error) {
      if (attempt >= ATTEMPTS || !RETRY_STATES.has(sqlState(error) ?? '')) throw error;
    }
  }
}

/** Posts a batch; one payment that breaks the database is held on its own (isolation.ts), the others go on. */
export async function postPayments(db: Database, payments: readonly Payment[], receivedAt = new Date(), log?: FailureLog): Promise<PaymentResult[]> {
  const post = (items: readonly Payment[]) => inRetriedTransaction(db, (tx) => postBatch(tx, items, receivedAt));
  return postIsolated(db, 'payment', payments, post, canonicalPayment, receivedAt, log);
}

type Candidate = { index: number; payment: Payment; canonical: string };

async function postBatch(tx: Queryable, payments: readonly Payment[], receivedAt: Date): Promise<PaymentResult[]> {
  const stored = await loadStored(tx, payments.map((p) => p.id));
  const held = await loadHeld(tx, 'payment', payments.map((p) => p.id));
  const statuses = await loadAccountStatuses(tx, payments);
  const holds = new Map<string, Candidate & { reason: string }>();
  const results: PaymentResult[] = new Array<PaymentResult>(payments.length);

  // Judge every item first. The first copy of an id that keeps the rules claims it; a later copy in the
  // same batch is answered against whatever ends up stored under that id (a resend, or a conflict).
  const claims = new Map<string, Candidate>();
  const copies: Candidate[] = [];
  for (const [index, payment] of payments.entries()) {
    const canonical = canonicalPayment(payment);
    const prior = stored.get(payment.id);
    const priorHeld = held.get(payment.id);
    // Held first: once the back office applies it, it is posted too, but the station's answer stays `held`.
    if (priorHeld) {
      results[index] = heldAnswer(payment.id, priorHeld, canonical);
    } else if (prior) {
      results[index] = repeatAnswer(payment.id, prior, canonical);
    } else if (claims.has(payment.id) || holds.has(payment.id)) {
      copies.push({ index, payment, canonical });
    } else {
      // Money taken is never refused: an incoherent payment is held for the back office like one it cannot apply.
      const error = formError(payment);
      const reason = error ? `does not match the protocol: ${error}` : holdReason(payment, statuses, receivedAt);
      if (reason) holds.set(payment.id, { index, payment, canonical, reason });
      else claims.set(payment.id, { index, payment, canonical });
    }
  }

  const heldNow = await insertHeld(tx, 'payment', [...holds.values()].sort((a, b) => compareText(a.payment.id, b.payment.id)).map(heldRow), receivedAt);
  for (const h of holds.values()) {
    const row = heldNow.get(h.payment.id);
    if (!row) throw new Error(`payment ${h.payment.id} neither held nor found`);
    results[h.index] = heldAnswer(h.payment.id, row, h.canonical);
  }

  // In id order, so concurrent batches carrying the same ids wait on each other instead of deadlocking.
  const toInsert = [...claims.values()].sort((a, b) => compareText(a.payment.id, b.payment.id));
  const inserted = await insertPayments(tx, toInsert, receivedAt);
  const posted = toInsert.filter((c) => inserted.has(c.payment.id));
  // Ids another batch committed after our first read: its answer stands (the primary key decided).
  const lost = toInsert.filter((c) => !inserted.has(c.payment.id));
  const now = lost.length > 0 ? await loadStored(tx, lost.map((c) => c.payment.id)) : new Map<string, Stored>();
  for (const [id, row] of inserted) now.set(id, row);

  for (const c of posted) {
    const row = inserted.get(c.payment.id) as Stored;
    results[c.index] = { id: c.payment.id, status: 'posted', reference: row.reference, postedAt: row.postedAt };
  }
  for (const c of [...lost, ...copies]) {
    const heldRow = heldNow.get(c.payment.id);
    const row = now.get(c.payment.id);
    if (heldRow) results[c.index] = heldAnswer(c.payment.id, heldRow, c.canonical);
    else if (row) results[c.index] = repeatAnswer(c.payment.id, row, c.canonical);
    else throw new Error(`payment ${c.payment.id} neither inserted nor found`);
  }

  const postedPayments = posted.map((c) => c.payment);
  await insertLines(tx, postedPayments);
  await insertTenders(tx, postedPayments);
  await applyBalanceChanges(tx, creditsOf(postedPayments), 'payment');
  return results;
}

/** Plain code-unit order, the same on every machine (localeCompare is not). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function accountKey(utility: string, number: string): string {
  return `${utility}/${number}`;
}

/** Why the payment breaks the protocol ("field: rule"), or null: a utility without a profile, incoherent figures. */
function formError(p: Payment): string | null {
  try {
    profileById(p.utility);
  } catch (error) {
    return `utility: ${(error as Error).message}`;
  }
  return paymentFormError(p);
}

/** Why a coherent payment cannot be applied now, for people, or null. Judged with the same shared rules as the counter. */
function holdReason(p: Payment, statuses: ReadonlyMap<string, string>, now: Date): string | null {
  for (const line of p.lines) {
    const status = statuses.get(accountKey(p.utility, line.accountNumber));
    if (status === undefined) return `central holds no account ${line.accountNumber} at ${p.utility}`;
    if (status === 'closed') return `account ${line.accountNumber} at ${p.utility} is closed and takes no payments`;
  }
  return paymentLimitError(p, profileById(p.utility)) ?? takenAtProblem(p.takenAt, now);
}

/** A held payment as stored: its body and its figures for the back office's list. */
export function heldRow(c: { payment: Payment; canonical: string; reason: string }): HeldRow {
  const p = c.payment;
  return { id: p.id, utility: p.utility, stationId: p.stationId, takenAt: p.takenAt, total: p.total, reason: c.reason, canonical: c.canonical, body: p };
}

/** Same contents → the first answer; other contents → conflict, naming what differs. */
export function repeatAnswer(id: string, prior: Stored, canonical: string): PaymentResult {
  if (prior.canonical === canonical) return { id, status: 'already_posted', reference: prior.reference, postedAt: prior.postedAt };
  return {
    id,
    status: 'conflict',
    error: `id: ${id} was already posted as ${prior.reference} with a different ${differingFields(prior.canonical, canonical).join(', ')}; it is not posted again`,
  };
}

function differingFields(a: string, b: string): string[] {
  const x = JSON.parse(a) as Record<string, unknown>;
  const y = JSON.parse(b) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(x), ...Object.keys(y)])].sort();
  const differ = keys.filter((k) => JSON.stringify(x[k]) !== JSON.stringify(y[k]));
  return differ.length > 0 ? differ : ['contents'];
}

async function loadStored(tx: Queryable, ids: readonly string[]): Promise<Map<string, Stored>> {
  const rows = await tx.query<{ id: string; canonical: string; reference: string; posted_at: Date | string }>(
    'select id::text, canonical, reference, posted_at from payments where id = any($1::uuid[])',
    [[...new Set(ids)]],
  );
  return new Map(rows.map((r) => [r.id, { canonical: r.canonical, reference: r.reference, postedAt: dbTime(r.posted_at) }]));
}

export async function loadAccountStatuses(tx: Queryable, payments: readonly Pick<Payment, 'utility' | 'lines'>[]): Promise<Map<string, string>> {
  const lines = payments.flatMap((p) => p.lines.map((l) => ({ utility: p.utility, number: l.accountNumber })));
  const rows = await tx.query<{ utility: string; number: string; status: string }>(
    `select a.utility, a.number, a.status from accounts a
     join (select distinct * from unnest($1::text[], $2::text[])) as k (utility, number) on a.utility = k.utility and a.number = k.number`,
    [lines.map((l) => l.utility), lines.map((l) => l.number)],
  );
  return new Map(rows.map((r) => [accountKey(r.utility, r.number), r.status]));
}

/**
 * One insert for the whole batch; rows whose id exists are skipped (the primary key decides, also when
 * another batch committed it after our first read). Returns what was inserted, by id. References are
 * taken in id order, the order the rows are given in.
 */
async function insertPayments(tx: Queryable, candidates: readonly Candidate[], receivedAt: Date): Promise<Map<string, Stored>> {
  if (candidates.length === 0) return new Map();
  const col = (f: (c: Candidate, n: number) => unknown) => candidates.map(f);
  const rows = await tx.query<{ id: string; reference: string; posted_at: Date | string }>(
    `insert into payments (id, utility, station_id, cashier, drawer_session_id, taken_at, received_at, total, canonical, body)
     select r.id, r.utility, r.station_id, r.cashier, r.drawer_session_id, r.taken_at, $11::timestamptz, r.total, r.canonical, r.body::jsonb
     from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::numeric[], $8::text[], $9::text[], $10::int[])
       as r (id, utility, station_id, cashier, drawer_session_id, taken_at, total, canonical, body, n)
     order by r.n
     on conflict (id) do nothing
     returning id::text, reference, posted_at`,
    [
      col((c) => c.payment.id),
      col((c) => c.payment.utility),
      col((c) => c.payment.stationId),
      col((c) => c.payment.cashier),
      col((c) => c.payment.drawerSessionId),
      col((c) => c.payment.takenAt),
      col((c) => c.payment.total),
      col((c) => c.canonical),
      // The body as sent (after parsing), as text: PGlite would JSON-encode a string bound to jsonb again.
      col((c) => JSON.stringify(c.payment)),
      col((_, n) => n),
      receivedAt.toISOString(),
    ],
  );
  const byId = new Map(candidates.map((c) => [c.payment.id, c.canonical]));
  return new Map(rows.map((r) => [r.id, { canonical: byId.get(r.id) ?? '', reference: r.reference, postedAt: dbTime(r.posted_at) }]));
}

/** Every line of every newly posted payment, in one insert. */
async function insertLines(tx: Queryable, payments: readonly Payment[]): Promise<void> {
  const lines = payments.flatMap((p) => p.lines.map((l, n) => ({ id: p.id, n, utility: p.utility, number: l.accountNumber, amount: l.amount })));
  if (lines.length === 0) return;
  await tx.query(
    `insert into payment_lines (payment_id, line_no, utility, account_number, amount)
     select * from unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::numeric[])`,
    [lines.map((l) => l.id), lines.map((l) => l.n), lines.map((l) => l.utility), lines.map((l) => l.number), lines.map((l) => l.amount)],
  );
}

type TenderRow = {
  id: string;
  n: number;
  kind: Tender['kind'];
  amount: string;
  checkNumber: string | null;
  routingNumber: string | null;
  serial: string | null;
  brand: string | null;
  last4: string | null;
  approvalCode: string | null;
};

function tenderRow(id: string, n: number, t: Tender): TenderRow {
  const none = { checkNumber: null, routingNumber: null, serial: null, brand: null, last4: null, approvalCode: null };
  const base = { id, n, kind: t.kind, amount: toMoneyString(tenderAmount(t)) };
  switch (t.kind) {
    case 'cash':
      return { ...base, ...none };
    case 'check':
      return { ...base, ...none, checkNumber: t.checkNumber, routingNumber: t.routingNumber };
    case 'money_order':
      return { ...base, ...none, serial: t.serial };
    case 'card':
      return { ...base, ...none, brand: t.brand, last4: t.last4, approvalCode: t.approvalCode };
    default: {
      const never: never = t;
      throw new Error(`Unknown tender ${JSON.stringify(never)}`);
    }
  }
}

/** Every tender of every newly posted payment, in one insert. */
async function insertTenders(tx: Queryable, payments: readonly Payment[]): Promise<void> {
  const rows = payments.flatMap((p) => p.tenders.map((t, n) => tenderRow(p.id, n, t)));
  if (rows.length === 0) return;
  const col = <K extends keyof TenderRow>(k: K) => rows.map((r) => r[k]);
  await tx.query(
    `insert into payment_tenders (payment_id, tender_no, kind, amount, check_number, routing_number, serial, brand, last4, approval_code)
     select * from unnest($1::uuid[], $2::int[], $3::text[], $4::numeric[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])`,
    [col('id'), col('n'), col('kind'), col('amount'), col('checkNumber'), col('routingNumber'), col('serial'), col('brand'), col('last4'), col('approvalCode')],
  );
}

/** The amount each account receives from these payments, summed per account. */
export function creditsOf(payments: readonly { utility: string; lines: readonly { accountNumber: string; amount: string }[] }[]): Credit[] {
  const credits = new Map<string, Credit>();
  for (const p of payments) {
    for (const line of p.lines) {
      const key = accountKey(p.utility, line.accountNumber);
      const prev = credits.get(key);
      credits.set(key, { utility: p.utility, number: line.accountNumber, amount: add(prev?.amount ?? money('0.00'), money(line.amount)) });
    }
  }
  return [...credits.values()];
}

/**
 * A payment takes the amounts off the balances, and off past_due down to zero; a void puts them back on
 * the balance (past_due stays as it is). One update; the accounts trigger gives each changed account a
 * new change_seq, so the feed carries the new balance.
 */
export async function applyBalanceChanges(tx: Queryable, credits: readonly Credit[], kind: 'payment' | 'void'): Promise<void> {
  if (credits.length === 0) return;
  await tx.query('select pg_advisory_xact_lock($1)', [ACCOUNT_CHANGE_LOCK]);
  const params = [credits.map((c) => c.utility), credits.map((c) => c.number), credits.map((c) => toMoneyString(c.amount))];
  if (kind === 'payment') {
    await tx.query(
      `update accounts a set
         balance = a.balance - c.amount,
         past_due = case when a.past_due > 0 then greatest(a.past_due - c.amount, 0) else a.past_due end
       from unnest($1::text[], $2::text[], $3::numeric[]) as c (utility, number, amount)
       where a.utility = c.utility and a.number = c.number`,
      params,
    );
  } else {
    await tx.query(
      `update accounts a set balance = a.balance + c.amount
       from unnest($1::text[], $2::text[], $3::numeric[]) as c (utility, number, amount)
       where a.utility = c.utility and a.number = c.number`,
      params,
    );
  }
}

/**
 * Posts one payment outside a batch (the back office applying a held one): the same rows and the same
 * balance change as a batch. Null when its id is already posted.
 */
export async function postOne(tx: Queryable, payment: Payment, at: Date): Promise<Stored | null> {
  const inserted = await insertPayments(tx, [{ index: 0, payment, canonical: canonicalPayment(payment) }], at);
  const row = inserted.get(payment.id);
  if (!row) return null;
  await insertLines(tx, [payment]);
  await insertTenders(tx, [payment]);
  await applyBalanceChanges(tx, creditsOf([payment]), 'payment');
  return row;
}

/**
 * Posting a batch of payments, idempotently (Stripe's contract, see reliability.md):
 * - the payment id is the key and is kept forever;
 * - an id seen before with the same canonical contents gets the first answer again (already_posted);
 * - an id seen before with other contents is a conflict, never an overwrite;
 * - a payment that breaks a rule is rejected and nothing of it is stored.
 * One transaction per batch; results come back in request order.
 */
import type { Payment } from '../../shared/payments/payment';
import type { PaymentResult } from '../../shared/sync/protocol';
import { canonicalPayment, paymentRuleError } from '../../shared/payments/payment';
import { profileById } from '../../shared/profiles';
import { add, money, toMoneyString, type Money } from '../../shared/money/money';
import { dbTime, sqlState, type Database, type Queryable } from './db';
import { ACCOUNT_CHANGE_LOCK } from './migrations';

type Stored = { canonical: string; reference: string; postedAt: string };
type Credit = { utility: string; number: string; amount: Money };

/**
 * Deadlock, serialization failure, unique violation: under PostgreSQL concurrency the whole batch is
 * rolled back, so it is safe to run again, and the rerun sees the other batch's rows and answers
 * already_posted or conflict for them.
 */
const RETRY_STATES = new Set(['40P01', '40001', '23505']);
const ATTEMPTS = 5;

export async function postPayments(db: Database, payments: readonly Payment[], receivedAt = new Date()): Promise<PaymentResult[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction((tx) => postBatch(tx, payments, receivedAt));
    } catch (error) {
      if (attempt >= ATTEMPTS || !RETRY_STATES.has(sqlState(error) ?? '')) throw error;
    }
  }
}

async function postBatch(tx: Queryable, payments: readonly Payment[], receivedAt: Date): Promise<PaymentResult[]> {
  const stored = await loadStored(tx, payments.map((p) => p.id));
  const statuses = await loadAccountStatuses(tx, payments);
  const results: PaymentResult[] = new Array<PaymentResult>(payments.length);
  const credits = new Map<string, Credit>();

  // In id order, so concurrent batches carrying the same ids wait on each other instead of deadlocking.
  const order = payments.map((_, i) => i).sort((a, b) => compareText(payments[a]?.id ?? '', payments[b]?.id ?? ''));
  for (const i of order) {
    const p = payments[i] as Payment;
    const canonical = canonicalPayment(p);
    const prior = stored.get(p.id);
    if (prior) {
      results[i] = repeatAnswer(p.id, prior, canonical);
      continue;
    }
    const error = ruleError(p, statuses);
    if (error) {
      results[i] = { id: p.id, status: 'rejected', error };
      continue;
    }
    const inserted = await insertPayment(tx, p, canonical, receivedAt);
    if (!inserted) {
      // Another batch committed this id after our first read: its answer stands.
      const now = (await loadStored(tx, [p.id])).get(p.id);
      if (!now) throw new Error(`payment ${p.id} neither inserted nor found`);
      results[i] = repeatAnswer(p.id, now, canonical);
      continue;
    }
    stored.set(p.id, inserted); // a second copy later in this same batch is a resend
    await insertLines(tx, p);
    for (const line of p.lines) {
      const key = accountKey(p.utility, line.accountNumber);
      const prev = credits.get(key);
      credits.set(key, { utility: p.utility, number: line.accountNumber, amount: add(prev?.amount ?? money('0.00'), money(line.amount)) });
    }
    results[i] = { id: p.id, status: 'posted', reference: inserted.reference, postedAt: inserted.postedAt };
  }
  await applyCredits(tx, [...credits.values()]);
  return results;
}

/** Plain code-unit order, the same on every machine (localeCompare is not). */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function accountKey(utility: string, number: string): string {
  return `${utility}/${number}`;
}

/** The first broken rule as "field: rule", or null. Judged with the same shared rules as the counter. */
function ruleError(p: Payment, statuses: ReadonlyMap<string, string>): string | null {
  let profile;
  try {
    profile = profileById(p.utility);
  } catch (error) {
    return `utility: ${(error as Error).message}`;
  }
  const broken = paymentRuleError(p, profile);
  if (broken) return broken;
  for (const [n, line] of p.lines.entries()) {
    const status = statuses.get(accountKey(p.utility, line.accountNumber));
    if (status === undefined) return `lines.${n}.accountNumber: no account ${line.accountNumber} at ${p.utility}`;
    if (status === 'closed') return `lines.${n}.accountNumber: account ${line.accountNumber} at ${p.utility} is closed and takes no payments`;
  }
  return null;
}

/** Same contents → the first answer; other contents → conflict, naming what differs. */
function repeatAnswer(id: string, prior: Stored, canonical: string): PaymentResult {
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

async function loadAccountStatuses(tx: Queryable, payments: readonly Payment[]): Promise<Map<string, string>> {
  const lines = payments.flatMap((p) => p.lines.map((l) => ({ utility: p.utility, number: l.accountNumber })));
  const rows = await tx.query<{ utility: string; number: string; status: string }>(
    `select a.utility, a.number, a.status from accounts a
     join unnest($1::text[], $2::text[]) as k (utility, number) on a.utility = k.utility and a.number = k.number`,
    [lines.map((l) => l.utility), lines.map((l) => l.number)],
  );
  return new Map(rows.map((r) => [accountKey(r.utility, r.number), r.status]));
}

/** Inserts unless the id exists; null when it did (the primary key decides, not a prior read). */
async function insertPayment(tx: Queryable, p: Payment, canonical: string, receivedAt: Date): Promise<Stored | null> {
  const [row] = await tx.query<{ reference: string; posted_at: Date | string }>(
    `insert into payments (id, utility, station_id, cashier, drawer_session_id, taken_at, received_at, total, canonical, body)
     values ($1::uuid, $2, $3, $4, $5, $6::timestamptz, $7::timestamptz, $8::numeric, $9, $10::text::jsonb)
     on conflict (id) do nothing
     returning reference, posted_at`,
    // body goes in as text: PGlite would JSON-encode a string bound straight to a jsonb parameter again.
    [p.id, p.utility, p.stationId, p.cashier, p.drawerSessionId, p.takenAt, receivedAt.toISOString(), p.total, canonical, JSON.stringify(p)],
  );
  return row ? { canonical, reference: row.reference, postedAt: dbTime(row.posted_at) } : null;
}

async function insertLines(tx: Queryable, p: Payment): Promise<void> {
  await tx.query(
    `insert into payment_lines (payment_id, line_no, utility, account_number, amount)
     select $1::uuid, l.line_no, $2, l.account_number, l.amount
     from unnest($3::int[], $4::text[], $5::numeric[]) as l (line_no, account_number, amount)`,
    [p.id, p.utility, p.lines.map((_, n) => n), p.lines.map((l) => l.accountNumber), p.lines.map((l) => l.amount)],
  );
}

/**
 * Takes the newly posted amounts off the balances, and off past_due down to zero. The accounts trigger
 * gives each changed account a new change_seq, so the feed carries the new balance.
 */
async function applyCredits(tx: Queryable, credits: readonly Credit[]): Promise<void> {
  if (credits.length === 0) return;
  await tx.query('select pg_advisory_xact_lock($1)', [ACCOUNT_CHANGE_LOCK]);
  await tx.query(
    `update accounts a set
       balance = a.balance - c.amount,
       past_due = case when a.past_due > 0 then greatest(a.past_due - c.amount, 0) else a.past_due end
     from unnest($1::text[], $2::text[], $3::numeric[]) as c (utility, number, amount)
     where a.utility = c.utility and a.number = c.number`,
    [credits.map((c) => c.utility), credits.map((c) => c.number), credits.map((c) => toMoneyString(c.amount))],
  );
}

/**
 * Drop-box batches: `POST /v1/dropbox-batches` and their posting.
 *
 * A station sends each batch once it is closed, with every item (shared/dropbox/batch.ts). Same contract
 * as payments (README "The idempotency contract"), with the batch id as the key:
 * - a new batch that keeps the rules is `posted` with a reference like `B00000001`;
 * - the same id with the same contents again is `already_posted` with the first reference and time;
 * - the same id with other contents is a `conflict`, nothing changes;
 * - a batch that breaks a rule (`batchRuleError`: the utility, the retrieval date in the utility's zone,
 *   balanced or approved by a supervisor, the profile's tender rules; an item id already used) is
 *   `rejected` and nothing of it is stored.
 *
 * What a posted batch stores: the batch (`dropbox_batches`, with its body as sent), every item
 * (`dropbox_items`), and for each applied item a payment under the item's id, taken at the retrieval time
 * (so the day's postings export carries it on the day the box was emptied), one line, one check tender,
 * no drawer; the account's balance goes down as for any payment. Exceptions and set-aside checks are kept
 * `unapplied`; so is an applied item whose account central does not hold or that is closed, with the
 * reason in `reason`, so that nothing in the box goes missing.
 *
 * One transaction per request, a fixed number of statements whatever the number of items.
 */
import type { FastifyInstance } from 'fastify';
import { dropBoxBatchSchema, batchFigures, batchRuleError, canonicalBatch, itemPayment, type AppliedItem, type DropBoxBatch } from '../../shared/dropbox/batch';
import { canonicalPayment, paymentRuleError, paymentSchema, type Payment } from '../../shared/payments/payment';
import { profileById } from '../../shared/profiles';
import {
  API_VERSION,
  MAX_DROPBOX_BATCHES_PER_REQUEST,
  type PaymentResult,
  type PostDropBoxBatchesResponse,
} from '../../shared/sync/protocol';
import { dbTime, type Database, type Queryable } from './db';
import { answerBatch, parseBatch } from './envelope';
import { heldAnswer, loadHeld } from './held';
import { postIsolated, type FailureLog } from './isolation';
import { applyBalanceChanges, compareText, creditsOf, inRetriedTransaction, repeatAnswer, type Stored } from './payments';

/** Registers `POST /v1/dropbox-batches` (behind the station token, like every route but health). */
export function dropBoxRoutes(app: FastifyInstance, db: Database): void {
  app.post(`/${API_VERSION}/dropbox-batches`, async (request, reply) => {
    const receivedAt = new Date();
    const judged = parseBatch(request.body, 'batches', MAX_DROPBOX_BATCHES_PER_REQUEST, dropBoxBatchSchema, reply);
    if (!judged) return reply;
    const response: PostDropBoxBatchesResponse = { results: await answerBatch(judged, (items) => postDropBoxBatches(db, items, receivedAt, request.log)) };
    return response;
  });
}

/** Posts batches; one that breaks the database is held on its own (isolation.ts), the others go on. */
export async function postDropBoxBatches(db: Database, batches: readonly DropBoxBatch[], receivedAt = new Date(), log?: FailureLog): Promise<PaymentResult[]> {
  const post = (items: readonly DropBoxBatch[]) => inRetriedTransaction(db, (tx) => postAll(tx, items, receivedAt));
  return postIsolated(db, 'dropbox_batch', batches, post, canonicalBatch, receivedAt, log);
}

type Candidate = { index: number; batch: DropBoxBatch; canonical: string };

async function postAll(tx: Queryable, batches: readonly DropBoxBatch[], receivedAt: Date): Promise<PaymentResult[]> {
  const stored = await loadStored(tx, batches.map((b) => b.id));
  const held = await loadHeld(tx, 'dropbox_batch', batches.map((b) => b.id));
  const usedIds = await loadUsedItemIds(tx, batches.flatMap((b) => b.items.map((i) => i.id)));
  const results: PaymentResult[] = new Array<PaymentResult>(batches.length);

  const claims = new Map<string, Candidate>();
  const copies: Candidate[] = [];
  const claimedItems = new Set<string>();
  for (const [index, batch] of batches.entries()) {
    const canonical = canonicalBatch(batch);
    const prior = stored.get(batch.id);
    const priorHeld = held.get(batch.id);
    if (priorHeld) results[index] = heldAnswer(batch.id, priorHeld, canonical);
    else if (prior) results[index] = repeatAnswer(batch.id, prior, canonical);
    else if (claims.has(batch.id)) copies.push({ index, batch, canonical });
    else {
      const error = ruleError(batch) ?? itemIdError(batch, usedIds, claimedItems);
      if (error) results[index] = { id: batch.id, status: 'rejected', error };
      else {
        claims.set(batch.id, { index, batch, canonical });
        for (const item of batch.items) claimedItems.add(item.id);
      }
    }
  }

  // In id order, so concurrent requests carrying the same batches wait on each other instead of deadlocking.
  const toInsert = [...claims.values()].sort((a, b) => compareText(a.batch.id, b.batch.id));
  const inserted = await insertBatches(tx, toInsert, receivedAt);
  const posted = toInsert.filter((c) => inserted.has(c.batch.id));
  const lost = toInsert.filter((c) => !inserted.has(c.batch.id));
  const now = lost.length > 0 ? await loadStored(tx, lost.map((c) => c.batch.id)) : new Map<string, Stored>();
  for (const [id, row] of inserted) now.set(id, row);
  for (const c of posted) {
    const row = inserted.get(c.batch.id) as Stored;
    results[c.index] = { id: c.batch.id, status: 'posted', reference: row.reference, postedAt: row.postedAt };
  }
  for (const c of [...lost, ...copies]) {
    const row = now.get(c.batch.id);
    if (!row) throw new Error(`drop-box batch ${c.batch.id} neither inserted nor found`);
    results[c.index] = repeatAnswer(c.batch.id, row, c.canonical);
  }

  const postedBatches = posted.map((c) => c.batch);
  const statuses = await loadAccountStatuses(tx, postedBatches);
  const rows = postedBatches.flatMap((b) => b.items.map((item) => itemRow(b, item, statuses)));
  const payments = rows.flatMap((r) => (r.payment ? [r.payment] : []));
  await insertPayments(tx, payments, receivedAt);
  await insertItems(tx, rows);
  await applyBalanceChanges(tx, creditsOf(payments), 'payment');
  return results;
}

/** The first broken rule of a batch as "field: rule", judged with the shared rules the station used. */
function ruleError(b: DropBoxBatch): string | null {
  let profile;
  try {
    profile = profileById(b.utility);
  } catch (error) {
    return `utility: ${(error as Error).message}`;
  }
  const broken = batchRuleError(b, profile);
  if (broken) return broken;
  for (const [i, item] of b.items.entries()) {
    if (item.kind !== 'applied') continue;
    const payment = paymentSchema.safeParse(itemPayment(b, item));
    const problem = payment.success ? paymentRuleError(payment.data, profile) : (payment.error.issues[0]?.message ?? 'not a payment');
    if (problem) return `items.${i}: ${problem}`;
  }
  return null;
}

/** An item id is posted once, ever: one already stored (as a payment or an item), or claimed by another batch of this request, refuses the batch. */
function itemIdError(b: DropBoxBatch, used: ReadonlySet<string>, claimed: ReadonlySet<string>): string | null {
  for (const [i, item] of b.items.entries()) {
    if (used.has(item.id)) return `items.${i}.id: ${item.id} is already posted at central; an item id is used once`;
    if (claimed.has(item.id)) return `items.${i}.id: ${item.id} is also an item of another batch in this request`;
  }
  return null;
}

async function loadStored(tx: Queryable, ids: readonly string[]): Promise<Map<string, Stored>> {
  const rows = await tx.query<{ id: string; canonical: string; reference: string; posted_at: Date | string }>(
    'select id::text, canonical, reference, posted_at from dropbox_batches where id = any($1::uuid[])',
    [[...new Set(ids)]],
  );
  return new Map(rows.map((r) => [r.id, { canonical: r.canonical, reference: r.reference, postedAt: dbTime(r.posted_at) }]));
}

async function loadUsedItemIds(tx: Queryable, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await tx.query<{ id: string }>(
    `select id::text from payments where id = any($1::uuid[])
     union select id::text from dropbox_items where id = any($1::uuid[])`,
    [[...new Set(ids)]],
  );
  return new Set(rows.map((r) => r.id));
}

const key = (utility: string, number: string) => `${utility}/${number}`;

async function loadAccountStatuses(tx: Queryable, batches: readonly DropBoxBatch[]): Promise<Map<string, string>> {
  const wanted = batches.flatMap((b) => b.items.flatMap((i) => (i.kind === 'applied' ? [{ utility: b.utility, number: i.accountNumber }] : [])));
  if (wanted.length === 0) return new Map();
  const rows = await tx.query<{ utility: string; number: string; status: string }>(
    `select a.utility, a.number, a.status from accounts a
     join (select distinct * from unnest($1::text[], $2::text[])) as k (utility, number) on a.utility = k.utility and a.number = k.number`,
    [wanted.map((w) => w.utility), wanted.map((w) => w.number)],
  );
  return new Map(rows.map((r) => [key(r.utility, r.number), r.status]));
}

type ItemRow = {
  batchId: string;
  item: DropBoxBatch['items'][number];
  utility: string;
  status: 'applied' | 'unapplied';
  reason: string | null;
  payment: Payment | null;
};

/** An item as stored: applied as a payment when its account can take one, otherwise unapplied with the reason. */
function itemRow(b: DropBoxBatch, item: DropBoxBatch['items'][number], statuses: ReadonlyMap<string, string>): ItemRow {
  const base = { batchId: b.id, item, utility: b.utility };
  switch (item.kind) {
    case 'applied': {
      const status = statuses.get(key(b.utility, item.accountNumber));
      if (status === undefined) return { ...base, status: 'unapplied', reason: `central holds no account ${item.accountNumber} at ${b.utility}`, payment: null };
      if (status === 'closed') return { ...base, status: 'unapplied', reason: `account ${item.accountNumber} at ${b.utility} is closed and takes no payments`, payment: null };
      return { ...base, status: 'applied', reason: null, payment: itemPayment(b, item as AppliedItem) };
    }
    case 'exception':
      return { ...base, status: 'unapplied', reason: null, payment: null };
    case 'set_aside':
      return { ...base, status: 'unapplied', reason: item.reason, payment: null };
    default: {
      const never: never = item;
      throw new Error(`Unknown item ${JSON.stringify(never)}`);
    }
  }
}

/** One insert for the batches; a batch id already stored is skipped (the primary key decides). */
async function insertBatches(tx: Queryable, candidates: readonly Candidate[], receivedAt: Date): Promise<Map<string, Stored>> {
  if (candidates.length === 0) return new Map();
  const col = (f: (b: DropBoxBatch, n: number) => unknown) => candidates.map((c, n) => f(c.batch, n));
  const figures = candidates.map((c) => batchFigures(c.batch, c.batch.items));
  const rows = await tx.query<{ id: string; reference: string; posted_at: Date | string }>(
    `insert into dropbox_batches (id, utility, station_id, clerk, retrieved_at, retrieval_date, emptied_by_1, emptied_by_2,
       control_count, control_total, item_count, item_total, approved_by, approval_note, opened_at, closed_at, received_at, canonical, body)
     select r.id, r.utility, r.station_id, r.clerk, r.retrieved_at, r.retrieval_date, r.e1, r.e2, r.control_count, r.control_total,
       r.item_count, r.item_total, r.approved_by, r.approval_note, r.opened_at, r.closed_at, $19::timestamptz, r.canonical, r.body::jsonb
     from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::date[], $7::text[], $8::text[], $9::int[],
       $10::numeric[], $11::int[], $12::numeric[], $13::text[], $14::text[], $15::timestamptz[], $16::timestamptz[], $17::text[], $18::text[], $20::int[])
       as r (id, utility, station_id, clerk, retrieved_at, retrieval_date, e1, e2, control_count, control_total, item_count, item_total,
             approved_by, approval_note, opened_at, closed_at, canonical, body, n)
     order by r.n
     on conflict (id) do nothing
     returning id::text, reference, posted_at`,
    [
      col((b) => b.id),
      col((b) => b.utility),
      col((b) => b.stationId),
      col((b) => b.clerk),
      col((b) => b.retrievedAt),
      col((b) => b.retrievalDate),
      col((b) => b.emptiedBy[0]),
      col((b) => b.emptiedBy[1]),
      col((b) => b.controlCount),
      col((b) => b.controlTotal),
      figures.map((f) => f.entered.count),
      figures.map((f) => f.entered.total),
      col((b) => b.approval?.by ?? null),
      col((b) => b.approval?.note ?? null),
      col((b) => b.openedAt),
      col((b) => b.closedAt),
      candidates.map((c) => c.canonical),
      // As text: PGlite would JSON-encode a string bound to jsonb again.
      col((b) => JSON.stringify(b)),
      receivedAt.toISOString(),
      col((_, n) => n),
    ],
  );
  const byId = new Map(candidates.map((c) => [c.batch.id, c.canonical]));
  return new Map(rows.map((r) => [r.id, { canonical: byId.get(r.id) ?? '', reference: r.reference, postedAt: dbTime(r.posted_at) }]));
}

/** The applied items as payments, with their lines and check tenders: three inserts for all of them. */
async function insertPayments(tx: Queryable, payments: readonly Payment[], receivedAt: Date): Promise<void> {
  if (payments.length === 0) return;
  const col = <T>(f: (p: Payment, n: number) => T) => payments.map(f);
  await tx.query(
    `insert into payments (id, utility, station_id, cashier, drawer_session_id, taken_at, received_at, total, canonical, body)
     select r.id, r.utility, r.station_id, r.cashier, null, r.taken_at, $9::timestamptz, r.total, r.canonical, r.body::jsonb
     from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::numeric[], $7::text[], $8::text[], $10::int[])
       as r (id, utility, station_id, cashier, taken_at, total, canonical, body, n)
     order by r.n`,
    [
      col((p) => p.id),
      col((p) => p.utility),
      col((p) => p.stationId),
      col((p) => p.cashier),
      col((p) => p.takenAt),
      col((p) => p.total),
      col((p) => canonicalPayment(p)),
      col((p) => JSON.stringify(p)),
      receivedAt.toISOString(),
      col((_, n) => n),
    ],
  );
  await tx.query(
    `insert into payment_lines (payment_id, line_no, utility, account_number, amount)
     select id, 0, utility, account_number, amount from unnest($1::uuid[], $2::text[], $3::text[], $4::numeric[]) as r (id, utility, account_number, amount)`,
    [col((p) => p.id), col((p) => p.utility), col((p) => p.lines[0]?.accountNumber), col((p) => p.total)],
  );
  await tx.query(
    `insert into payment_tenders (payment_id, tender_no, kind, amount, check_number)
     select id, 0, 'check', amount, check_number from unnest($1::uuid[], $2::numeric[], $3::text[]) as r (id, amount, check_number)`,
    [col((p) => p.id), col((p) => p.total), col((p) => (p.tenders[0]?.kind === 'check' ? p.tenders[0].checkNumber : null))],
  );
}

/** Every item of every posted batch, in one insert. */
async function insertItems(tx: Queryable, rows: readonly ItemRow[]): Promise<void> {
  if (rows.length === 0) return;
  const col = <T>(f: (r: ItemRow) => T) => rows.map(f);
  const field = <K extends string>(r: ItemRow, k: K): string | null => {
    const v = (r.item as Record<string, unknown>)[k];
    return typeof v === 'string' ? v : null;
  };
  await tx.query(
    `insert into dropbox_items (id, batch_id, item_no, kind, status, utility, account_number, amount, check_number, amount_due, match,
       payer_name, note, reason, payment_id)
     select * from unnest($1::uuid[], $2::uuid[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::numeric[], $9::text[],
       $10::numeric[], $11::text[], $12::text[], $13::text[], $14::text[], $15::uuid[])`,
    [
      col((r) => r.item.id),
      col((r) => r.batchId),
      col((r) => r.item.n),
      col((r) => r.item.kind),
      col((r) => r.status),
      col((r) => r.utility),
      col((r) => r.item.accountNumber),
      col((r) => r.item.amount),
      col((r) => r.item.checkNumber),
      col((r) => field(r, 'amountDue')),
      col((r) => field(r, 'match')),
      col((r) => field(r, 'payerName')),
      col((r) => field(r, 'note')),
      col((r) => r.reason),
      col((r) => (r.payment ? r.payment.id : null)),
    ],
  );
}

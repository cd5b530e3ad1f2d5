/**
 * Posting a batch of voids. A void is a journal entry of its own that cancels one posted payment; nothing
 * is deleted. Same contract as payments (the void's id is the key, kept forever; same id and contents →
 * the first answer; same id, other contents → conflict), plus:
 * - a void of a payment central does not hold, or of another utility's payment, is rejected;
 * - a payment is voided at most once: a second void of it under another id is a conflict (the unique key
 *   on voids.payment_id decides, also when batches race on PostgreSQL);
 * - a posted void puts each line's amount back on its account's balance (past_due is not restored: what
 *   became past due again is for the billing system to say), and the account goes back into the feed.
 * One transaction per batch, a fixed number of statements whatever its size; results in request order.
 */
import { voidSchema, type Void } from '../../shared/payments/void';
import type { PaymentResult } from '../../shared/sync/protocol';
import { dbTime, type Database, type Queryable } from './db';
import { heldAnswer, loadHeld } from './held';
import { postIsolated, type FailureLog } from './isolation';
import { applyBalanceChanges, compareText, creditsOf, inRetriedTransaction, repeatAnswer, type Stored } from './payments';

type StoredVoid = Stored & { id: string; paymentId: string };
type Target = { utility: string; voidedBy: StoredVoid | null };
type Candidate = { index: number; void: Void; canonical: string };

/** A stable text of a void's contents (keys sorted): tells a resend from a conflict. */
export function canonicalVoid(v: Void): string {
  const parsed = voidSchema.parse(v);
  const sorted = Object.fromEntries(Object.keys(parsed).sort().map((k) => [k, parsed[k as keyof Void]]));
  return JSON.stringify(sorted);
}

/** Posts a batch; one void that breaks the database is held on its own (isolation.ts), the others go on. */
export async function postVoids(db: Database, voids: readonly Void[], receivedAt = new Date(), log?: FailureLog): Promise<PaymentResult[]> {
  const post = (items: readonly Void[]) => inRetriedTransaction(db, (tx) => postBatch(tx, items, receivedAt));
  return postIsolated(db, 'void', voids, post, canonicalVoid, receivedAt, log);
}

async function postBatch(tx: Queryable, voids: readonly Void[], receivedAt: Date): Promise<PaymentResult[]> {
  const stored = await loadVoids(tx, voids.map((v) => v.id), []);
  const held = await loadHeld(tx, 'void', voids.map((v) => v.id));
  const targets = await loadTargets(tx, voids.map((v) => v.paymentId));
  const results: PaymentResult[] = new Array<PaymentResult>(voids.length);

  const claims = new Map<string, Candidate>(); // by void id
  const claimedPayments = new Set<string>();
  const copies: Candidate[] = []; // the same void id again in this batch
  const voidedInBatch: Candidate[] = []; // another void id for a payment claimed in this batch
  for (const [index, v] of voids.entries()) {
    const canonical = canonicalVoid(v);
    const prior = stored.get(v.id);
    const target = targets.get(v.paymentId);
    const priorHeld = held.get(v.id);
    if (priorHeld) results[index] = heldAnswer(v.id, priorHeld, canonical);
    else if (prior) results[index] = repeatAnswer(v.id, prior, canonical);
    else if (claims.has(v.id)) copies.push({ index, void: v, canonical });
    else if (!target) results[index] = { id: v.id, status: 'rejected', error: `paymentId: central holds no payment ${v.paymentId}` };
    else if (target.utility !== v.utility) {
      results[index] = { id: v.id, status: 'rejected', error: `utility: payment ${v.paymentId} was posted at ${target.utility}, not ${v.utility}` };
    } else if (target.voidedBy) results[index] = alreadyVoided(v.id, target.voidedBy);
    else if (claimedPayments.has(v.paymentId)) voidedInBatch.push({ index, void: v, canonical });
    else {
      claims.set(v.id, { index, void: v, canonical });
      claimedPayments.add(v.paymentId);
    }
  }

  // In id order, so concurrent batches carrying the same ids wait on each other instead of deadlocking.
  const toInsert = [...claims.values()].sort((a, b) => compareText(a.void.id, b.void.id));
  const inserted = await insertVoids(tx, toInsert, receivedAt);
  const posted = toInsert.filter((c) => inserted.has(c.void.id));
  const lost = toInsert.filter((c) => !inserted.has(c.void.id));
  // What another batch committed after our first read: a void under this id, or another void of the payment.
  const later = lost.length > 0 ? await loadVoids(tx, lost.map((c) => c.void.id), lost.map((c) => c.void.paymentId)) : new Map<string, StoredVoid>();
  const byId = new Map([...later, ...inserted]);
  const byPayment = new Map([...byId.values()].map((s) => [s.paymentId, s]));

  for (const c of posted) {
    const row = inserted.get(c.void.id) as StoredVoid;
    results[c.index] = { id: c.void.id, status: 'posted', reference: row.reference, postedAt: row.postedAt };
  }
  for (const c of [...lost, ...copies]) {
    const same = byId.get(c.void.id);
    const other = byPayment.get(c.void.paymentId);
    if (same) results[c.index] = repeatAnswer(c.void.id, same, c.canonical);
    else if (other) results[c.index] = alreadyVoided(c.void.id, other);
    else throw new Error(`void ${c.void.id} neither inserted nor found`);
  }
  for (const c of voidedInBatch) {
    const holder = byPayment.get(c.void.paymentId);
    if (!holder) throw new Error(`payment ${c.void.paymentId} claimed in this batch but holds no void`);
    results[c.index] = alreadyVoided(c.void.id, holder);
  }

  await restoreBalances(tx, posted.map((c) => c.void.paymentId));
  return results;
}

function alreadyVoided(id: string, by: StoredVoid): PaymentResult {
  return { id, status: 'conflict', error: `paymentId: payment already voided by ${by.id} (${by.reference}); it is not voided again` };
}

type VoidRow = { id: string; payment_id: string; canonical: string; reference: string; posted_at: Date | string };

function toStored(r: VoidRow): StoredVoid {
  return { id: r.id, paymentId: r.payment_id, canonical: r.canonical, reference: r.reference, postedAt: dbTime(r.posted_at) };
}

/** Stored voids with one of these ids or for one of these payments, by void id. */
async function loadVoids(tx: Queryable, ids: readonly string[], paymentIds: readonly string[]): Promise<Map<string, StoredVoid>> {
  const rows = await tx.query<VoidRow>(
    `select id::text, payment_id::text, canonical, reference, posted_at from voids
     where id = any($1::uuid[]) or payment_id = any($2::uuid[])`,
    [[...new Set(ids)], [...new Set(paymentIds)]],
  );
  return new Map(rows.map((r) => [r.id, toStored(r)]));
}

/** The payments these voids name, with their utility and the void that already holds each, if any. */
async function loadTargets(tx: Queryable, paymentIds: readonly string[]): Promise<Map<string, Target>> {
  type Row = { pid: string; payment_utility: string } & { [K in keyof VoidRow]: VoidRow[K] | null };
  const rows = await tx.query<Row>(
    `select p.id::text as pid, p.utility as payment_utility,
            v.id::text as id, v.payment_id::text as payment_id, v.canonical, v.reference, v.posted_at
     from payments p left join voids v on v.payment_id = p.id
     where p.id = any($1::uuid[])`,
    [[...new Set(paymentIds)]],
  );
  return new Map(
    rows.map(({ pid, payment_utility, id, payment_id, canonical, reference, posted_at }) => [
      pid,
      {
        utility: payment_utility,
        voidedBy:
          id !== null && payment_id !== null && canonical !== null && reference !== null && posted_at !== null
            ? toStored({ id, payment_id, canonical, reference, posted_at })
            : null,
      },
    ]),
  );
}

/** One insert for the whole batch; a row whose id or payment is taken is skipped. Returns what was inserted, by id. */
async function insertVoids(tx: Queryable, candidates: readonly Candidate[], receivedAt: Date): Promise<Map<string, StoredVoid>> {
  if (candidates.length === 0) return new Map();
  const col = (f: (v: Void, n: number) => unknown) => candidates.map((c, n) => f(c.void, n));
  const rows = await tx.query<VoidRow>(
    `insert into voids (id, payment_id, utility, station_id, cashier, approved_by, reason, drawer_session_id, taken_at, received_at, canonical, body)
     select r.id, r.payment_id, r.utility, r.station_id, r.cashier, r.approved_by, r.reason, r.drawer_session_id, r.taken_at,
            $13::timestamptz, r.canonical, r.body::jsonb
     from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::timestamptz[],
                 $10::text[], $11::text[], $12::int[])
       as r (id, payment_id, utility, station_id, cashier, approved_by, reason, drawer_session_id, taken_at, canonical, body, n)
     order by r.n
     on conflict do nothing
     returning id::text, payment_id::text, canonical, reference, posted_at`,
    [
      col((v) => v.id),
      col((v) => v.paymentId),
      col((v) => v.utility),
      col((v) => v.stationId),
      col((v) => v.cashier),
      col((v) => v.approvedBy),
      col((v) => v.reason),
      col((v) => v.drawerSessionId),
      col((v) => v.takenAt),
      candidates.map((c) => c.canonical),
      col((v) => JSON.stringify(v)),
      col((_, n) => n),
      receivedAt.toISOString(),
    ],
  );
  return new Map(rows.map((r) => [r.id, toStored(r)]));
}

/** Puts every line of the voided payments back on its account's balance, in one read and one update. */
async function restoreBalances(tx: Queryable, paymentIds: readonly string[]): Promise<void> {
  if (paymentIds.length === 0) return;
  const lines = await tx.query<{ payment_id: string; utility: string; account_number: string; amount: string }>(
    `select payment_id::text, utility, account_number, amount::text from payment_lines where payment_id = any($1::uuid[])`,
    [[...paymentIds]],
  );
  const asPayments = lines.map((l) => ({ utility: l.utility, lines: [{ accountNumber: l.account_number, amount: l.amount }] }));
  await applyBalanceChanges(tx, creditsOf(asPayments), 'void');
}

/**
 * The back office's decisions on held payments (held.ts): list them, apply one to its account once, or
 * record that it is refunded. A decision is made once (held_decisions' primary key) and never changed;
 * asking again answers what was decided and changes nothing.
 */
import { paymentSchema } from '../../shared/payments/payment';
import { describeZodError } from '../../shared/sync/protocol';
import { dbTime, sqlState, type Database, type Queryable } from './db';
import { cleanText } from './held';
import { inRetriedTransaction, loadAccountStatuses, postOne } from './payments';
import { businessDayByUtility } from './zones';

export type HeldListing = {
  id: string;
  kind: string;
  reference: string;
  stationId: string;
  takenAt: string | null;
  accounts: string;
  amount: string | null;
  reason: string;
  decision: string;
};

export type Outcome = { ok: boolean; message: string };

/**
 * Held records, oldest first; with `date` (YYYY-MM-DD) only those held on that business day of their
 * utility (its profile's time zone; UTC for a record naming no utility central knows).
 */
export async function listHeld(db: Queryable, date?: string): Promise<HeldListing[]> {
  const days = date ? businessDayByUtility(date) : [];
  const rows = await db.query<{
    id: string; kind: string; reference: string; station_id: string; taken_at: Date | string | null; accounts: string | null;
    total: string | null; reason: string; decision: string | null; decided_by: string | null;
  }>(
    `select h.id::text, h.kind, h.reference, h.station_id, h.taken_at,
            (select string_agg(l->>'accountNumber', '+') from jsonb_array_elements(case when jsonb_typeof(h.body->'lines') = 'array' then h.body->'lines' else '[]'::jsonb end) l) as accounts,
            h.total::text as total, h.reason, d.decision, d.decided_by
     from held_items h left join held_decisions d on d.payment_id = h.id and h.kind = 'payment'
     left join unnest($2::text[], $3::timestamptz[], $4::timestamptz[]) as z (utility, day_start, day_end) on z.utility = h.utility
     where $1::date is null
        or (h.held_at >= coalesce(z.day_start, $1::date::timestamp at time zone 'UTC')
            and h.held_at < coalesce(z.day_end, ($1::date + 1)::timestamp at time zone 'UTC'))
     order by h.held_at, h.reference`,
    [date ?? null, days.map((d) => d.utility), days.map((d) => d.start.toISOString()), days.map((d) => d.end.toISOString())],
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    reference: r.reference,
    stationId: r.station_id,
    takenAt: r.taken_at === null ? null : dbTime(r.taken_at),
    accounts: r.accounts ?? '',
    amount: r.total,
    reason: r.reason,
    decision: r.decision ? `${r.decision === 'apply' ? 'applied' : 'refunded'} by ${r.decided_by ?? ''}` : 'undecided',
  }));
}

type HeldPayment = { body: unknown; decision: string | null; decidedBy: string | null };

async function loadHeldPayment(tx: Queryable, id: string): Promise<HeldPayment | null> {
  const [row] = await tx.query<{ body: unknown; decision: string | null; decided_by: string | null }>(
    `select h.body, d.decision, d.decided_by from held_items h left join held_decisions d on d.payment_id = h.id
     where h.kind = 'payment' and h.id = $1::uuid`,
    [id],
  );
  return row ? { body: typeof row.body === 'string' ? (JSON.parse(row.body) as unknown) : row.body, decision: row.decision, decidedBy: row.decided_by } : null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function already(id: string, h: HeldPayment): string {
  return `payment ${id} is already ${h.decision === 'apply' ? 'applied' : 'refunded'} (by ${h.decidedBy ?? 'someone'}); nothing changed`;
}

/** Applies a held payment to its accounts once: the balance moves once, the decision is recorded. */
export async function applyHeld(db: Database, id: string, by: string): Promise<Outcome> {
  if (!UUID.test(id)) return { ok: false, message: `paymentId: ${cleanText(id)} is not a payment id` };
  if (by.trim() === '') return { ok: false, message: '--by: name who decides' };
  try {
    return await inRetriedTransaction(db, async (tx) => {
      const held = await loadHeldPayment(tx, id);
      if (!held) return { ok: false, message: `no held payment ${id}` };
      if (held.decision === 'apply') return { ok: true, message: already(id, held) };
      if (held.decision) return { ok: false, message: already(id, held) };
      const parsed = paymentSchema.safeParse(held.body);
      if (!parsed.success) return { ok: false, message: `payment ${id} cannot be applied as stored: ${describeZodError(parsed.error).error}` };
      const payment = parsed.data;
      const statuses = await loadAccountStatuses(tx, [payment]);
      for (const line of payment.lines) {
        const status = statuses.get(`${payment.utility}/${line.accountNumber}`);
        if (status === undefined) return { ok: false, message: `account ${line.accountNumber} at ${payment.utility} is still unknown at central: import it first; nothing changed` };
        if (status === 'closed') return { ok: false, message: `account ${line.accountNumber} at ${payment.utility} is closed: refund the payment instead; nothing changed` };
      }
      await tx.query(`insert into held_decisions (payment_id, decision, decided_by) values ($1::uuid, 'apply', $2)`, [id, cleanText(by.trim())]);
      const row = await postOne(tx, payment, new Date());
      if (!row) throw new Error(`payment ${id} is already posted`);
      return { ok: true, message: `payment ${id} applied as ${row.reference}: ${payment.total} to ${payment.lines.map((l) => l.accountNumber).join(', ')} at ${payment.utility}` };
    });
  } catch (error) {
    // Two people deciding at once: the primary key let one in; the other is told what was decided.
    if (sqlState(error) === '23505') return { ok: false, message: `payment ${id} was decided meanwhile; run held to see the decision` };
    throw error;
  }
}

/** Records that a held payment is refunded: no balance moves; the decision is recorded once. */
export async function refundHeld(db: Database, id: string, by: string, reason: string): Promise<Outcome> {
  if (!UUID.test(id)) return { ok: false, message: `paymentId: ${cleanText(id)} is not a payment id` };
  if (by.trim() === '') return { ok: false, message: '--by: name who decides' };
  if (reason.trim() === '') return { ok: false, message: '--reason: say why the payment is refunded' };
  return inRetriedTransaction(db, async (tx) => {
    const held = await loadHeldPayment(tx, id);
    if (!held) return { ok: false, message: `no held payment ${id}` };
    if (held.decision === 'refund') return { ok: true, message: already(id, held) };
    if (held.decision) return { ok: false, message: already(id, held) };
    await tx.query(`insert into held_decisions (payment_id, decision, decided_by, reason) values ($1::uuid, 'refund', $2, $3)`, [
      id,
      cleanText(by.trim()),
      cleanText(reason.trim()).slice(0, 300),
    ]);
    return { ok: true, message: `payment ${id} recorded as refunded by ${cleanText(by.trim())}; no balance changed` };
  });
}

/**
 * The day's postings for the billing system, as CSV: one row per payment line (one account's part of a
 * payment), for the payments *taken* that day in their utility's time zone, whenever they reached central
 * (a payment taken offline yesterday and synced today belongs to yesterday: same-day credit).
 *
 * `status` keeps held payments apart from posted ones: `posted` rows are on the accounts; `held` rows were
 * taken that day but are not applied (central/README.md, "Held"), `refunded` ones never will be. A held
 * payment the back office applies is `posted` on the day it was applied (its taken_at stays as taken).
 */
import { toCsv } from './csv';
import type { Queryable } from './db';
import { UTILITY_TIME_ZONES, businessDayByUtility, localTimestamp, utilitiesWithoutZone } from './zones';

export const POSTINGS_CSV_HEADER = [
  'reference',
  'payment_id',
  'utility',
  'account_number',
  'amount',
  'taken_at',
  'station_id',
  'cashier',
  'tender_kinds',
  'voided',
  'status',
] as const;

export type PostingsExport = { csv: string; rows: number; payments: number };

type Row = {
  reference: string;
  payment_id: string;
  utility: string;
  account_number: string;
  amount: string;
  taken_at: Date | string;
  station_id: string;
  cashier: string;
  kinds: string[];
  voided: boolean;
  status: 'posted' | 'held' | 'refunded';
};

/**
 * `date` is YYYY-MM-DD. taken_at is written as the utility's wall clock with its offset
 * ("2025-06-02T10:15:00-07:00"); tender_kinds lists the kinds in tender order, each once ("cash+check");
 * voided says whether the payment has been voided by the time of the export.
 */
export async function exportPostings(db: Queryable, date: string): Promise<PostingsExport> {
  const missing = utilitiesWithoutZone();
  if (missing.length > 0) {
    throw new Error(`no time zone for utility ${missing.join(', ')}: add it to UTILITY_TIME_ZONES in central/src/zones.ts`);
  }
  // The bounds come from the shared business day (the stations' "today"), not the database's idea of a zone.
  const days = businessDayByUtility(date);
  const rows = await db.query<Row>(
    `select p.reference, p.id::text as payment_id, p.utility, l.account_number, l.amount::text as amount, p.taken_at,
            p.station_id, p.cashier,
            array(select t.kind from payment_tenders t where t.payment_id = p.id order by t.tender_no) as kinds,
            exists (select 1 from voids v where v.payment_id = p.id) as voided,
            'posted' as status, coalesce(d.decided_at, p.taken_at) as day_at, 0 as part, l.line_no
     from unnest($1::text[], $2::timestamptz[], $3::timestamptz[]) as z (utility, day_start, day_end)
     join payments p on p.utility = z.utility
     left join held_decisions d on d.payment_id = p.id and d.decision = 'apply'
     join payment_lines l on l.payment_id = p.id
     where coalesce(d.decided_at, p.taken_at) >= z.day_start and coalesce(d.decided_at, p.taken_at) < z.day_end
     union all
     select h.reference, h.id::text, h.utility, l.v->>'accountNumber', l.v->>'amount', coalesce(h.taken_at, h.received_at), h.station_id, coalesce(h.body->>'cashier', ''),
            array(select coalesce(t.v->>'kind', '') from jsonb_array_elements(case when jsonb_typeof(h.body->'tenders') = 'array' then h.body->'tenders' else '[]'::jsonb end) with ordinality as t (v, n) order by t.n),
            false, case when d.decision = 'refund' then 'refunded' else 'held' end, coalesce(h.taken_at, h.received_at), 1, coalesce(l.n - 1, 0)::int
     from unnest($1::text[], $2::timestamptz[], $3::timestamptz[]) as z (utility, day_start, day_end)
     join held_items h on h.kind = 'payment' and h.utility = z.utility
       and coalesce(h.taken_at, h.received_at) >= z.day_start and coalesce(h.taken_at, h.received_at) < z.day_end
     left join held_decisions d on d.payment_id = h.id
     -- A payment held for breaking the protocol may have no list of lines: it is still listed, once.
     left join lateral jsonb_array_elements(case when jsonb_typeof(h.body->'lines') = 'array' then h.body->'lines' else '[]'::jsonb end)
       with ordinality as l (v, n) on true
     where d.decision is distinct from 'apply'
     order by part, day_at, reference, line_no`,
    [days.map((d) => d.utility), days.map((d) => d.start.toISOString()), days.map((d) => d.end.toISOString())],
  );
  const lines = rows.map((r) => [
    r.reference,
    r.payment_id,
    r.utility,
    r.account_number,
    r.amount,
    localTimestamp(r.taken_at instanceof Date ? r.taken_at : new Date(r.taken_at), UTILITY_TIME_ZONES[r.utility] ?? 'UTC'),
    r.station_id,
    r.cashier,
    [...new Set(r.kinds)].join('+'),
    r.voided ? 'yes' : 'no',
    r.status,
  ]);
  return { csv: toCsv([[...POSTINGS_CSV_HEADER], ...lines]), rows: rows.length, payments: new Set(rows.map((r) => r.payment_id)).size };
}

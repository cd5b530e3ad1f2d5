/**
 * The schema, as numbered migrations applied in order at start, each in its own transaction and
 * recorded in `schema_migrations`. A migration once shipped is never edited: add the next number.
 */
import type { Database, Queryable } from './db';

export type Migration = { version: number; name: string; statements: readonly string[] };

/** Held while migrating, so two services starting on one PostgreSQL do not both apply a migration. */
const MIGRATION_LOCK = 7_301_001;
/**
 * Held by every transaction that changes accounts, from its first account write to its commit, so that
 * change_seq values commit in the order they were taken. Without it a feed reader could pass cursor 11
 * while 10 is still uncommitted, and never see 10.
 */
export const ACCOUNT_CHANGE_LOCK = 7_301_002;

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'accounts, payments, payment lines',
    statements: [
      `create sequence account_change_seq`,
      `create table accounts (
        utility text not null,
        number text not null check (number ~ '^[0-9]{4,20}$'),
        name text not null check (name <> ''),
        service_address text not null check (service_address <> ''),
        balance numeric(14,2) not null,
        past_due numeric(14,2) not null,
        due_date date,
        status text not null check (status in ('current', 'past_due', 'shut_off', 'certified', 'final_billed', 'closed')),
        shut_offs_12m integer not null default 0 check (shut_offs_12m >= 0),
        certified_amount numeric(14,2),
        updated_at timestamptz not null default now(),
        change_seq bigint not null default nextval('account_change_seq'),
        primary key (utility, number)
      )`,
      // The change feed reads one utility's accounts in change_seq order.
      `create index accounts_feed on accounts (utility, change_seq)`,
      // Every update takes a new change_seq, whoever writes it, so the feed cannot miss a change.
      `create function accounts_touch() returns trigger language plpgsql as $$
       begin
         new.change_seq := nextval('account_change_seq');
         new.updated_at := now();
         return new;
       end $$`,
      `create trigger accounts_touch before update on accounts for each row execute function accounts_touch()`,
      // Posting references are unique, not gap-free: a rolled-back batch leaves a gap.
      `create sequence payment_reference_seq`,
      `create table payments (
        id uuid primary key,
        utility text not null,
        station_id text not null,
        cashier text not null,
        drawer_session_id text,
        taken_at timestamptz not null,
        received_at timestamptz not null,
        total numeric(14,2) not null check (total > 0),
        canonical text not null,
        body jsonb not null,
        reference text not null unique default 'P' || lpad(nextval('payment_reference_seq')::text, 8, '0'),
        posted_at timestamptz not null default now()
      )`,
      `create index payments_taken on payments (utility, taken_at)`,
      `create table payment_lines (
        payment_id uuid not null references payments (id),
        line_no integer not null check (line_no >= 0),
        utility text not null,
        account_number text not null,
        amount numeric(14,2) not null check (amount > 0),
        primary key (payment_id, line_no),
        foreign key (utility, account_number) references accounts (utility, number)
      )`,
      `create index payment_lines_account on payment_lines (utility, account_number)`,
      // A posted payment is a journal entry: ids are kept forever and never rewritten.
      `create function payments_immutable() returns trigger language plpgsql as $$
       begin
         raise exception 'posted payments are never changed or deleted (%)', tg_table_name;
       end $$`,
      `create trigger payments_immutable before update or delete on payments for each row execute function payments_immutable()`,
      `create trigger payment_lines_immutable before update or delete on payment_lines for each row execute function payments_immutable()`,
    ],
  },
  {
    version: 2,
    name: 'beyond shut-off, payment tenders, voids',
    statements: [
      `alter table accounts add column beyond_shut_off boolean not null default false`,
      // One row per tender, for reports and the billing export; the payment's body keeps it exactly as sent.
      `create table payment_tenders (
        payment_id uuid not null references payments (id),
        tender_no integer not null check (tender_no >= 0),
        kind text not null check (kind in ('cash', 'check', 'money_order', 'card')),
        -- cash: bills + coins (the change is in payments.body); the others: the amount on the tender
        amount numeric(14,2) not null check (amount >= 0),
        check_number text,
        routing_number text,
        serial text,
        brand text,
        last4 text check (last4 ~ '^[0-9]{4}$'),
        approval_code text,
        primary key (payment_id, tender_no),
        check ((kind = 'check') = (check_number is not null)),
        check (kind = 'check' or routing_number is null),
        check ((kind = 'money_order') = (serial is not null)),
        check ((kind = 'card') = (brand is not null and last4 is not null and approval_code is not null)),
        check (kind = 'card' or (brand is null and last4 is null and approval_code is null))
      )`,
      // Payments posted before this migration get their tender rows from the body they were sent with.
      `insert into payment_tenders (payment_id, tender_no, kind, amount, check_number, routing_number, serial, brand, last4, approval_code)
       select p.id, (t.ord - 1)::int, t.v->>'kind',
              case when t.v->>'kind' = 'cash' then (t.v->>'bills')::numeric + (t.v->>'coins')::numeric else (t.v->>'amount')::numeric end,
              t.v->>'checkNumber', t.v->>'routingNumber', t.v->>'serial', t.v->>'brand', t.v->>'last4', t.v->>'approvalCode'
       from payments p cross join lateral jsonb_array_elements(p.body->'tenders') with ordinality as t (v, ord)`,
      `create trigger payment_tenders_immutable before update or delete on payment_tenders for each row execute function payments_immutable()`,
      // A void is a journal entry of its own that cancels one payment; at most one per payment (the unique key decides).
      `create sequence void_reference_seq`,
      `create table voids (
        id uuid primary key,
        payment_id uuid not null unique references payments (id),
        utility text not null,
        station_id text not null,
        cashier text not null,
        approved_by text not null check (approved_by <> cashier),
        reason text not null check (reason <> ''),
        drawer_session_id text,
        taken_at timestamptz not null,
        received_at timestamptz not null,
        canonical text not null,
        body jsonb not null,
        reference text not null unique default 'V' || lpad(nextval('void_reference_seq')::text, 8, '0'),
        posted_at timestamptz not null default now()
      )`,
      `create index voids_taken on voids (utility, taken_at)`,
      `create function voids_immutable() returns trigger language plpgsql as $$
       begin
         raise exception 'posted voids are never changed or deleted (%)', tg_table_name;
       end $$`,
      `create trigger voids_immutable before update or delete on voids for each row execute function voids_immutable()`,
    ],
  },
  {
    version: 3,
    name: 'drawer close-outs and deposits',
    statements: [
      // A signed-off drawer as the station sent it (its id is the drawer session's), with its figures apart for reports.
      `create sequence closeout_reference_seq`,
      `create table closeouts (
        id uuid primary key,
        utility text not null,
        station_id text not null,
        cashier text not null,
        opened_at timestamptz not null,
        counted_at timestamptz not null,
        signed_off_at timestamptz not null,
        signed_off_by text not null check (signed_off_by <> cashier),
        float numeric(14,2) not null check (float >= 0),
        expected_cash numeric(14,2) not null,
        counted_cash numeric(14,2) not null check (counted_cash >= 0),
        over_short_cash numeric(14,2) not null,
        over_short_checks numeric(14,2) not null,
        over_short_money_orders numeric(14,2) not null,
        over_short_card numeric(14,2) not null,
        over_short_total numeric(14,2) not null check (over_short_total = over_short_cash + over_short_checks + over_short_money_orders + over_short_card),
        note text not null,
        received_at timestamptz not null,
        canonical text not null,
        body jsonb not null,
        reference text not null unique default 'C' || lpad(nextval('closeout_reference_seq')::text, 8, '0'),
        posted_at timestamptz not null default now()
      )`,
      `create index closeouts_signed_off on closeouts (utility, signed_off_at)`,
      `create sequence deposit_reference_seq`,
      `create table deposits (
        id uuid primary key,
        utility text not null,
        station_id text not null,
        business_date date not null,
        bag_number text not null check (bag_number ~ '^[A-Za-z0-9-]{4,20}$'),
        prepared_by text not null,
        prepared_at timestamptz not null,
        cash_total numeric(14,2) not null check (cash_total >= 0),
        checks_total numeric(14,2) not null check (checks_total >= 0),
        money_orders_total numeric(14,2) not null check (money_orders_total >= 0),
        total numeric(14,2) not null check (total = cash_total + checks_total + money_orders_total),
        received_at timestamptz not null,
        canonical text not null,
        body jsonb not null,
        reference text not null unique default 'D' || lpad(nextval('deposit_reference_seq')::text, 8, '0'),
        posted_at timestamptz not null default now()
      )`,
      `create index deposits_day on deposits (utility, business_date)`,
      // A drawer goes into one deposit: the unique key decides, also when two batches race.
      `create table deposit_drawers (
        deposit_id uuid not null references deposits (id),
        closeout_id uuid not null unique references closeouts (id),
        primary key (deposit_id, closeout_id)
      )`,
      `create function drawer_records_immutable() returns trigger language plpgsql as $$
       begin
         raise exception 'close-outs and deposits are never changed or deleted (%)', tg_table_name;
       end $$`,
      `create trigger closeouts_immutable before update or delete on closeouts for each row execute function drawer_records_immutable()`,
      `create trigger deposits_immutable before update or delete on deposits for each row execute function drawer_records_immutable()`,
      `create trigger deposit_drawers_immutable before update or delete on deposit_drawers for each row execute function drawer_records_immutable()`,
    ],
  },
  {
    version: 4,
    name: 'drop-box batches and their items',
    statements: [
      `create sequence dropbox_reference_seq`,
      // A closed batch as the station sent it; the box's retrieval time is the posting time of its applied items.
      `create table dropbox_batches (
        id uuid primary key,
        utility text not null,
        station_id text not null,
        clerk text not null,
        retrieved_at timestamptz not null,
        retrieval_date date not null,
        emptied_by_1 text not null check (emptied_by_1 <> ''),
        emptied_by_2 text not null check (emptied_by_2 <> '' and lower(emptied_by_2) <> lower(emptied_by_1)),
        control_count integer not null check (control_count > 0),
        control_total numeric(14,2) not null check (control_total > 0),
        item_count integer not null check (item_count > 0),
        item_total numeric(14,2) not null check (item_total > 0),
        approved_by text,
        approval_note text,
        check ((approved_by is null) = (approval_note is null)),
        check (approved_by is not null or (item_count = control_count and item_total = control_total)),
        opened_at timestamptz not null,
        closed_at timestamptz not null,
        received_at timestamptz not null,
        canonical text not null,
        body jsonb not null,
        reference text not null unique default 'B' || lpad(nextval('dropbox_reference_seq')::text, 8, '0'),
        posted_at timestamptz not null default now()
      )`,
      `create index dropbox_batches_retrieved on dropbox_batches (utility, retrieval_date)`,
      // Every check of a batch. An applied one is also a payment under the item's id (payments, lines,
      // tenders); exceptions, set-aside checks, and checks for an account central does not hold (or that is
      // closed) are kept unapplied, with the reason, so nothing goes missing.
      `create table dropbox_items (
        id uuid primary key,
        batch_id uuid not null references dropbox_batches (id),
        item_no integer not null check (item_no > 0),
        kind text not null check (kind in ('applied', 'exception', 'set_aside')),
        status text not null check (status in ('applied', 'unapplied')),
        utility text not null,
        account_number text,
        amount numeric(14,2) not null check (amount > 0),
        check_number text not null check (check_number ~ '^[0-9]{1,10}$'),
        amount_due numeric(14,2),
        match text check (match in ('exact', 'partial', 'over')),
        payer_name text,
        note text,
        reason text,
        payment_id uuid references payments (id),
        unique (batch_id, item_no),
        check ((status = 'applied') = (payment_id is not null)),
        check (kind = 'applied' or status = 'unapplied'),
        check (kind <> 'exception' or (payer_name is not null and note is not null)),
        check (kind <> 'set_aside' or reason is not null)
      )`,
      `create index dropbox_items_unapplied on dropbox_items (utility, status) where status = 'unapplied'`,
      `create function dropbox_immutable() returns trigger language plpgsql as $$
       begin
         raise exception 'posted drop-box batches are never changed or deleted (%)', tg_table_name;
       end $$`,
      `create trigger dropbox_batches_immutable before update or delete on dropbox_batches for each row execute function dropbox_immutable()`,
      `create trigger dropbox_items_immutable before update or delete on dropbox_items for each row execute function dropbox_immutable()`,
    ],
  },
  {
    version: 5,
    name: 'held records and the decisions on them',
    statements: [
      // Well-formed records central could not apply (an account unknown or closed, over a limit, a date out
      // of the window, a database error on that one record): kept, answered `held`, never applied until
      // the back office decides. The body is as sent, with free text cleaned (no card numbers, no control
      // characters); contents_hash tells a resend from a conflict.
      `create sequence held_reference_seq`,
      `create table held_items (
        kind text not null check (kind in ('payment', 'void', 'closeout', 'deposit', 'dropbox_batch')),
        id uuid not null,
        utility text not null,
        station_id text not null,
        taken_at timestamptz,
        total numeric(14,2),
        reason text not null check (reason <> ''),
        contents_hash text not null,
        body jsonb not null,
        received_at timestamptz not null,
        reference text not null unique default 'H' || lpad(nextval('held_reference_seq')::text, 8, '0'),
        held_at timestamptz not null default now(),
        primary key (kind, id)
      )`,
      `create index held_items_held_at on held_items (held_at)`,
      // One decision per held payment, ever: the primary key makes apply and refund happen once.
      `create table held_decisions (
        payment_id uuid primary key,
        kind text not null default 'payment' check (kind = 'payment'),
        decision text not null check (decision in ('apply', 'refund')),
        decided_by text not null check (decided_by <> ''),
        reason text,
        decided_at timestamptz not null default now(),
        foreign key (kind, payment_id) references held_items (kind, id),
        check (decision = 'apply' or coalesce(reason, '') <> '')
      )`,
      `create function held_immutable() returns trigger language plpgsql as $$
       begin
         raise exception 'held records and decisions are never changed or deleted (%)', tg_table_name;
       end $$`,
      `create trigger held_items_immutable before update or delete on held_items for each row execute function held_immutable()`,
      `create trigger held_decisions_immutable before update or delete on held_decisions for each row execute function held_immutable()`,
    ],
  },
  {
    version: 6,
    name: 'the station registry',
    statements: [
      // A station's token is shown once when it is added; central keeps only its SHA-256, so a copy of the
      // database does not hand out tokens. A disabled station stays listed (its records name it).
      `create table stations (
        id text primary key check (id ~ '^[A-Za-z0-9._-]{1,40}$'),
        utility text not null check (utility <> ''),
        token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
        created_at timestamptz not null default now(),
        disabled_at timestamptz
      )`,
    ],
  },
  {
    version: 7,
    name: 'journal heads seen from stations',
    statements: [
      // Each distinct (station, entry number, hash) a station sent with a batch (journal-heads.ts): small,
      // kept forever, never changed, so a journal rewritten or cut short on the station shows against them.
      `create table journal_heads (
        station_id text not null check (station_id <> ''),
        n bigint not null check (n >= 1),
        hash text not null check (hash ~ '^[0-9a-f]{64}$'),
        seen_at timestamptz not null,
        primary key (station_id, n, hash)
      )`,
      `create function journal_heads_immutable() returns trigger language plpgsql as $$
       begin
         raise exception 'journal heads are never changed or deleted';
       end $$`,
      `create trigger journal_heads_immutable before update or delete on journal_heads for each row execute function journal_heads_immutable()`,
    ],
  },
];

/** Applies the migrations not yet recorded, in order. Returns the versions it applied. */
export async function migrate(db: Database, list: readonly Migration[] = migrations): Promise<number[]> {
  await db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(`create table if not exists schema_migrations (
      version integer primary key,
      name text not null,
      applied_at timestamptz not null default now()
    )`);
  });
  const applied: number[] = [];
  for (const m of [...list].sort((a, b) => a.version - b.version)) {
    const done = await db.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      // Checked under the lock: another process may have applied it while we waited.
      if (await isApplied(tx, m.version)) return false;
      for (const sql of m.statements) await tx.query(sql);
      await tx.query('insert into schema_migrations (version, name) values ($1, $2)', [m.version, m.name]);
      return true;
    });
    if (done) applied.push(m.version);
  }
  return applied;
}

async function isApplied(tx: Queryable, version: number): Promise<boolean> {
  const rows = await tx.query<{ n: string }>('select count(*)::text as n from schema_migrations where version = $1', [version]);
  return rows[0]?.n !== '0';
}

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

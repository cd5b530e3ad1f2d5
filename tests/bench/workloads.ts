/**
 * The benchmarks' workloads, deterministic: the accounts seeded into central (set-based SQL), which of them
 * each operation touches, and the payments posted. Pure: imported by the bench page (in Chromium) and by
 * the Node side alike. Amounts are made from integer cents.
 */
import type { Payment } from '../../shared/payments/payment';

export const UTILITY = 'pwb';
export const STATION_TOKEN = 'bench-station-token';
/** The bench's stations bench-1…bench-N (a token is bound to one station): bench-1 has STATION_TOKEN. */
export const benchToken = (stationId: string) => (stationId === 'bench-1' ? STATION_TOKEN : `${STATION_TOKEN}.${stationId}`);
export const benchStations = (n: number) => Array.from({ length: Math.max(n, 1) }, (_, s) => ({ id: `bench-${s + 1}`, utility: UTILITY, token: benchToken(`bench-${s + 1}`) }));

/** Account numbers: "2" and nine digits (PWB writes ten), so they never meet the demo's 1000000001… */
export function accountNumber(index: number): string {
  return `2${String(index).padStart(9, '0')}`;
}

/** Cents owed by account `index`: $5.00 to $504.99, the same formula as the seeding SQL below. */
export function balanceCents(index: number): number {
  return ((index * 7919) % 50_000) + 500;
}

/** Every fourth account is past due (all of its balance); the others are current. None closed or shut off. */
export function isPastDue(index: number): boolean {
  return index % 4 === 0;
}

/**
 * Central's accounts, set-based: one insert over generate_series ($1 = how many). Mirrors accountNumber and
 * balanceCents. change_seq and updated_at take their defaults, as an import would.
 */
export const SEED_ACCOUNTS_SQL = `
insert into accounts (utility, number, name, service_address, balance, past_due, due_date, status, shut_offs_12m, certified_amount)
select '${UTILITY}',
       '2' || lpad(i::text, 9, '0'),
       (array['Maria','James','Nguyen Thi','Robert','Aisha','David','Elena','Priya'])[1 + i % 8] || ' '
         || (array['Garcia','Johnson','Pham','Williams','Hassan','Brown','Ivanova','Patel','Kim'])[1 + i % 9] || ' ' || i,
       (100 + i % 9000)::text || ' SE Bench St, Portland, OR 97202',
       ((((i::bigint * 7919) % 50000) + 500)::numeric / 100)::numeric(14,2),
       case when i % 4 = 0 then ((((i::bigint * 7919) % 50000) + 500)::numeric / 100)::numeric(14,2) else 0 end,
       date '2026-01-05' + (i % 60),
       case when i % 4 = 0 then 'past_due' else 'current' end,
       0,
       null
from generate_series(1, $1::int) as i`;

/** mulberry32: the same sequence for a seed on every machine (never Math.random in a workload). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` account indexes drawn at random (with repeats) from 1…`max`. */
export function randomIndexes(seed: number, count: number, max: number): number[] {
  const rand = prng(seed);
  return Array.from({ length: count }, () => 1 + Math.floor(rand() * max));
}

/**
 * The accounts the cashier takes through the real screen (the memory run) are kept out of every other
 * workload, so each is a fresh customer there: the last `UI_ACCOUNTS` current ones.
 */
export const UI_ACCOUNTS = 2_000;
export function uiAccountIndexes(accounts: number, count: number): number[] {
  const out: number[] = [];
  for (let i = accounts; out.length < count && i > accounts - UI_ACCOUNTS; i--) if (!isPastDue(i)) out.push(i);
  return out;
}
/** Indexes other workloads may pay into (never the UI's). */
export function payableMax(accounts: number): number {
  return Math.max(1, accounts - UI_ACCOUNTS);
}

export function centsText(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

/** The amount of the k-th workload payment: $10.00 to $99.99. */
export function paymentCents(k: number): number {
  return 1000 + ((k * 3727) % 9000);
}

/**
 * A valid cash payment of `cents` to one account, paid in twenties with change: what the counter sends.
 * `id` is the payment's UUIDv7, made by the caller (shared/ids).
 */
export function cashPayment(opts: { id: string; accountNumber: string; cents: number; stationId: string; takenAt: string; cashier?: string }): Payment {
  const bills = Math.ceil(opts.cents / 2000) * 2000;
  const amount = centsText(opts.cents) as Payment['total'];
  return {
    id: opts.id,
    utility: UTILITY,
    stationId: opts.stationId,
    cashier: opts.cashier ?? 'cashier1',
    drawerSessionId: null,
    takenAt: opts.takenAt,
    lines: [{ accountNumber: opts.accountNumber, amount }],
    tenders: [{ kind: 'cash', bills: centsText(bills) as Payment['total'], coins: '0.00' as Payment['total'] }],
    total: amount,
    tendered: centsText(bills) as Payment['total'],
    change: centsText(bills - opts.cents) as Payment['total'],
    memo: '',
  };
}

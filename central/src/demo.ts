/**
 * Demo accounts for the three seed utilities: a few fixed accounts that tests and the README name, plus
 * generated ones. Deterministic: a seeded PRNG (never Math.random) and an explicit `today`, so the same
 * inputs give the same accounts. Amounts are made from integer cents, never from floats.
 */
import type { Account, AccountStatus } from '../../shared/accounts/account';
import { Decimal, toMoneyString, type MoneyString } from '../../shared/money/money';
import type { Database } from './db';
import { ACCOUNT_CHANGE_LOCK } from './migrations';

/** An account as loaded: central sets updatedAt itself. */
export type DemoAccount = Omit<Account, 'updatedAt'>;

/** A fixed account's due date is relative to the day the demo is loaded, so "due in the future" stays true. */
export type FixedDemoAccount = Omit<DemoAccount, 'dueDate'> & { dueInDays: number | null };

const m = (s: string) => s as MoneyString;

export const FIXED_DEMO_ACCOUNTS: readonly FixedDemoAccount[] = [
  { utility: 'pwb', number: '1000000001', name: 'Rosa Delgado', serviceAddress: '2317 NE Alberta St, Portland, OR 97211', balance: m('182.40'), pastDue: m('0.00'), dueInDays: 14, status: 'current', shutOffsLast12Months: 0, beyondShutOff: false, certifiedAmount: null },
  { utility: 'pwb', number: '1000000002', name: 'Tran Van Minh', serviceAddress: '5420 SE Foster Rd, Portland, OR 97206', balance: m('96.15'), pastDue: m('96.15'), dueInDays: -18, status: 'past_due', shutOffsLast12Months: 0, beyondShutOff: false, certifiedAmount: null },
  // Shut off once in 12 months: restored on a promise to pay 50%.
  { utility: 'pwb', number: '1000000003', name: 'Harold Becker', serviceAddress: '811 N Killingsworth St, Portland, OR 97217', balance: m('412.70'), pastDue: m('412.70'), dueInDays: -63, status: 'shut_off', shutOffsLast12Months: 1, beyondShutOff: false, certifiedAmount: null },
  { utility: 'pwb', number: '1000000004', name: 'Maple Court Apartments LLC', serviceAddress: '1402 SW Jefferson St, Portland, OR 97201', balance: m('58.00'), pastDue: m('0.00'), dueInDays: 10, status: 'final_billed', shutOffsLast12Months: 0, beyondShutOff: false, certifiedAmount: null },
  { utility: 'pwb', number: '1000000005', name: 'Olga Petrova', serviceAddress: '3919 SE Hawthorne Blvd, Portland, OR 97214', balance: m('0.00'), pastDue: m('0.00'), dueInDays: null, status: 'closed', shutOffsLast12Months: 0, beyondShutOff: false, certifiedAmount: null },
  // Shut off twice in 12 months: 50% must be posted before restoration.
  { utility: 'pwb', number: '1000000006', name: 'Dale Morrison', serviceAddress: '7730 N Lombard St, Portland, OR 97203', balance: m('250.00'), pastDue: m('250.00'), dueInDays: -70, status: 'shut_off', shutOffsLast12Months: 2, beyondShutOff: false, certifiedAmount: null },
  // Beyond shut-off (meter removed): 100% must be posted before restoration.
  { utility: 'pwb', number: '1000000007', name: 'Grace Whitaker', serviceAddress: '2045 SE Division St, Portland, OR 97202', balance: m('640.18'), pastDue: m('640.18'), dueInDays: -84, status: 'shut_off', shutOffsLast12Months: 1, beyondShutOff: true, certifiedAmount: null },
  { utility: 'wes', number: '200000001', name: 'Linda Okafor', serviceAddress: '18 Beavercreek Rd, Oregon City, OR 97045', balance: m('143.22'), pastDue: m('0.00'), dueInDays: 12, status: 'certified', shutOffsLast12Months: 0, beyondShutOff: false, certifiedAmount: m('310.55') },
  { utility: 'portsmouth', number: '123456789012', name: 'Samuel Whitcomb', serviceAddress: '44 Market St, Portsmouth, NH 03801', balance: m('77.30'), pastDue: m('0.00'), dueInDays: 20, status: 'current', shutOffsLast12Months: 0, beyondShutOff: false, certifiedAmount: null },
];

type Place = { digits: number; cityLine: string; streets: readonly (readonly [street: string, zip: string])[]; statuses: readonly AccountStatus[] };

const ALL_BUT_CERTIFIED: readonly AccountStatus[] = ['current', 'past_due', 'shut_off', 'final_billed', 'closed'];

/** Account-number lengths: PWB 10 and Portsmouth 12 (domain.md); WES states none, we use 9. */
export const DEMO_UTILITIES: Readonly<Record<string, Place>> = {
  pwb: {
    digits: 10,
    cityLine: 'Portland, OR',
    streets: [
      ['NE Alberta St', '97211'], ['SE Division St', '97202'], ['N Mississippi Ave', '97227'], ['SE Belmont St', '97214'],
      ['NE Sandy Blvd', '97232'], ['N Lombard St', '97203'], ['SE Powell Blvd', '97206'], ['NE Fremont St', '97212'],
      ['SW Capitol Hwy', '97219'], ['SE Woodstock Blvd', '97206'], ['N Interstate Ave', '97217'], ['NE Glisan St', '97213'],
      ['SE Stark St', '97215'], ['NW Thurman St', '97210'], ['SE 82nd Ave', '97266'], ['NE Killingsworth St', '97218'],
      ['SE Holgate Blvd', '97202'], ['NW 23rd Ave', '97210'], ['SW Vista Ave', '97201'], ['NE Prescott St', '97211'],
    ],
    statuses: ALL_BUT_CERTIFIED,
  },
  wes: {
    digits: 9,
    cityLine: 'Oregon City, OR',
    streets: [
      ['Molalla Ave', '97045'], ['Beavercreek Rd', '97045'], ['Main St', '97045'], ['Washington St', '97045'],
      ['Linn Ave', '97045'], ['Warner Milne Rd', '97045'], ['S Central Point Rd', '97045'], ['Holcomb Blvd', '97045'],
      ['Division St', '97045'], ['High St', '97045'], ['Leland Rd', '97045'], ['Redland Rd', '97045'],
    ],
    statuses: [...ALL_BUT_CERTIFIED, 'certified'],
  },
  portsmouth: {
    digits: 12,
    cityLine: 'Portsmouth, NH',
    streets: [
      ['Market St', '03801'], ['Islington St', '03801'], ['Middle St', '03801'], ['State St', '03801'],
      ['Pleasant St', '03801'], ['Congress St', '03801'], ['Maplewood Ave', '03801'], ['Lafayette Rd', '03801'],
      ['Woodbury Ave', '03801'], ['Court St', '03801'], ['Richards Ave', '03801'], ['Miller Ave', '03801'],
      ['Rockland St', '03801'], ['Dennett St', '03801'], ['Sagamore Ave', '03801'], ['Elwyn Rd', '03801'],
    ],
    statuses: ALL_BUT_CERTIFIED,
  },
};

const FIRST = [
  'Maria', 'James', 'Nguyen Thi', 'Robert', 'Aisha', 'David', 'Elena', 'Michael', 'Priya', 'William', 'Fatima', 'John',
  'Sofia', 'Daniel', 'Mei', 'Thomas', 'Ana', 'Christopher', 'Yuki', 'Joseph', 'Irina', 'Kevin', 'Grace', 'Marcus',
  'Lucia', 'Ahmed', 'Hannah', 'Samuel', 'Leilani', 'Patrick', 'Olena', 'Brian', 'Rebecca', 'Hector', 'Emily', 'Dmitri',
];
const LAST = [
  'Garcia', 'Johnson', 'Pham', 'Williams', 'Hassan', 'Brown', 'Ivanova', 'Miller', 'Patel', 'Davis', 'Kim', 'Wilson',
  'Martinez', 'Anderson', 'Chen', 'Taylor', 'Lopez', 'Thomas', 'Tanaka', 'Moore', 'Kowalski', 'Jackson', 'Nakamura',
  'Harris', 'Sanchez', 'Clark', 'Okonkwo', 'Lewis', 'Kahale', 'Walker', 'Shevchenko', 'Young', 'Allen', 'Ramirez',
];
const BUSINESS = ['Properties LLC', 'Apartments LLC', 'Family Trust', 'Holdings Inc', 'Rentals LLC'];

/** mulberry32: small, fast, and the same sequence on every platform for a given seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a, to turn a utility id into a seed. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Integer cents → "12.34": the only way amounts are made here. */
function cents(c: number): MoneyString {
  return toMoneyString(new Decimal(c).dividedBy(100));
}

function generate(utility: string, place: Place, count: number, today: string, taken: Set<string>): DemoAccount[] {
  const rand = prng(hash(utility));
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)] as T;
  const weights: Record<AccountStatus, number> = { current: 70, past_due: 15, shut_off: 4, certified: 4, final_billed: 4, closed: 3 };
  const totalWeight = place.statuses.reduce((s, st) => s + weights[st], 0);
  const weighted = (): AccountStatus => {
    let r = rand() * totalWeight;
    for (const st of place.statuses) if ((r -= weights[st]) < 0) return st;
    return 'current';
  };

  const out: DemoAccount[] = [];
  while (out.length < count) {
    const i = out.length;
    let number = String(int(1, 9));
    while (number.length < place.digits) number += String(int(0, 9));
    if (taken.has(`${utility}/${number}`)) continue;
    taken.add(`${utility}/${number}`);

    // The first few go round the statuses, so every status is there even in a small demo.
    const status = i < 3 * place.statuses.length ? (place.statuses[i % place.statuses.length] as AccountStatus) : weighted();
    const name = rand() < 0.07 ? `${pick(LAST)} ${pick(BUSINESS)}` : `${pick(FIRST)} ${pick(LAST)}`;
    const [street, zip] = pick(place.streets);
    const base = { utility, number, name, serviceAddress: `${int(100, 9899)} ${street}, ${place.cityLine} ${zip}`, shutOffsLast12Months: 0, beyondShutOff: false, certifiedAmount: null };
    switch (status) {
      case 'current': {
        const credit = rand() < 0.04;
        out.push({ ...base, status, balance: cents(credit ? -int(500, 5000) : int(2500, 45000)), pastDue: cents(0), dueDate: addDays(today, int(1, 21)) });
        break;
      }
      case 'past_due': {
        const balance = int(3000, 60000);
        out.push({ ...base, status, balance: cents(balance), pastDue: cents(balance - int(0, Math.floor(balance / 2))), dueDate: addDays(today, -int(1, 40)) });
        break;
      }
      case 'shut_off': {
        const balance = int(20000, 120000);
        const shutOffs = int(1, 2);
        // About one in five went beyond shut-off (a locked or removed meter).
        out.push({ ...base, status, balance: cents(balance), pastDue: cents(balance), dueDate: addDays(today, -int(45, 90)), shutOffsLast12Months: shutOffs, beyondShutOff: rand() < 0.2 });
        break;
      }
      case 'certified':
        out.push({ ...base, status, balance: cents(int(3000, 20000)), pastDue: cents(0), dueDate: addDays(today, int(1, 20)), certifiedAmount: cents(int(10000, 90000)) });
        break;
      case 'final_billed':
        out.push({ ...base, status, balance: cents(int(1500, 30000)), pastDue: cents(0), dueDate: addDays(today, int(1, 21)) });
        break;
      case 'closed':
        out.push({ ...base, status, balance: cents(0), pastDue: cents(0), dueDate: null });
        break;
      default: {
        const never: never = status;
        throw new Error(`Unknown status ${String(never)}`);
      }
    }
  }
  return out;
}

export type DemoOptions = { perUtility?: number; today?: string };

/** The fixed accounts, then `perUtility` generated accounts for each seed utility. */
export function demoAccounts({ perUtility = 300, today = new Date().toISOString().slice(0, 10) }: DemoOptions = {}): DemoAccount[] {
  const fixed = FIXED_DEMO_ACCOUNTS.map(({ dueInDays, ...a }) => ({ ...a, dueDate: dueInDays === null ? null : addDays(today, dueInDays) }));
  const taken = new Set(fixed.map((a) => `${a.utility}/${a.number}`));
  const generated = Object.entries(DEMO_UTILITIES).flatMap(([utility, place]) => generate(utility, place, perUtility, today, taken));
  return [...fixed, ...generated];
}

/** Loads the demo into an empty database only; returns how many accounts it loaded (0 when not empty). */
export async function seedDemo(db: Database, options: DemoOptions = {}): Promise<number> {
  const accounts = demoAccounts(options);
  return db.transaction(async (tx) => {
    // The account-change lock also keeps two starting services from both seeding.
    await tx.query('select pg_advisory_xact_lock($1)', [ACCOUNT_CHANGE_LOCK]);
    const [row] = await tx.query<{ any: boolean }>('select exists (select 1 from accounts) as any');
    if (row?.any) return 0;
    const col = <K extends keyof DemoAccount>(k: K) => accounts.map((a) => a[k]);
    await tx.query(
      `insert into accounts (utility, number, name, service_address, balance, past_due, due_date, status, shut_offs_12m, beyond_shut_off, certified_amount)
       select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::numeric[], $6::numeric[], $7::date[], $8::text[], $9::int[], $10::boolean[], $11::numeric[])`,
      [col('utility'), col('number'), col('name'), col('serviceAddress'), col('balance'), col('pastDue'), col('dueDate'), col('status'), col('shutOffsLast12Months'), col('beyondShutOff'), col('certifiedAmount')],
    );
    return accounts.length;
  });
}

/** How many accounts central holds. */
export async function countAccounts(db: Database): Promise<number> {
  const [row] = await db.query<{ n: string }>('select count(*)::text as n from accounts');
  return Number(row?.n ?? 0);
}

/**
 * The bench page: the counter's own store and sync code (renderer/src/db, renderer/src/features) beside raw
 * IndexedDB and fetch doing the least possible same work. Built by Vite (tests/bench/build.ts) and driven
 * from scripts/bench.ts through `window.bench`. Every time here is performance.now() in the page; the page
 * is cross-origin isolated, so the clock is precise to microseconds rather than 0.1 ms.
 */
import { hashPin } from '../../../shared/auth/pin';
import { uuidv7 } from '../../../shared/ids';
import type { DBCore, Middleware } from 'dexie';
import type { Account } from '../../../shared/accounts/account';
import { profileById } from '../../../shared/profiles';
import type { Payment } from '../../../shared/payments/payment';
import { commitPayment } from '../../../renderer/src/db/payments';
import { countPending } from '../../../renderer/src/db/outbox';
import { CounterDb, type CachedAccount, type PaymentEntry } from '../../../renderer/src/db/schema';
import { fromCache } from '../../../renderer/src/features/lookup/lookup';
import { pullAccountChanges } from '../../../renderer/src/features/sync/cache-fill';
import { httpCentralClient, type CentralClient } from '../../../renderer/src/features/sync/central-client';
import { startSyncRunner } from '../../../renderer/src/features/sync/runner';
import { cashPayment, paymentCents, UTILITY } from '../workloads';
import type { BenchApi } from './api';

const RAW_DB = 'bench-raw';

/**
 * Store operations the app's code asks of IndexedDB (Dexie's DBCore calls: get, query, mutate…, and the
 * transactions), counted by a pass-through middleware on the bench's own CounterDb instance.
 */
const ops = { transactions: 0, calls: 0 };
const counting: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'bench-count',
  create: (down) => ({
    ...down,
    transaction: (...a: Parameters<DBCore['transaction']>) => {
      ops.transactions++;
      return down.transaction(...a);
    },
    table: (name) => {
      const t = down.table(name);
      const count =
        <A extends unknown[], R>(fn: (...a: A) => Promise<R>) =>
        (...a: A): Promise<R> => {
          ops.calls++;
          return fn(...a);
        };
      return { ...t, get: count(t.get), getMany: count(t.getMany), query: count(t.query), openCursor: count(t.openCursor), count: count(t.count), mutate: count(t.mutate) };
    },
  }),
};

let app: CounterDb | null = null;
function appDb(): CounterDb {
  if (!app) {
    app = new CounterDb();
    app.use(counting);
  }
  return app;
}
const opsSince = (before: typeof ops) => ({ transactions: ops.transactions - before.transactions, calls: ops.calls - before.calls });

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
  });
}

/** The limit's own database: the same store shapes as the app's, no library. */
let raw: Promise<IDBDatabase> | null = null;
function rawDb(): Promise<IDBDatabase> {
  raw ??= new Promise((resolve, reject) => {
    const open = indexedDB.open(RAW_DB, 1);
    open.onupgradeneeded = () => {
      const db = open.result;
      db.createObjectStore('accounts', { keyPath: ['utility', 'number'] }).createIndex('updatedAt', 'updatedAt');
      db.createObjectStore('payments', { keyPath: 'id' });
      db.createObjectStore('outbox', { keyPath: 'id' }).createIndex('state', 'state');
    };
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  return raw;
}

/** The app's own database ("counter"), opened raw at whatever version the app gave it. */
let counterRaw: Promise<IDBDatabase> | null = null;
function counterRawDb(): Promise<IDBDatabase> {
  counterRaw ??= new Promise((resolve, reject) => {
    const open = indexedDB.open('counter');
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  return counterRaw;
}

/** The app's own client, with the time spent waiting for central's answers (request, central, parse) added up. */
function timedClient(base: CentralClient): { client: CentralClient; waited: { ms: number; calls: number } } {
  const waited = { ms: 0, calls: 0 };
  const timed =
    <A extends unknown[], R>(fn: (...a: A) => Promise<R>) =>
    async (...a: A): Promise<R> => {
      const t0 = performance.now();
      try {
        return await fn(...a);
      } finally {
        waited.ms += performance.now() - t0;
        waited.calls++;
      }
    };
  return { client: { ...base, feed: timed(base.feed), postPayments: timed(base.postPayments) }, waited };
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The accounts as the cashier saw them, read before any clock starts. */
async function accountsFor(numbers: string[]): Promise<Map<string, Account>> {
  const unique = [...new Set(numbers)];
  const rows = await appDb().accounts.bulkGet(unique.map((n) => [UTILITY, n] as [string, string]));
  const out = new Map<string, Account>();
  rows.forEach((row: CachedAccount | undefined, i) => {
    if (!row) throw new Error(`account ${unique[i]} is not in the cache: fill it first`);
    const { cachedAt: _cachedAt, ...account } = row;
    out.set(account.number, account);
  });
  return out;
}

function makePayments(numbers: string[], firstK: number, stationId: string, accounts: Map<string, Account>) {
  return numbers.map((number, i) => {
    const payment: Payment = cashPayment({
      id: uuidv7(),
      accountNumber: number,
      cents: paymentCents(firstK + i),
      stationId,
      takenAt: new Date().toISOString(),
    });
    return { payment, accounts: { [number]: accounts.get(number) as Account } };
  });
}

const bench: BenchApi = {
  async fillApp(centralUrl, token, utility) {
    const db = appDb();
    await db.open();
    const { client, waited } = timedClient(httpCentralClient(centralUrl, token));
    const t0 = performance.now();
    const before = { ...ops };
    const received = await pullAccountChanges(db, client, utility);
    return { ms: performance.now() - t0, received, centralMs: waited.ms, calls: waited.calls, store: opsSince(before) };
  },

  async fillRaw(limit) {
    const db = await rawDb();
    const cachedAt = new Date().toISOString();
    let after = '0';
    let received = 0;
    let centralMs = 0;
    let calls = 0;
    const t0 = performance.now();
    for (;;) {
      const f0 = performance.now();
      const res = await fetch(`/raw/accounts?after=${after}&limit=${limit}`);
      if (!res.ok) throw new Error(`/raw/accounts answered ${res.status}`);
      const page = (await res.json()) as { rows: Array<Record<string, unknown>>; cursor: string; more: boolean };
      centralMs += performance.now() - f0;
      calls++;
      if (page.rows.length > 0) {
        const tx = db.transaction('accounts', 'readwrite');
        const store = tx.objectStore('accounts');
        for (const row of page.rows) {
          row.cachedAt = cachedAt;
          store.put(row);
        }
        await done(tx);
      }
      received += page.rows.length;
      after = page.cursor;
      if (!page.more) break;
    }
    return { ms: performance.now() - t0, received, centralMs, calls };
  },

  async cachedCount() {
    return appDb().accounts.count();
  },

  async lookups(utility, appNumbers, rawNumbers) {
    const db = appDb();
    const profile = profileById(utility);
    const idb = await counterRawDb();
    const rawGet = async (number: string) => request(idb.transaction('accounts', 'readonly').objectStore('accounts').get([utility, number]));
    const app: number[] = [];
    const rawTimes: number[] = [];
    let misses = 0;
    const timeApp = async (n: string) => {
      const t0 = performance.now();
      const found = await fromCache(db, profile, n);
      app.push(performance.now() - t0);
      if (!found) misses++;
    };
    const timeRaw = async (n: string) => {
      const t0 = performance.now();
      const found: unknown = await rawGet(n);
      rawTimes.push(performance.now() - t0);
      if (!found) misses++;
    };
    const count = Math.min(appNumbers.length, rawNumbers.length);
    for (let i = 0; i < count; i++) {
      // Alternate which goes first, so neither always runs on the other's warm caches.
      if (i % 2 === 0) {
        await timeApp(appNumbers[i] as string);
        await timeRaw(rawNumbers[i] as string);
      } else {
        await timeRaw(rawNumbers[i] as string);
        await timeApp(appNumbers[i] as string);
      }
    }
    return { app, raw: rawTimes, misses };
  },

  async payments(accountNumbers, firstK, stationId) {
    const db = appDb();
    const idb = await rawDb();
    const accounts = await accountsFor(accountNumbers);
    const work = makePayments(accountNumbers, firstK, stationId, accounts);
    const app: number[] = [];
    const rawTimes: number[] = [];
    const before = { ...ops };
    const timeApp = async (w: (typeof work)[number]) => {
      const t0 = performance.now();
      await commitPayment(db, w.payment, w.accounts);
      app.push(performance.now() - t0);
    };
    const timeRaw = async (w: (typeof work)[number]) => {
      // The same journal entry the app writes, in one strict transaction of its own.
      const entry: PaymentEntry = { id: w.payment.id, kind: 'payment', takenAt: w.payment.takenAt, payment: w.payment, accounts: w.accounts };
      const t0 = performance.now();
      const tx = idb.transaction('payments', 'readwrite', { durability: 'strict' });
      tx.objectStore('payments').put(entry);
      await done(tx);
      rawTimes.push(performance.now() - t0);
    };
    for (const [i, w] of work.entries()) {
      if (i % 2 === 0) {
        await timeApp(w);
        await timeRaw(w);
      } else {
        await timeRaw(w);
        await timeApp(w);
      }
    }
    return { app, raw: rawTimes, store: opsSince(before) };
  },

  async queuePayments(accountNumbers, firstK, stationId) {
    const db = appDb();
    const accounts = await accountsFor(accountNumbers);
    const work = makePayments(accountNumbers, firstK, stationId, accounts);
    const t0 = performance.now();
    // A few in flight at once: Dexie queues the transactions (they share journal and outbox), the page keeps busy.
    const inFlight = 8;
    for (let i = 0; i < work.length; i += inFlight) {
      await Promise.all(work.slice(i, i + inFlight).map((w) => commitPayment(db, w.payment, w.accounts)));
    }
    return { ms: performance.now() - t0 };
  },

  async queueRawPayments(accountNumbers, firstK, stationId) {
    const idb = await rawDb();
    const accounts = await accountsFor(accountNumbers);
    const work = makePayments(accountNumbers, firstK, stationId, accounts);
    const t0 = performance.now();
    const tx = idb.transaction('outbox', 'readwrite');
    const store = tx.objectStore('outbox');
    const queuedAt = new Date().toISOString();
    for (const w of work) store.put({ id: w.payment.id, kind: 'payment', payment: w.payment, state: 'pending', queuedAt, attempts: 0 });
    await done(tx);
    return { ms: performance.now() - t0 };
  },

  async pending() {
    return countPending(appDb());
  },

  async drainApp(centralUrl, token, deadlineMs) {
    const db = appDb();
    const { client, waited } = timedClient(httpCentralClient(centralUrl, token));
    const before = { ...ops };
    const t0 = performance.now();
    let ms = 0;
    const runner = startSyncRunner(db, client, { lockName: 'bench-outbox-sender' });
    // The runner publishes the pending count after every batch: done at the first 0 after a non-zero. A slow
    // poll backs it up; polling fast would add count() requests of our own to what is measured.
    let seen = false;
    await new Promise<void>((resolve) => {
      const finish = () => {
        if (!ms) ms = performance.now() - t0;
        resolve();
      };
      runner.subscribe((s) => {
        if (s.waiting > 0) seen = true;
        else if (seen) finish();
      });
      void (async () => {
        while (!ms && performance.now() - t0 < deadlineMs) {
          await sleep(1000);
          if (!ms && (await countPending(db)) === 0) finish();
        }
        finish();
      })();
    });
    const store = opsSince(before);
    const left = await countPending(db);
    const centralMs = waited.ms;
    const calls = waited.calls;
    await runner.stop();
    return { ms, left, centralMs, calls, store };
  },

  async drainRaw(batch) {
    const idb = await rawDb();
    let sent = 0;
    let centralMs = 0;
    let calls = 0;
    const t0 = performance.now();
    for (;;) {
      const rows = await request(
        idb.transaction('outbox', 'readonly').objectStore('outbox').index('state').getAll(IDBKeyRange.only('pending'), batch),
      ) as Array<{ payment: Payment; state: string }>;
      if (rows.length === 0) break;
      const f0 = performance.now();
      const res = await fetch('/raw/payments', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(rows.map((r) => r.payment)),
      });
      if (!res.ok) throw new Error(`/raw/payments answered ${res.status}: ${await res.text()}`);
      await res.json();
      centralMs += performance.now() - f0;
      calls++;
      const tx = idb.transaction('outbox', 'readwrite');
      const store = tx.objectStore('outbox');
      for (const r of rows) {
        r.state = 'sent';
        store.put(r);
      }
      await done(tx);
      sent += rows.length;
    }
    return { ms: performance.now() - t0, sent, centralMs, calls };
  },

  async hashPinMs(count) {
    const t0 = performance.now();
    for (let i = 0; i < count; i++) await hashPin(`${1000 + i}`);
    return performance.now() - t0;
  },

  async close() {
    app?.close();
    app = null;
    if (raw) (await raw).close();
    if (counterRaw) (await counterRaw).close();
    raw = null;
    counterRaw = null;
  },
};

window.bench = bench;
document.title = 'bench ready';

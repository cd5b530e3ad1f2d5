/** What the bench page (bench-entry.ts, built by Vite, run in Chromium) offers the Node side on `window.bench`. */

/** Per-operation times in milliseconds, as performance.now() measured them in the page. */
export type Times = number[];

/** Time spent waiting on HTTP answers (request sent → body parsed), and how many calls. */
export type Waited = { centralMs: number; calls: number };

export type Fill = { ms: number; received: number; store?: StoreOps } & Waited;

/** IndexedDB work the app's code asked for (Dexie DBCore calls and transactions), counted in the page. */
export type StoreOps = { transactions: number; calls: number };

export interface BenchApi {
  /** The app's first fill of its account cache: pullAccountChanges against central, through the app's client. */
  fillApp(centralUrl: string, token: string, utility: string): Promise<Fill>;
  /** The limit: GET /raw/accounts (a raw SELECT), pages of `limit`, raw IndexedDB puts, one transaction a page. */
  fillRaw(limit: number): Promise<Fill>;
  /** How many accounts the app's cache holds. */
  cachedCount(): Promise<number>;
  /**
   * Look-ups, interleaved one for one: the app's (fromCache → Dexie cachedAccount) on `appNumbers`, and a raw
   * IndexedDB `get` on the same store on `rawNumbers`. Counts what was not found.
   */
  lookups(utility: string, appNumbers: string[], rawNumbers: string[]): Promise<{ app: Times; raw: Times; misses: number }>;
  /**
   * Payments, interleaved one for one: commitPayment (zod parse, hash chain, journal + outbox, strict) into the
   * app's store, and one raw strict `put` of the same journal entry into a bare store.
   */
  payments(accountNumbers: string[], firstK: number, stationId: string): Promise<{ app: Times; raw: Times; store: StoreOps }>;
  /** Queues payments through commitPayment, untimed beyond the total (to fill the outbox). */
  queuePayments(accountNumbers: string[], firstK: number, stationId: string): Promise<{ ms: number }>;
  /** Puts the same kind of payments into the raw outbox store in one transaction. */
  queueRawPayments(accountNumbers: string[], firstK: number, stationId: string): Promise<{ ms: number }>;
  /** How many outbox entries wait to be sent (app store). */
  pending(): Promise<number>;
  /** startSyncRunner on the app's store; resolves when countPending is 0 (or the deadline passed). */
  drainApp(centralUrl: string, token: string, deadlineMs: number): Promise<{ ms: number; left: number; store: StoreOps } & Waited>;
  /** The limit: read 500 pending rows, one POST /raw/payments (one set-based insert), mark them sent; again. */
  drainRaw(batch: number): Promise<{ ms: number; sent: number } & Waited>;
  /** The app's own PIN hashing (PBKDF2, as a new station seeds its users), `count` times in a row. */
  hashPinMs(count: number): Promise<number>;
  /** Closes the page's connections so another page (the real app) can open the store freely. */
  close(): Promise<void>;
}

declare global {
  interface Window {
    bench: BenchApi;
    /** Set by the opening benchmark's init script: performance.now() when the User field took focus. */
    __benchReady?: number;
  }
}

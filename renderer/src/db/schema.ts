/**
 * The station's local store. Only renderer/src/db/ touches Dexie.
 *
 * Versions only ever grow: never edit a released version's stores, add a new version below it
 * (tests/unit/renderer/db/schema.test.ts keeps that promise).
 */
import Dexie, { type Table } from 'dexie';
import type { Account } from '../../../shared/accounts/account';
import type { Payment } from '../../../shared/payments/payment';
import type { Void } from '../../../shared/payments/void';
import type { PinHash } from '../../../shared/auth/pin';
import type { Role } from '../../../shared/auth/users';
import type { Language } from '../../../shared/receipt/i18n';
import { chainHash, GENESIS, type Chained } from '../../../shared/journal/chain';

export type CachedAccount = Account & { cachedAt: string };

/**
 * Every fact the counter records, in order; nothing is ever deleted or edited but `central`.
 * `n`, `prevHash` and `hash` chain the entries (shared/journal/chain.ts): a rewrite shows.
 */
export type JournalEntry = (PaymentEntry | VoidEntry) & Partial<Chained>;

export type PaymentEntry = {
  seq?: number;
  id: string;
  kind: 'payment';
  takenAt: string;
  payment: Payment;
  /** The accounts as shown to the cashier when the payment was taken, for the receipt and reprints. */
  accounts: Record<string, Account>;
  /** The language the customer asked for on the receipt (the cashier's screens stay English). */
  receiptLanguage?: Language;
  /** Central's answer, once it has one. */
  central?: { reference: string; postedAt: string };
};

/** A void: a new entry pointing at the payment it cancels (indexed by `voidsPaymentId`). */
export type VoidEntry = {
  seq?: number;
  id: string;
  kind: 'void';
  takenAt: string;
  void: Void;
  voidsPaymentId: string;
  central?: { reference: string; postedAt: string };
};

/**
 * One payment on its way to central.
 * - pending: not yet answered by central; sent in order.
 * - sent: central posted it (or had it already); kept as the record of delivery.
 * - conflict / rejected: central refused it for good; kept and shown to a supervisor, never retried.
 */
export type OutboxState = 'pending' | 'sent' | 'conflict' | 'rejected';

export type OutboxEntry = {
  seq?: number;
  id: string;
  state: OutboxState;
  queuedAt: string;
  attempts: number;
  lastError?: string;
  reference?: string;
} & ({ kind: 'payment'; payment: Payment } | { kind: 'void'; void: Void });

export type StoredUser = { name: string; displayName: string; role: Role; pin: PinHash };
export type MetaEntry = { key: string; value: string };

export class CounterDb extends Dexie {
  accounts!: Table<CachedAccount, [string, string]>;
  journal!: Table<JournalEntry, number>;
  outbox!: Table<OutboxEntry, number>;
  users!: Table<StoredUser, string>;
  meta!: Table<MetaEntry, string>;

  constructor(name = 'counter') {
    // Strict durability: Chromium's default since 121 is relaxed, which can drop the last commits on power loss.
    super(name, { chromeTransactionDurability: 'strict' });
    this.version(1).stores({
      accounts: '[utility+number], updatedAt',
      journal: '++seq, &id, takenAt',
      outbox: '++seq, &id, [state+seq]',
      users: '&name',
      meta: '&key',
    });
    // Voids: find the void of a payment. The journal becomes a hash chain; entries already there are chained in order.
    this.version(2)
      .stores({ journal: '++seq, &id, takenAt, voidsPaymentId' })
      .upgrade(async (tx) => {
        let prev = GENESIS;
        let n = 0;
        await tx
          .table('journal')
          .toCollection()
          .modify((e: JournalEntry) => {
            n += 1;
            e.n = n;
            e.prevHash = prev;
            e.hash = chainHash(n, prev, journalContent(e));
            prev = e.hash;
          });
      });
  }
}

/** What an entry's hash covers: everything but its place in the store, the chain fields and central's answer. */
export function journalContent(e: JournalEntry): unknown {
  const { seq: _seq, n: _n, prevHash: _p, hash: _h, central: _c, ...content } = e;
  return content;
}

let instance: CounterDb | null = null;

/** The station's one database. */
export function counterDb(): CounterDb {
  instance ??= new CounterDb();
  return instance;
}

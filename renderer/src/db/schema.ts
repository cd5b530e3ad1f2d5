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
import { chainHash, GENESIS, type Chained, type JournalMac } from '../../../shared/journal/chain';
import type { Closeout, Drop } from '../../../shared/drawer/closeout';
import type { Deposit } from '../../../shared/drawer/deposit';
import type { DrawerJournalEntry, DrawerSession } from '../../../shared/drawer/entries';
import type { DropBoxBatch } from '../../../shared/dropbox/batch';
import type { DropBoxBatchEntry, StoredBatch, StoredItem } from './dropbox';
import { storedKeyMac } from './journal-key';

export type CachedAccount = Account & { cachedAt: string };

/**
 * Every fact the counter records, in order; nothing is ever deleted or edited but `central`.
 * `n`, `prevHash` and `hash` chain the entries (shared/journal/chain.ts): a rewrite shows.
 */
export type JournalEntry = (PaymentEntry | VoidEntry | DrawerJournalEntry | DropBoxBatchEntry) & Partial<Chained>;

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
  central?: CentralAnswer;
};

/** Central's answer to an entry: its reference, and, when central stored it without applying it, why. */
export type CentralAnswer = { reference: string; postedAt: string; held?: string };

/** A void: a new entry pointing at the payment it cancels (indexed by `voidsPaymentId`). */
export type VoidEntry = {
  seq?: number;
  id: string;
  kind: 'void';
  takenAt: string;
  void: Void;
  voidsPaymentId: string;
  central?: CentralAnswer;
};

/**
 * One payment on its way to central.
 * - pending: not yet answered by central; sent in order.
 * - sent: central posted it (or had it already); kept as the record of delivery.
 * - held: central stored it but could not apply it (reason in lastError); the back office decides. Final.
 * - conflict / rejected: central refused it for good; kept and shown to a supervisor, never retried.
 */
export type OutboxState = 'pending' | 'sent' | 'held' | 'conflict' | 'rejected';

export type OutboxEntry = {
  seq?: number;
  id: string;
  state: OutboxState;
  queuedAt: string;
  attempts: number;
  lastError?: string;
  reference?: string;
} & (
  | { kind: 'payment'; payment: Payment }
  | { kind: 'void'; void: Void }
  | { kind: 'closeout'; closeout: Closeout }
  | { kind: 'deposit'; deposit: Deposit }
  | { kind: 'dropbox_batch'; batch: DropBoxBatch }
);

export type StoredUser = {
  name: string;
  displayName: string;
  role: Role;
  pin: PinHash;
  /** Wrong PINs in a row since the last right one (renderer/src/db/users.ts locks the user at the profile's limit). */
  failedPins?: number;
  /** Locked out until this time after too many wrong PINs. */
  lockedUntil?: string;
};
export type MetaEntry = { key: string; value: string };
/** A key the page may use but not read (`extractable: false`): the browser host's journal key. */
export type StoredKey = { name: string; key: CryptoKey };

export class CounterDb extends Dexie {
  accounts!: Table<CachedAccount, [string, string]>;
  journal!: Table<JournalEntry, number>;
  outbox!: Table<OutboxEntry, number>;
  users!: Table<StoredUser, string>;
  meta!: Table<MetaEntry, string>;
  drawers!: Table<DrawerSession, string>;
  drops!: Table<Drop, string>;
  deposits!: Table<Deposit, string>;
  dropboxBatches!: Table<StoredBatch, string>;
  dropboxItems!: Table<StoredItem, string>;
  keys!: Table<StoredKey, string>;
  /**
   * Signs journal entries (shared/journal/chain.ts). By default the non-extractable key in `keys`; the
   * Electron host replaces it with main's, which the page never holds.
   */
  journalMac: JournalMac;

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
    // Drawers (renderer/src/db/drawer.ts): a station's drawer sessions by state, their drops, the day's deposits.
    this.version(3).stores({
      drawers: '&id, [stationId+state], cashier',
      drops: '&id, drawerSessionId',
      deposits: '&id, businessDate',
    });
    // Drop-box batches (renderer/src/db/dropbox.ts): the station's open batch, and each batch's items in entry order.
    this.version(4).stores({
      dropboxBatches: '&id, [stationId+state]',
      dropboxItems: '&id, [batchId+n]',
    });
    // The browser host's journal key (renderer/src/db/journal-key.ts).
    this.version(5).stores({ keys: '&name' });
    this.journalMac = storedKeyMac(this);
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

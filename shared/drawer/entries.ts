/**
 * The journal entries of people and drawers: sign-ins and lockouts, a drawer's open, drops, blind count,
 * reopen, sign-off (the close-out), the deposit and the end of the day. Each is one fact, appended to the
 * hash-chained journal in the transaction that records it; nothing here is ever edited.
 */
import type { Role } from '../auth/users';
import type { MoneyString } from '../money/money';
import type { Closeout, Counted, Drop } from './closeout';
import type { CashCount } from './denominations';
import type { Deposit } from './deposit';

type Base = { seq?: number; id: string; takenAt: string; central?: { reference: string; postedAt: string } };

export type SignInEntry = Base & { kind: 'signin'; stationId: string; user: string; role: Role };
/** Too many wrong PINs: the user cannot sign in or approve until `until`. */
export type UserLockedEntry = Base & { kind: 'user_locked'; stationId: string; user: string; until: string; attempts: number };
export type DrawerOpenEntry = Base & {
  kind: 'drawer_open';
  stationId: string;
  drawerSessionId: string;
  cashier: string;
  openedBy: string;
  floatCount: CashCount;
  float: MoneyString;
  /** Why the float differs from the profile's expected float; '' when it does not. */
  note: string;
};
export type DropEntry = Base & { kind: 'drop'; drawerSessionId: string; drop: Drop };
/** The cashier's blind count: recorded before anyone sees what was expected. */
export type DrawerCountEntry = Base & { kind: 'drawer_count'; drawerSessionId: string; cashier: string; counted: Counted };
export type DrawerReopenEntry = Base & { kind: 'drawer_reopen'; drawerSessionId: string; approvedBy: string; reason: string };
/** The supervisor's sign-off: the close-out as it is sent to central (its id is the drawer session's). */
export type CloseoutEntry = Base & { kind: 'closeout'; closeout: Closeout };
export type DepositEntry = Base & { kind: 'deposit'; deposit: Deposit };
export type EndOfDayEntry = Base & { kind: 'end_of_day'; stationId: string; businessDate: string; by: string; waitingAcknowledged: number };

export type DrawerJournalEntry =
  | SignInEntry
  | UserLockedEntry
  | DrawerOpenEntry
  | DropEntry
  | DrawerCountEntry
  | DrawerReopenEntry
  | CloseoutEntry
  | DepositEntry
  | EndOfDayEntry;

/**
 * A drawer as the station keeps it between facts (the journal holds the facts; this is their sum, for
 * quick reading). open → counted (blind count in) → closed (signed off); counted → open again on a
 * supervisor's reopen.
 */
export type DrawerSession = {
  id: string;
  utility: string;
  stationId: string;
  cashier: string;
  state: 'open' | 'counted' | 'closed';
  openedAt: string;
  openedBy: string;
  floatCount: CashCount;
  float: MoneyString;
  floatNote: string;
  /** The journal position of the open entry: the drawer's transactions all come after it. */
  openSeq: number;
  countedAt?: string;
  counted?: Counted;
  closeout?: Closeout;
  depositId?: string;
};

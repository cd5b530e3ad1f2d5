/**
 * Drawers, the one write path: open with a counted float, take payments and voids into the drawer, drops
 * with a second person, the blind count, the supervisor's sign-off (the close-out, queued for central),
 * the day's deposit (queued too), and the end of the day. Each action is one strict Dexie transaction
 * that checks the drawer's state, appends its journal entry and changes the drawer; a refusal throws
 * `DrawerRefused` naming the field, and then nothing was written.
 *
 * PINs are checked before a transaction starts (Web Crypto cannot be awaited inside one); the functions
 * take an `Approval`, which only `approve` in users.ts makes.
 */
import { discardDraft } from './drafts';
import type { Account } from '../../../shared/accounts/account';
import { uuidv7 } from '../../../shared/ids';
import { add, formatMoney, money, sub, toMoneyString, ZERO } from '../../../shared/money/money';
import type { Payment } from '../../../shared/payments/payment';
import type { Void } from '../../../shared/payments/void';
import type { DrawerSettings } from '../../../shared/profiles/schema';
import type { Language } from '../../../shared/receipt/i18n';
import {
  cashLevel,
  closeoutRuleError,
  closeoutSchema,
  dropSchema,
  expectedTotals,
  floatProblem,
  judgeCloseForm,
  noteSchema,
  overShort,
  type CloseForm,
  type Closeout,
  type DrawerPayment,
  type Drop,
  type Expected,
} from '../../../shared/drawer/closeout';
import { judgeCount } from '../../../shared/drawer/denominations';
import type { BusinessDayWithBounds } from '../../../shared/time/business-day';
import { depositFigures, depositSchema, bagNumberSchema, judgeDepositCash, type Deposit } from '../../../shared/drawer/deposit';
import type { DrawerSession } from '../../../shared/drawer/entries';
import { commitPayment, commitVoid } from './payments';
import { appendToJournal } from './journal';
import { countPending, entriesNeedingAttention } from './outbox';
import type { CounterDb, JournalEntry, PaymentEntry, VoidEntry } from './schema';
import type { Approval } from './users';

/** A refused drawer action: `field` is the form field the message starts with. Nothing was written. */
export class DrawerRefused extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

const clock = (iso: string) => new Date(iso).toLocaleTimeString('en-US', { hour: '2-digit', minute: '2-digit' });
const NOT_CLOSED: ReadonlyArray<DrawerSession['state']> = ['open', 'counted'];

/** Every drawer kept at this station, newest first. */
export async function stationDrawers(db: CounterDb, stationId: string): Promise<DrawerSession[]> {
  const all = await db.drawers.where('[stationId+state]').between([stationId, ''], [stationId, '\uffff']).toArray();
  return all.sort((a, b) => (a.openedAt < b.openedAt ? 1 : a.openedAt > b.openedAt ? -1 : 0));
}

/** The cashier's drawer at this station that is not yet closed (open, or counted and waiting for sign-off). */
export async function currentDrawer(db: CounterDb, stationId: string, cashier: string): Promise<DrawerSession | undefined> {
  const found = await db.drawers.where('[stationId+state]').anyOf(NOT_CLOSED.map((s) => [stationId, s])).filter((d) => d.cashier === cashier).toArray();
  return found[0];
}

function refuseUnlessFound(d: DrawerSession | undefined, field: string): DrawerSession {
  if (!d) throw new DrawerRefused(`${field}: this station holds no such drawer`, field);
  return d;
}

/** The drawer's payments (from the journal, after its open), each with its void if it has one. */
export async function drawerPayments(db: CounterDb, drawer: DrawerSession): Promise<DrawerPayment[]> {
  const after = (await db.journal.where('seq').above(drawer.openSeq).toArray()) as JournalEntry[];
  const ours = after.filter((e): e is PaymentEntry => e.kind === 'payment' && e.payment.drawerSessionId === drawer.id);
  const voids = new Map(after.filter((e): e is VoidEntry => e.kind === 'void').map((v) => [v.voidsPaymentId, v]));
  return ours.map((e) => {
    const v = voids.get(e.id);
    return { payment: e.payment, voidedBy: v ? { voidId: v.id, approvedBy: v.void.approvedBy, reason: v.void.reason } : null };
  });
}

export async function drawerDrops(db: CounterDb, drawerId: string): Promise<Drop[]> {
  return (await db.drops.where('drawerSessionId').equals(drawerId).toArray()).sort((a, b) => (a.at < b.at ? -1 : 1));
}

/** What the drawer should hold now. For supervisors' eyes: the cashier's close is blind. */
export async function expectedNow(db: CounterDb, drawer: DrawerSession): Promise<Expected> {
  return expectedTotals(drawer.float, await drawerPayments(db, drawer), (await drawerDrops(db, drawer.id)).map((d) => d.amount));
}

// ── Open ────────────────────────────────────────────────────────────────────────────────────────────

export type OpenRequest = {
  stationId: string;
  utility: string;
  cashier: string;
  /** The float as counted, by denomination, as typed. */
  floatCount: Readonly<Record<string, string>>;
  /** Required when the float differs from the expected float. */
  note: string;
  approval: Approval;
  settings: Pick<DrawerSettings, 'expectedFloat'>;
  at?: Date;
};

/** Opens a drawer for a cashier with a counted float, approved by a supervisor. One open drawer per cashier per station. */
export async function openDrawer(db: CounterDb, req: OpenRequest): Promise<DrawerSession> {
  const count = judgeCount(req.floatCount);
  if (!count.ok) throw new DrawerRefused(count.errors[0]!.message, count.errors[0]!.field);
  if (money(count.total).isZero()) throw new DrawerRefused('Float: count the float the drawer opens with; it cannot be empty', 'float');
  const note = noteSchema.safeParse(req.note);
  if (!note.success) throw new DrawerRefused(note.error.issues[0]?.message ?? 'Note: not recorded', 'note');
  const problem = floatProblem(count.total, req.settings.expectedFloat);
  if (problem && note.data.length < 3) throw new DrawerRefused(problem, 'float');
  if (req.approval.role !== 'supervisor') throw new DrawerRefused('Supervisor: only a supervisor opens a drawer', 'supervisor');
  if (req.approval.name === req.cashier) throw new DrawerRefused('Supervisor: a cashier cannot open their own drawer; another supervisor approves it', 'supervisor');
  const at = (req.at ?? new Date()).toISOString();
  const id = uuidv7();
  return db.transaction('rw', [db.users, db.drawers, db.journal], async () => {
    const cashier = await db.users.get(req.cashier);
    if (!cashier || cashier.role === 'dropbox') throw new DrawerRefused(`Cashier: ${req.cashier} is not a cashier or supervisor at this station`, 'cashier');
    const existing = await currentDrawer(db, req.stationId, req.cashier);
    if (existing) {
      throw new DrawerRefused(`Cashier: ${req.cashier} already has a drawer ${existing.state === 'open' ? 'open' : 'waiting for sign-off'} at this station (opened ${clock(existing.openedAt)}); close it first`, 'cashier');
    }
    const entry: JournalEntry = {
      id: uuidv7(),
      kind: 'drawer_open',
      takenAt: at,
      stationId: req.stationId,
      drawerSessionId: id,
      cashier: req.cashier,
      openedBy: req.approval.name,
      floatCount: count.count,
      float: count.total,
      note: problem ? note.data : '',
    };
    await appendToJournal(db, entry);
    const session: DrawerSession = {
      id,
      utility: req.utility,
      stationId: req.stationId,
      cashier: req.cashier,
      state: 'open',
      openedAt: at,
      openedBy: req.approval.name,
      floatCount: count.count,
      float: count.total,
      floatNote: entry.note,
      openSeq: entry.seq!,
    };
    await db.drawers.add(session);
    return session;
  });
}

// ── Payments and voids into a drawer ────────────────────────────────────────────────────────────────

async function openDrawerFor(db: CounterDb, drawerId: string | null, who: { stationId: string; cashier: string }, field: string): Promise<DrawerSession> {
  if (drawerId === null) throw new DrawerRefused(`${field}: no drawer is open for ${who.cashier} at this station; a supervisor opens one (F10)`, field);
  const d = await db.drawers.get(drawerId);
  if (!d) throw new DrawerRefused(`${field}: this station holds no such drawer`, field);
  if (d.state !== 'open') {
    throw new DrawerRefused(
      `${field}: the drawer was ${d.state === 'counted' ? `counted for the close at ${clock(d.countedAt ?? d.openedAt)}` : 'closed'}; it takes no more transactions. Nothing was recorded`,
      field,
    );
  }
  if (d.stationId !== who.stationId || d.cashier !== who.cashier) throw new DrawerRefused(`${field}: this drawer is ${d.cashier}'s at ${d.stationId}, not ${who.cashier}'s here`, field);
  return d;
}

/**
 * Records a payment into its drawer: the drawer must be open and the cashier's, and a payment with cash in
 * it is refused while the drawer holds the profile's maximum (until a drop is recorded). The drawer check
 * and the payment's journal and outbox writes are one transaction.
 */
export async function commitDrawerPayment(
  db: CounterDb,
  payment: Payment,
  accounts: Record<string, Account>,
  settings: Pick<DrawerSettings, 'cashWarnAt' | 'cashMaxAt'>,
  opts: { receiptLanguage?: Language } = {},
): Promise<PaymentEntry> {
  return db.transaction('rw', [db.drawers, db.drops, db.journal, db.outbox, db.meta], async () => {
    const d = await openDrawerFor(db, payment.drawerSessionId, payment, 'Post payment');
    if (payment.tenders.some((t) => t.kind === 'cash')) {
      const before = (await expectedNow(db, d)).cash;
      const level = cashLevel(before, settings);
      if (level.level === 'block') throw new DrawerRefused(`Bills: ${level.message}`, 'bills');
      // The limit counts the payment being posted: one payment must not carry the drawer past it.
      const kept = sub(add(...payment.tenders.map((t) => (t.kind === 'cash' ? add(money(t.bills), money(t.coins)) : ZERO))), money(payment.change));
      if (add(money(before), kept).greaterThan(money(settings.cashMaxAt))) {
        throw new DrawerRefused(
          `Bills: Cash limit: this payment would take the drawer above its ${formatMoney(settings.cashMaxAt)} maximum; record a drop to the safe first (F10), then post. Checks, money orders and cards can still be taken`,
          'bills',
        );
      }
    }
    const entry = await commitPayment(db, payment, accounts, opts);
    // The draft goes with the same commit: after a crash there is either a posted payment or a draft, never both.
    await discardDraft(db, payment.stationId, payment.cashier, payment.id);
    return entry;
  });
}

/** Records a void: the voided payment's drawer must still be open (a closed drawer's figures stand). */
export async function commitDrawerVoid(db: CounterDb, v: Void, opts: { timeZone?: string } = {}): Promise<VoidEntry> {
  return db.transaction('rw', [db.drawers, db.journal, db.outbox], async () => {
    if (v.drawerSessionId !== null) {
      const d = await db.drawers.get(v.drawerSessionId);
      if (d && d.state !== 'open') {
        throw new DrawerRefused(`Void: the payment's drawer was ${d.state === 'counted' ? 'counted for the close' : 'closed'}; its figures stand and it takes no void. Nothing was voided`, 'void');
      }
    }
    return commitVoid(db, v, opts);
  });
}

// ── Drops ───────────────────────────────────────────────────────────────────────────────────────────

/** Cash taken from an open drawer to the safe, counted by denomination, seen by a second person. */
export async function recordDrop(db: CounterDb, req: { drawerId: string; count: Readonly<Record<string, string>>; witness: Approval; at?: Date }): Promise<Drop> {
  const count = judgeCount(req.count);
  if (!count.ok) throw new DrawerRefused(count.errors[0]!.message, count.errors[0]!.field);
  if (money(count.total).isZero()) throw new DrawerRefused('Drop: count the cash going to the safe; a drop cannot be empty', 'drop');
  const at = (req.at ?? new Date()).toISOString();
  return db.transaction('rw', [db.drawers, db.drops, db.journal], async () => {
    const d = refuseUnlessFound(await db.drawers.get(req.drawerId), 'Drop');
    if (d.state !== 'open') throw new DrawerRefused('Drop: the drawer is not open; nothing was recorded', 'drop');
    if (req.witness.name === d.cashier) throw new DrawerRefused('Witness: a drop needs a second person, not the cashier', 'witness');
    const holds = (await expectedNow(db, d)).cash;
    if (money(count.total).greaterThan(money(holds))) {
      // The amount the drawer should hold is not said: the cashier's close is blind.
      throw new DrawerRefused(`Drop: ${formatMoney(count.total)} is more than the drawer should hold; recount the drop`, 'drop');
    }
    const drop: Drop = dropSchema.parse({ id: uuidv7(), drawerSessionId: d.id, at, cashier: d.cashier, witness: req.witness.name, count: count.count, amount: count.total });
    await appendToJournal(db, { id: drop.id, kind: 'drop', takenAt: at, drawerSessionId: d.id, drop });
    await db.drops.add(drop);
    return drop;
  });
}

// ── Close: blind count, reopen, sign-off ────────────────────────────────────────────────────────────

/**
 * The cashier's blind count. Refused unless the drawer is open (a close happens once); the answer says
 * nothing of what was expected. After it the drawer takes no more transactions.
 */
export async function submitCount(db: CounterDb, req: { drawerId: string; form: CloseForm; at?: Date }): Promise<void> {
  const judged = judgeCloseForm(req.form);
  if (!judged.ok) throw new DrawerRefused(judged.errors[0]!.message, judged.errors[0]!.field);
  const at = (req.at ?? new Date()).toISOString();
  await db.transaction('rw', [db.drawers, db.journal], async () => {
    const d = refuseUnlessFound(await db.drawers.get(req.drawerId), 'Close');
    if (d.state === 'counted') throw new DrawerRefused(`Close: this drawer was already counted at ${clock(d.countedAt ?? at)}; a count is final (a supervisor may reopen it)`, 'close');
    if (d.state === 'closed') throw new DrawerRefused(`Close: this drawer was already closed and signed off by ${d.closeout?.signedOffBy ?? 'a supervisor'}; a close is final`, 'close');
    await appendToJournal(db, { id: uuidv7(), kind: 'drawer_count', takenAt: at, drawerSessionId: d.id, cashier: d.cashier, counted: judged.value });
    await db.drawers.update(d.id, { state: 'counted', countedAt: at, counted: judged.value });
  });
}

/** A counted drawer back to open (the count stays in the journal), on a supervisor's approval and reason. */
export async function reopenDrawer(db: CounterDb, req: { drawerId: string; approval: Approval; reason: string; at?: Date }): Promise<void> {
  const reason = noteSchema.safeParse(req.reason);
  if (!reason.success || reason.data.length < 3) throw new DrawerRefused('Reason: say why the drawer is reopened (3 characters or more)', 'reason');
  if (req.approval.role !== 'supervisor') throw new DrawerRefused('Supervisor: only a supervisor reopens a drawer', 'supervisor');
  const at = (req.at ?? new Date()).toISOString();
  await db.transaction('rw', [db.drawers, db.journal], async () => {
    const d = refuseUnlessFound(await db.drawers.get(req.drawerId), 'Reopen');
    if (d.state !== 'counted') throw new DrawerRefused(`Reopen: only a counted drawer waiting for sign-off can be reopened; this one is ${d.state}`, 'reopen');
    if (req.approval.name === d.cashier) throw new DrawerRefused('Supervisor: a cashier cannot reopen their own drawer', 'supervisor');
    await appendToJournal(db, { id: uuidv7(), kind: 'drawer_reopen', takenAt: at, drawerSessionId: d.id, approvedBy: req.approval.name, reason: reason.data });
    await db.drawers.update(d.id, { state: 'open', countedAt: undefined, counted: undefined });
  });
}

/** The close-out a sign-off would record now: the figures a supervisor sees after the blind count. */
export async function closeoutPreview(db: CounterDb, drawerId: string): Promise<{ drawer: DrawerSession; expected: Expected; overShort: ReturnType<typeof overShort> } | null> {
  const d = await db.drawers.get(drawerId);
  if (!d?.counted) return null;
  const expected = await expectedNow(db, d);
  return { drawer: d, expected, overShort: overShort(expected, d.counted) };
}

/**
 * The supervisor's sign-off: builds the close-out from the journal, the drops and the blind count, checks
 * it (figures add up; a note beyond the threshold; not the cashier's own), journals it and queues it for
 * central, and closes the drawer. A second sign-off is refused.
 */
export async function signOff(
  db: CounterDb,
  req: { drawerId: string; approval: Approval; note: string; settings: Pick<DrawerSettings, 'overShortThreshold'>; at?: Date },
): Promise<Closeout> {
  const note = noteSchema.safeParse(req.note);
  if (!note.success) throw new DrawerRefused(note.error.issues[0]?.message ?? 'Note: not recorded', 'note');
  if (req.approval.role !== 'supervisor') throw new DrawerRefused('Supervisor: only a supervisor signs off a drawer', 'supervisor');
  const at = (req.at ?? new Date()).toISOString();
  return db.transaction('rw', [db.drawers, db.drops, db.journal, db.outbox], async () => {
    const d = refuseUnlessFound(await db.drawers.get(req.drawerId), 'Sign off');
    if (d.state === 'closed') throw new DrawerRefused(`Sign off: this drawer was already closed and signed off by ${d.closeout?.signedOffBy ?? 'a supervisor'}; a close is final`, 'close');
    if (d.state !== 'counted' || !d.counted || !d.countedAt) throw new DrawerRefused('Sign off: the cashier has not counted the drawer yet; count it first (blind)', 'close');
    if (req.approval.name === d.cashier) throw new DrawerRefused('Supervisor: a cashier cannot sign off their own drawer', 'supervisor');
    const expected = await expectedNow(db, d);
    const drops = await drawerDrops(db, d.id);
    const closeout = closeoutSchema.parse({
      id: d.id,
      utility: d.utility,
      stationId: d.stationId,
      cashier: d.cashier,
      openedAt: d.openedAt,
      openedBy: d.openedBy,
      floatCount: d.floatCount,
      countedAt: d.countedAt,
      signedOffAt: at,
      signedOffBy: req.approval.name,
      note: note.data,
      drops: drops.map(({ drawerSessionId: _d, ...rest }) => rest),
      expected,
      counted: d.counted,
      overShort: overShort(expected, d.counted),
    } satisfies Closeout);
    const rule = closeoutRuleError(closeout, req.settings);
    if (rule) throw new DrawerRefused(rule, 'note');
    await appendToJournal(db, { id: closeout.id, kind: 'closeout', takenAt: at, closeout });
    await db.outbox.add({ id: closeout.id, kind: 'closeout', closeout, state: 'pending', queuedAt: at, attempts: 0 });
    await db.drawers.update(d.id, { state: 'closed', closeout });
    return closeout;
  });
}

// ── Deposit and end of day ──────────────────────────────────────────────────────────────────────────

/** Within a business day's bounds: `start <= at < end` (ISO timestamps in UTC compare as text). */
function within(iso: string, today: BusinessDayWithBounds): boolean {
  return iso >= today.start.toISOString() && iso < today.end.toISOString();
}

/** Closed drawers opened within the business day's bounds, not yet in a deposit. */
export async function drawersToDeposit(db: CounterDb, stationId: string, today: BusinessDayWithBounds): Promise<DrawerSession[]> {
  const closed = await db.drawers.where('[stationId+state]').equals([stationId, 'closed']).toArray();
  return closed.filter((d) => !d.depositId && d.closeout && within(d.openedAt, today)).sort((a, b) => (a.openedAt < b.openedAt ? -1 : 1));
}

/**
 * Prepares the day's deposit from every closed drawer of the day not yet deposited: the bag's cash counted by
 * denomination must come to their cash receipts; checks and money orders are listed from the close-outs.
 */
export async function prepareDeposit(
  db: CounterDb,
  req: { stationId: string; utility: string; today: BusinessDayWithBounds; bagNumber: string; cash: Readonly<Record<string, string>>; preparedBy: string; at?: Date },
): Promise<Deposit> {
  const bag = bagNumberSchema.safeParse(req.bagNumber);
  if (!bag.success) throw new DrawerRefused(bag.error.issues[0]?.message ?? 'Bag number: enter it', 'bagNumber');
  const at = (req.at ?? new Date()).toISOString();
  return db.transaction('rw', [db.drawers, db.deposits, db.journal, db.outbox], async () => {
    const day = req.today.day;
    const drawers = await drawersToDeposit(db, req.stationId, req.today);
    if (drawers.length === 0) throw new DrawerRefused(`Deposit: no closed drawer of ${day} is waiting for a deposit`, 'deposit');
    if ((await db.deposits.where('businessDate').equals(day).filter((x) => x.bagNumber === bag.data).count()) > 0) {
      throw new DrawerRefused(`Bag number: bag ${bag.data} already holds a deposit of ${day}; use a new bag`, 'bagNumber');
    }
    const f = depositFigures(drawers.map((d) => d.closeout!));
    const cash = judgeDepositCash(req.cash, f.cashTarget);
    if (!cash.ok) throw new DrawerRefused(cash.errors[0]!.message, cash.errors[0]!.field);
    const deposit = depositSchema.parse({
      id: uuidv7(),
      utility: req.utility,
      stationId: req.stationId,
      businessDate: day,
      preparedAt: at,
      preparedBy: req.preparedBy,
      bagNumber: bag.data,
      drawers: f.drawers,
      cash: { count: cash.count, total: cash.total },
      items: f.items,
      checksTotal: f.checksTotal,
      moneyOrdersTotal: f.moneyOrdersTotal,
      total: toMoneyString(money(cash.total).plus(money(f.checksTotal)).plus(money(f.moneyOrdersTotal))),
    } satisfies Deposit);
    await appendToJournal(db, { id: deposit.id, kind: 'deposit', takenAt: at, deposit });
    await db.outbox.add({ id: deposit.id, kind: 'deposit', deposit, state: 'pending', queuedAt: at, attempts: 0 });
    await db.deposits.add(deposit);
    for (const d of drawers) await db.drawers.update(d.id, { depositId: deposit.id });
    return deposit;
  });
}

export type EndOfDay = {
  businessDate: string;
  /** Drawers of the station not yet closed (whatever day they opened). */
  notClosed: DrawerSession[];
  /** Closed drawers of the day not in a deposit. */
  notDeposited: DrawerSession[];
  deposits: Deposit[];
  /** Entries not yet answered by central. */
  waiting: number;
  /** Entries central refused for good, waiting for a supervisor. */
  refused: number;
  done: boolean;
};

/** The end-of-day checklist: every drawer closed, nothing waiting to sync, the deposit prepared, and whether the day is marked done. */
export async function endOfDay(db: CounterDb, stationId: string, today: BusinessDayWithBounds): Promise<EndOfDay> {
  const { day } = today;
  const drawers = await stationDrawers(db, stationId);
  // The day's end-of-day entry is taken on the day or after it, never before its start.
  const journal = (await db.journal.where('takenAt').aboveOrEqual(today.start.toISOString()).toArray()) as JournalEntry[];
  return {
    businessDate: day,
    notClosed: drawers.filter((d) => d.state !== 'closed'),
    notDeposited: await drawersToDeposit(db, stationId, today),
    deposits: await db.deposits.where('businessDate').equals(day).filter((x) => x.stationId === stationId).toArray(),
    waiting: await countPending(db),
    refused: (await entriesNeedingAttention(db)).length,
    done: journal.some((e) => e.kind === 'end_of_day' && e.businessDate === day && e.stationId === stationId),
  };
}

/**
 * Marks the day done: every drawer closed, a deposit prepared for every closed drawer of the day, and
 * nothing waiting for central unless the supervisor acknowledges what waits.
 */
export async function completeEndOfDay(db: CounterDb, req: { stationId: string; today: BusinessDayWithBounds; by: Approval; acknowledgeWaiting: boolean; at?: Date }): Promise<void> {
  if (req.by.role !== 'supervisor') throw new DrawerRefused('End of day: only a supervisor completes the day', 'endOfDay');
  const at = (req.at ?? new Date()).toISOString();
  await db.transaction('rw', [db.drawers, db.deposits, db.journal, db.outbox], async () => {
    const s = await endOfDay(db, req.stationId, req.today);
    if (s.done) throw new DrawerRefused(`End of day: ${s.businessDate} is already complete`, 'endOfDay');
    if (s.notClosed.length > 0) throw new DrawerRefused(`End of day: ${s.notClosed.map((d) => d.cashier).join(', ')} ${s.notClosed.length === 1 ? 'has a drawer' : 'have drawers'} not closed`, 'endOfDay');
    if (s.notDeposited.length > 0) throw new DrawerRefused('End of day: prepare the deposit of the closed drawers first', 'endOfDay');
    if (s.deposits.length === 0) throw new DrawerRefused(`End of day: no deposit was prepared for ${s.businessDate}`, 'endOfDay');
    const waiting = s.waiting + s.refused;
    if (waiting > 0 && !req.acknowledgeWaiting) {
      throw new DrawerRefused(`Acknowledge: ${waiting} ${waiting === 1 ? 'entry has' : 'entries have'} not reached central; acknowledge it to finish the day`, 'acknowledge');
    }
    await appendToJournal(db, { id: uuidv7(), kind: 'end_of_day', takenAt: at, stationId: req.stationId, businessDate: s.businessDate, by: req.by.name, waitingAcknowledged: waiting });
  });
}

/**
 * The journal entries of a business day, whole from the first entry taken that day to the last, in order:
 * contiguous in the chain, so the export verifies on its own.
 */
export async function journalOfDay(db: CounterDb, today: BusinessDayWithBounds): Promise<JournalEntry[]> {
  const all = (await db.journal.orderBy('seq').toArray()) as JournalEntry[];
  const first = all.findIndex((e) => within(e.takenAt, today));
  if (first === -1) return [];
  let last = first;
  all.forEach((e, i) => {
    if (within(e.takenAt, today)) last = i;
  });
  return all.slice(first, last + 1);
}


/** Who may hold a drawer at this station (cashiers and supervisors), by name. */
export async function drawerHolders(db: CounterDb): Promise<Array<{ name: string; displayName: string; role: string }>> {
  return (await db.users.toArray()).filter((u) => u.role !== 'dropbox').map((u) => ({ name: u.name, displayName: u.displayName, role: u.role }));
}

import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../../shared/ids';
import type { Payment } from '../../../../shared/payments/payment';
import { portlandWaterBureau } from '../../../../shared/profiles';
import { toJsonLines, verifyJsonLines } from '../../../../shared/drawer/journal-export';
import { CounterDb, type JournalEntry } from '../../../../renderer/src/db/schema';
import { verifyJournal } from '../../../../renderer/src/db/journal';
import {
  closeoutPreview,
  commitDrawerPayment,
  commitDrawerVoid,
  completeEndOfDay,
  currentDrawer,
  DrawerRefused,
  endOfDay,
  expectedNow,
  journalOfDay,
  openDrawer,
  prepareDeposit,
  recordDrop,
  reopenDrawer,
  signOff,
  submitCount,
} from '../../../../renderer/src/db/drawer';
import { applyResults } from '../../../../renderer/src/db/outbox';
import type { DrawerSession } from '../../../../shared/drawer/entries';
import { approval, seedCheapUsers, typed } from '../drawer-sample';
import { BAG_COUNT, CLOSE_COUNT, DROP_COUNT, FLOAT_COUNT, P1, P2, P3, P4, P5 } from '../../shared/drawer/shift';
import { withBounds } from '../../../../shared/time/business-day';

const settings = portlandWaterBureau.drawer;
const TZ = 'America/Los_Angeles';
const NOV_22 = withBounds('2026-11-22', TZ);
const STATION = 'station-1';
let db: CounterDb;

beforeEach(async () => {
  db = new CounterDb(`drawer-${Math.random()}`);
  await seedCheapUsers(db);
});
afterEach(async () => {
  await db.delete();
});

async function open(cashier = 'cashier1', floatCount: Record<string, string> = typed(FLOAT_COUNT), note = '', at = new Date('2026-11-22T16:00:00Z')): Promise<DrawerSession> {
  return openDrawer(db, { stationId: STATION, utility: 'pwb', cashier, floatCount, note, approval: await approval(db, 'supervisor1', cashier), settings, at });
}

const into = (p: Payment, drawer: DrawerSession): Payment => ({ ...p, drawerSessionId: drawer.id });
const closeForm = { cash: typed(CLOSE_COUNT), checksCount: '2', checksTotal: '396.15', moneyOrdersCount: '1', moneyOrdersTotal: '58.00', cardTotal: '250.00' };

/** Expects a refusal naming the field, and that nothing was written. */
async function refused(action: () => Promise<unknown>, message: string | RegExp, field?: string) {
  const before = { journal: await db.journal.count(), outbox: await db.outbox.count(), drawers: JSON.stringify(await db.drawers.toArray()), drops: await db.drops.count() };
  const error = await action().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DrawerRefused);
  expect((error as DrawerRefused).message).toMatch(message);
  if (field) expect((error as DrawerRefused).field).toBe(field);
  expect({ journal: await db.journal.count(), outbox: await db.outbox.count(), drawers: JSON.stringify(await db.drawers.toArray()), drops: await db.drops.count() }).toEqual(before);
}

describe('opening a drawer', () => {
  it('with the float counted by denomination, approved by a supervisor, as a journal entry', async () => {
    const d = await open();
    expect(d).toMatchObject({ state: 'open', cashier: 'cashier1', openedBy: 'supervisor1', float: '150.00', floatCount: FLOAT_COUNT });
    expect(await db.journal.toArray()).toMatchObject([{ kind: 'drawer_open', drawerSessionId: d.id, float: '150.00', openedBy: 'supervisor1', seq: d.openSeq }]);
    expect((await currentDrawer(db, STATION, 'cashier1'))?.id).toBe(d.id);
  });

  it('checks the float against the expected float: a difference needs a note', async () => {
    await refused(async () => open('cashier1', typed({ bill_20: 7 })), 'Float: counted $140.00, but a drawer opens with $150.00 ($10.00 short); recount, or write why in the note', 'float');
    await refused(async () => open('cashier1', { ...typed(FLOAT_COUNT), coin_1: '25' }), 'Float: counted $149.75, but a drawer opens with $150.00 ($0.25 short); recount, or write why in the note', 'float');
    const d = await open('cashier1', { ...typed(FLOAT_COUNT), coin_1: '25' }, 'short of pennies at the bank');
    expect(d.floatNote).toBe('short of pennies at the bank');
  });

  it('refuses negative, fractional and unknown counts, naming the field, and writes nothing', async () => {
    await refused(async () => open('cashier1', { ...typed(FLOAT_COUNT), bill_20: '-4' }), '$20 bills: a count cannot be negative', 'bill_20');
    await refused(async () => open('cashier1', { ...typed(FLOAT_COUNT), coin_25: '12.5' }), 'Quarters, loose: count whole coins; a count has no fractions', 'coin_25');
    await refused(async () => open('cashier1', { ...typed(FLOAT_COUNT), bill_3: '1' }), 'bill_3: there is no such denomination', 'bill_3');
    expect(await db.drawers.count()).toBe(0);
  });

  it('one open drawer per cashier per station; not for oneself; not for a drop-box clerk', async () => {
    await open();
    await refused(async () => open(), /^Cashier: cashier1 already has a drawer open at this station/, 'cashier');
    await open('cashier2');
    await refused(async () => openDrawer(db, { stationId: STATION, utility: 'pwb', cashier: 'supervisor2', floatCount: typed(FLOAT_COUNT), note: '', approval: await approval(db, 'supervisor2', 'x'), settings }), 'Supervisor: a cashier cannot open their own drawer', 'supervisor');
    await refused(async () => openDrawer(db, { stationId: STATION, utility: 'pwb', cashier: 'dropbox1', floatCount: typed(FLOAT_COUNT), note: '', approval: await approval(db, 'supervisor1', 'dropbox1'), settings }), /^Cashier: dropbox1 is not a cashier/, 'cashier');
  });
});

describe('transactions in a drawer', () => {
  it('refuses a payment with no drawer, into a drawer being closed, or into another cashier’s drawer', async () => {
    await refused(async () => commitDrawerPayment(db, { ...P1, drawerSessionId: null }, {}, settings), 'Post payment: no drawer is open for cashier1 at this station; a supervisor opens one (F10)');
    const d = await open();
    await commitDrawerPayment(db, into(P1, d), {}, settings);
    await refused(async () => commitDrawerPayment(db, { ...into(P2, d), cashier: 'cashier2' }, {}, settings), "Post payment: this drawer is cashier1's at station-1, not cashier2's here");
    await submitCount(db, { drawerId: d.id, form: closeForm });
    await refused(async () => commitDrawerPayment(db, into(P2, d), {}, settings), /^Post payment: the drawer was counted for the close at .*; it takes no more transactions\. Nothing was recorded$/);
  });

  it('asks for a drop above the warning amount, and takes no more cash at the maximum until a drop is recorded', async () => {
    const d = await open();
    const big = (total: string, id = uuidv7()): Payment => ({ ...into(P1, d), id, lines: [{ accountNumber: '1000000001', amount: total as never }], total: total as never, tenders: [{ kind: 'cash', bills: total as never, coins: '0.00' as never }], tendered: total as never, change: '0.00' as never });
    await commitDrawerPayment(db, big('1850.00'), {}, settings);
    expect((await expectedNow(db, d)).cash).toBe('2000.00');
    await refused(async () => commitDrawerPayment(db, big('10.00'), {}, settings), /^Bills: Cash limit: the drawer is at its \$2,000\.00 maximum; no more cash until a drop/, 'bills');
    // Checks, cards and money orders still go in.
    await commitDrawerPayment(db, into(P2, d), {}, settings);
    await refused(async () => recordDrop(db, { drawerId: d.id, count: { bill_100: '5' }, witness: { ...(await approval(db, 'cashier2', 'x', 'any')), name: 'cashier1' } }), 'Witness: a drop needs a second person, not the cashier', 'witness');
    await refused(async () => recordDrop(db, { drawerId: d.id, count: { bill_100: '21' }, witness: await approval(db, 'cashier2', 'cashier1', 'any') }), 'Drop: $2,100.00 is more than the drawer should hold; recount the drop', 'drop');
    const drop = await recordDrop(db, { drawerId: d.id, count: { bill_100: '10' }, witness: await approval(db, 'cashier2', 'cashier1', 'any') });
    expect(drop).toMatchObject({ amount: '1000.00', witness: 'cashier2', cashier: 'cashier1' });
    expect((await expectedNow(db, d)).cash).toBe('1000.00');
    await commitDrawerPayment(db, big('10.00'), {}, settings);
  });

  it('a cash payment central holds unapplied still counts as taken: in the expected cash and in the close-out', async () => {
    const d = await open();
    await commitDrawerPayment(db, into(P1, d), {}, settings);
    await commitDrawerPayment(db, into(P2, d), {}, settings);
    await applyResults(db, [
      { id: P1.id, status: 'held', reference: 'P00000007', postedAt: '2026-11-22T17:01:00Z', reason: 'account 1000000001 is closed' },
      { id: P2.id, status: 'posted', reference: 'P00000008', postedAt: '2026-11-22T17:01:00Z' },
    ]);
    expect((await db.outbox.get({ id: P1.id }))?.state).toBe('held');
    // $150.00 float + $200.00 in bills - $17.60 change: the held payment's cash is in the drawer.
    expect(await expectedNow(db, d)).toMatchObject({ cash: '332.40', cashTaken: '200.00', changeGiven: '17.60', payments: { count: 2, total: '278.55' } });
    await submitCount(db, { drawerId: d.id, form: { ...closeForm, checksCount: '1', checksTotal: '96.15', moneyOrdersCount: '0', moneyOrdersTotal: '0.00', cardTotal: '0.00' } });
    expect((await closeoutPreview(db, d.id))?.expected).toMatchObject({ cash: '332.40', payments: { count: 2, total: '278.55' } });
  });

  it('counts the payment being posted against the maximum: one payment cannot carry the drawer past it', async () => {
    const d = await open();
    const cash = (total: string, bills: string, id = uuidv7()): Payment => ({
      ...into(P1, d),
      id,
      lines: [{ accountNumber: '1000000001', amount: total as never }],
      total: total as never,
      tenders: [{ kind: 'cash', bills: bills as never, coins: '0.00' as never }],
      tendered: bills as never,
      change: '0.00' as never,
    });
    // $150.00 float + $1,850.01 would be $2,000.01: refused, nothing recorded, the amount held not said.
    await refused(async () => commitDrawerPayment(db, cash('1850.01', '1850.01'), {}, settings), /^Bills: Cash limit: this payment would take the drawer above its \$2,000\.00 maximum; record a drop to the safe first \(F10\)/, 'bills');
    expect((await expectedNow(db, d)).cash).toBe('150.00');
    expect(await db.outbox.count()).toBe(0);
    // Exactly to the maximum is taken.
    await commitDrawerPayment(db, cash('1850.00', '1850.00'), {}, settings);
    expect((await expectedNow(db, d)).cash).toBe('2000.00');
  });

  it('a void goes into an open drawer; a closed drawer takes none', async () => {
    const d = await open();
    await commitDrawerPayment(db, into(P1, d), {}, settings);
    await commitDrawerPayment(db, into(P4, d), {}, settings);
    const v = { id: uuidv7(), paymentId: P1.id, utility: 'pwb', stationId: STATION, cashier: 'cashier1', approvedBy: 'supervisor1', reason: 'Wrong account keyed', drawerSessionId: d.id, takenAt: new Date().toISOString() };
    await commitDrawerVoid(db, v);
    expect((await expectedNow(db, d)).voids).toEqual({ count: 1, total: '182.40' });
    await submitCount(db, { drawerId: d.id, form: closeForm });
    await refused(async () => commitDrawerVoid(db, { ...v, id: uuidv7(), paymentId: P4.id }), /^Void: the payment's drawer was counted for the close/);
  });
});

describe('the close: blind count, sign-off, reopen', () => {
  async function shift(): Promise<DrawerSession> {
    const d = await open();
    for (const p of [P1, P2, P3, P4, P5]) await commitDrawerPayment(db, into(p, d), {}, settings);
    await commitDrawerVoid(db, { id: uuidv7(), paymentId: P1.id, utility: 'pwb', stationId: STATION, cashier: 'cashier1', approvedBy: 'supervisor1', reason: 'Wrong account keyed', drawerSessionId: d.id, takenAt: new Date().toISOString() });
    await recordDrop(db, { drawerId: d.id, count: typed(DROP_COUNT), witness: await approval(db, 'supervisor1') });
    return d;
  }

  it('the whole shift: $0.25 short in cash, signed off, queued for central, the journal intact', async () => {
    const d = await shift();
    // The count says nothing of what was expected.
    expect(await submitCount(db, { drawerId: d.id, form: closeForm })).toBeUndefined();
    const preview = await closeoutPreview(db, d.id);
    expect(preview?.overShort).toEqual({ cash: '-0.25', checks: '0.00', moneyOrders: '0.00', card: '0.00', total: '-0.25' });
    const c = await signOff(db, { drawerId: d.id, approval: await approval(db, 'supervisor1'), note: '', settings });
    expect(c.expected).toMatchObject({ float: '150.00', cashTaken: '120.00', changeGiven: '7.30', drops: '100.00', cash: '162.70', payments: { count: 4, total: '816.85' }, voids: { count: 1, total: '182.40' } });
    expect(c.counted.cashTotal).toBe('162.45');
    expect((await db.drawers.get(d.id))?.state).toBe('closed');
    expect((await db.outbox.toArray()).map((e) => e.kind)).toEqual(['payment', 'payment', 'payment', 'payment', 'payment', 'void', 'closeout']);
    const kinds = (await db.journal.orderBy('seq').toArray()).map((e) => e.kind);
    expect(kinds).toEqual(['drawer_open', 'payment', 'payment', 'payment', 'payment', 'payment', 'void', 'drop', 'drawer_count', 'closeout']);
    expect(await verifyJournal(db)).toEqual({ ok: true, count: 10 });
  });

  it('closing twice is refused: a second count, a second sign-off', async () => {
    const d = await shift();
    await submitCount(db, { drawerId: d.id, form: closeForm });
    await refused(async () => submitCount(db, { drawerId: d.id, form: closeForm }), /^Close: this drawer was already counted at .*; a count is final/, 'close');
    await signOff(db, { drawerId: d.id, approval: await approval(db, 'supervisor1'), note: '', settings });
    await refused(async () => submitCount(db, { drawerId: d.id, form: closeForm }), 'Close: this drawer was already closed and signed off by supervisor1; a close is final', 'close');
    await refused(async () => signOff(db, { drawerId: d.id, approval: await approval(db, 'supervisor2'), note: '', settings }), 'Sign off: this drawer was already closed and signed off by supervisor1; a close is final', 'close');
  });

  it('beyond the threshold the sign-off needs the supervisor’s note; the cashier cannot sign off', async () => {
    const d = await shift();
    await submitCount(db, { drawerId: d.id, form: { ...closeForm, cash: typed({ ...CLOSE_COUNT, bill_10: 2 }) } });
    await refused(async () => signOff(db, { drawerId: d.id, approval: await approval(db, 'supervisor1'), note: '', settings }), 'Note: cash $10.25 short is beyond the $5.00 threshold; the supervisor must write what was found', 'note');
    const asCashier = { ...(await approval(db, 'supervisor1')), name: 'cashier1' };
    await refused(async () => signOff(db, { drawerId: d.id, approval: asCashier, note: 'x', settings }), 'Supervisor: a cashier cannot sign off their own drawer', 'supervisor');
    const c = await signOff(db, { drawerId: d.id, approval: await approval(db, 'supervisor1'), note: 'A $10 bill missing; reported to the office', settings });
    expect(c.note).toBe('A $10 bill missing; reported to the office');
  });

  it('a supervisor reopens a counted drawer with a reason; the count stays in the journal', async () => {
    const d = await shift();
    await submitCount(db, { drawerId: d.id, form: closeForm });
    await refused(async () => reopenDrawer(db, { drawerId: d.id, approval: await approval(db, 'supervisor1'), reason: '' }), 'Reason: say why the drawer is reopened (3 characters or more)', 'reason');
    await reopenDrawer(db, { drawerId: d.id, approval: await approval(db, 'supervisor1'), reason: 'One more customer in line' });
    expect((await db.drawers.get(d.id))?.state).toBe('open');
    expect((await db.journal.toArray()).filter((e) => e.kind === 'drawer_count' || e.kind === 'drawer_reopen')).toHaveLength(2);
  });

  it('refuses bad counts at the close, naming the field, and writes nothing', async () => {
    const d = await shift();
    await refused(async () => submitCount(db, { drawerId: d.id, form: { ...closeForm, cash: { ...closeForm.cash, bill_5: '-6' } } }), '$5 bills: a count cannot be negative', 'bill_5');
    await refused(async () => submitCount(db, { drawerId: d.id, form: { ...closeForm, cash: { ...closeForm.cash, bill_1: '19.5' } } }), '$1 bills: count whole bills', 'bill_1');
    await refused(async () => submitCount(db, { drawerId: d.id, form: { ...closeForm, cardTotal: 'abc' } }), /^Card batch total:/, 'cardTotal');
    expect((await db.drawers.get(d.id))?.state).toBe('open');
  });
});

describe('the deposit and the end of the day', () => {
  it('deposits the closed drawers of the day: the bag must hold their cash receipts; then the day completes', async () => {
    const d = await open('cashier1', typed(FLOAT_COUNT), '', new Date('2026-11-22T16:00:00Z'));
    for (const p of [P1, P2, P3, P4, P5]) await commitDrawerPayment(db, into(p, d), {}, settings);
    await commitDrawerVoid(db, { id: uuidv7(), paymentId: P1.id, utility: 'pwb', stationId: STATION, cashier: 'cashier1', approvedBy: 'supervisor1', reason: 'Wrong account keyed', drawerSessionId: d.id, takenAt: new Date().toISOString() });
    await recordDrop(db, { drawerId: d.id, count: typed(DROP_COUNT), witness: await approval(db, 'supervisor1') });

    let eod = await endOfDay(db, STATION, NOV_22);
    expect(eod.notClosed.map((x) => x.id)).toEqual([d.id]);
    const sup = await approval(db, 'supervisor1');
    await refused(async () => completeEndOfDay(db, { stationId: STATION, today: NOV_22, by: sup, acknowledgeWaiting: true }), 'End of day: cashier1 has a drawer not closed', 'endOfDay');

    await submitCount(db, { drawerId: d.id, form: closeForm });
    await signOff(db, { drawerId: d.id, approval: sup, note: '', settings });
    const req = { stationId: STATION, utility: 'pwb', today: NOV_22, bagNumber: 'BAG-000123', cash: typed(BAG_COUNT), preparedBy: 'supervisor1' };
    await refused(async () => prepareDeposit(db, { ...req, bagNumber: 'x' }), /^Bag number: enter the number printed on the bank bag/, 'bagNumber');
    await refused(async () => prepareDeposit(db, { ...req, cash: typed({ ...BAG_COUNT, coin_10: 0 }) }), "Bag cash: counted $112.25, but the closed drawers' cash receipts are $112.45 ($0.20 missing); recount the bag", 'cash');
    const deposit = await prepareDeposit(db, req);
    expect(deposit).toMatchObject({ bagNumber: 'BAG-000123', cash: { total: '112.45' }, checksTotal: '396.15', moneyOrdersTotal: '58.00', total: '566.60' });
    expect(deposit.items.map((i) => i.number)).toEqual(['1042', '2201', 'MO-55881']);
    await refused(async () => prepareDeposit(db, req), 'Deposit: no closed drawer of 2026-11-22 is waiting for a deposit', 'deposit');

    eod = await endOfDay(db, STATION, NOV_22);
    expect(eod).toMatchObject({ notClosed: [], notDeposited: [], waiting: 8, refused: 0, done: false });
    await refused(async () => completeEndOfDay(db, { stationId: STATION, today: NOV_22, by: sup, acknowledgeWaiting: false }), 'Acknowledge: 8 entries have not reached central; acknowledge it to finish the day', 'acknowledge');
    await applyResults(db, (await db.outbox.toArray()).map((e) => ({ id: e.id, status: 'posted' as const, reference: 'R1', postedAt: '2026-11-23T00:00:00Z' })));
    await completeEndOfDay(db, { stationId: STATION, today: NOV_22, by: sup, acknowledgeWaiting: false });
    expect((await endOfDay(db, STATION, NOV_22)).done).toBe(true);
    expect(await verifyJournal(db)).toMatchObject({ ok: true });
  });
});

describe('the journal', () => {
  it('tampering with one entry in a copy of the store: verify names it', async () => {
    const d = await open();
    for (const p of [P1, P2, P3]) await commitDrawerPayment(db, into(p, d), {}, settings);
    await recordDrop(db, { drawerId: d.id, count: typed(DROP_COUNT), witness: await approval(db, 'supervisor1') });
    // A copy of the store, entry for entry, with one payment's amount rewritten.
    const copy = new CounterDb(`copy-${Math.random()}`);
    copy.journalMac = db.journalMac;
    const entries = await db.journal.orderBy('seq').toArray();
    await copy.journal.bulkAdd(entries.map((e) => (e.kind === 'payment' && e.payment.id === P2.id ? { ...e, payment: { ...e.payment, total: '9.15' as never } } : e)));
    expect(await verifyJournal(db)).toEqual({ ok: true, count: 5 });
    expect(await verifyJournal(copy)).toEqual({ ok: false, at: 3, problem: 'entry 3 was changed after it was written' });
    await copy.delete();
  });

  it("a day's journal is the center's day: a drawer opened at 23:30 Pacific (07:30 UTC the next day) is in it", async () => {
    await open('cashier1', typed(FLOAT_COUNT), '', new Date('2026-11-23T07:30:00Z'));
    expect((await journalOfDay(db, NOV_22)).map((e: JournalEntry) => e.kind)).toEqual(['drawer_open']);
    expect(await journalOfDay(db, withBounds('2026-11-23', TZ))).toEqual([]);
  });

  it("a day's journal exports as JSON lines that verify on their own", async () => {
    const d = await open('cashier1', typed(FLOAT_COUNT), '', new Date('2026-11-22T16:00:00Z'));
    await commitDrawerPayment(db, into(P2, d), {}, settings);
    const day = await journalOfDay(db, NOV_22);
    expect(day.map((e: JournalEntry) => e.kind)).toEqual(['drawer_open', 'payment']);
    expect(await verifyJsonLines(toJsonLines(day as unknown as Array<Record<string, unknown>>), db.journalMac)).toMatchObject({ ok: true, count: 2, first: 1, last: 2, macsChecked: true });
  });
});

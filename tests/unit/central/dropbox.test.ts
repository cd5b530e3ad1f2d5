/**
 * POST /v1/dropbox-batches: a closed batch is posted once (the batch id is the key), applied items become
 * payments taken at the retrieval time, exceptions and set-aside checks are kept unapplied, and a batch
 * that breaks a rule stores nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../shared/ids';
import { add, money, toMoneyString, type MoneyString } from '../../../shared/money/money';
import { dropBoxBatchSchema, type DropBoxBatch, type DropBoxItem, type UnnumberedItem } from '../../../shared/dropbox/batch';
import { postDropBoxBatchesResponseSchema, type PaymentResult } from '../../../shared/sync/protocol';
import { exportPostings } from '../../../central/src/export';
import { migrate, migrations, type Migration } from '../../../central/src/migrations';
import { openPglite } from '../../../central/src/db';
import { AUTH, balanceOf, cashPayment, openTestCentral, post, type TestCentral } from './helpers';

let c: TestCentral;
beforeAll(async () => {
  c = await openTestCentral(0);
});
afterAll(async () => {
  await c.close();
});

const m = (s: string) => s as MoneyString;
let checkNo = 1000;

function applied(accountNumber: string, amount: string, amountDue: string | null = amount): UnnumberedItem {
  const match = amountDue === null ? null : money(amount).equals(money(amountDue)) ? 'exact' : money(amount).lessThan(money(amountDue)) ? 'partial' : 'over';
  return { id: uuidv7(), kind: 'applied', amount: m(amount), checkNumber: String(checkNo++), enteredAt: new Date().toISOString(), accountNumber, entry: 'scan', amountDue: amountDue === null ? null : m(amountDue), match };
}

function exception(amount: string, payerName = 'J. Q. Public'): UnnumberedItem {
  return { id: uuidv7(), kind: 'exception', amount: m(amount), checkNumber: String(checkNo++), enteredAt: new Date().toISOString(), accountNumber: null, payerName, note: 'no stub, no account number on the check' };
}

function setAside(amount: string, accountNumber: string, reason: string): UnnumberedItem {
  return { id: uuidv7(), kind: 'set_aside', amount: m(amount), checkNumber: String(checkNo++), enteredAt: new Date().toISOString(), accountNumber, reason };
}

/** A closed batch whose control figures are its items' (balanced) unless given. */
function batch(items: Array<UnnumberedItem>, over: Partial<DropBoxBatch> = {}): DropBoxBatch {
  const numbered = items.map((item, i) => ({ ...item, n: i + 1 })) as DropBoxItem[];
  return dropBoxBatchSchema.parse({
    id: uuidv7(),
    utility: 'pwb',
    stationId: 'unit-1',
    clerk: 'dropbox1',
    retrievedAt: '2026-11-22T07:30:00-08:00',
    retrievalDate: '2026-11-22',
    emptiedBy: ['Ann Lee', 'Bo Diaz'],
    controlCount: numbered.length,
    controlTotal: toMoneyString(add(...numbered.map((i) => money(i.amount)))),
    openedAt: '2026-11-23T16:00:00.000Z',
    closedAt: '2026-11-23T16:30:00.000Z',
    approval: null,
    items: numbered,
    ...over,
  });
}

async function postBatches(batches: unknown[]): Promise<PaymentResult[]> {
  const res = await c.app.inject({ method: 'POST', url: '/v1/dropbox-batches', headers: AUTH, payload: { batches } });
  if (res.statusCode !== 200) throw new Error(`POST /v1/dropbox-batches → ${res.statusCode}: ${res.body}`);
  return postDropBoxBatchesResponseSchema.parse(res.json()).results;
}

const count = async (sql: string, params: unknown[] = []) => Number((await c.db.query<{ n: string }>(sql, params))[0]?.n);
const errorOf = (r: PaymentResult | undefined) => (r && 'error' in r ? r.error : '');

describe('posting a drop-box batch', () => {
  it('applies each matched check as a payment taken when the box was emptied, and keeps exceptions and set-aside checks unapplied', async () => {
    const before1 = await balanceOf(c.db, 'pwb', '1000000001');
    const before2 = await balanceOf(c.db, 'pwb', '1000000002');
    const b = batch([
      applied('1000000001', '182.40'),
      applied('1000000002', '50.00', '96.15'),
      exception('25.00'),
      setAside('40.00', '1000000005', 'account 1000000005 is closed; payments are not taken for it'),
    ]);
    const [r] = await postBatches([b]);
    expect(r).toMatchObject({ id: b.id, status: 'posted' });
    expect(r && 'reference' in r ? r.reference : '').toMatch(/^B\d{8}$/);

    expect(await balanceOf(c.db, 'pwb', '1000000001')).toEqual({ balance: toMoneyString(money(before1.balance).minus(182.4)), pastDue: '0.00' });
    expect((await balanceOf(c.db, 'pwb', '1000000002')).balance).toBe(toMoneyString(money(before2.balance).minus(50)));

    const items = await c.db.query<{ item_no: number; kind: string; status: string; amount: string; match: string | null; payer_name: string | null; reason: string | null; paid: boolean }>(
      `select item_no, kind, status, amount::text, match, payer_name, reason, payment_id is not null as paid from dropbox_items where batch_id = $1::uuid order by item_no`,
      [b.id],
    );
    expect(items).toEqual([
      { item_no: 1, kind: 'applied', status: 'applied', amount: '182.40', match: 'exact', payer_name: null, reason: null, paid: true },
      { item_no: 2, kind: 'applied', status: 'applied', amount: '50.00', match: 'partial', payer_name: null, reason: null, paid: true },
      { item_no: 3, kind: 'exception', status: 'unapplied', amount: '25.00', match: null, payer_name: 'J. Q. Public', reason: null, paid: false },
      { item_no: 4, kind: 'set_aside', status: 'unapplied', amount: '40.00', match: null, payer_name: null, reason: 'account 1000000005 is closed; payments are not taken for it', paid: false },
    ]);
    // The posting date is the retrieval date: the payments are taken at the retrieval time, in no drawer.
    const payments = await c.db.query<{ taken: string; drawer: string | null; kind: string; check_number: string }>(
      `select (p.taken_at at time zone 'America/Los_Angeles')::text as taken, p.drawer_session_id as drawer, t.kind, t.check_number
       from payments p join payment_tenders t on t.payment_id = p.id join dropbox_items i on i.payment_id = p.id where i.batch_id = $1::uuid order by i.item_no`,
      [b.id],
    );
    expect(payments.map((p) => [p.taken, p.drawer, p.kind])).toEqual([
      ['2026-11-22 07:30:00', null, 'check'],
      ['2026-11-22 07:30:00', null, 'check'],
    ]);
    const [row] = await c.db.query<{ retrieval_date: string; item_count: number; item_total: string; emptied_by_2: string }>(
      'select retrieval_date::text, item_count, item_total::text, emptied_by_2 from dropbox_batches where id = $1::uuid',
      [b.id],
    );
    expect(row).toEqual({ retrieval_date: '2026-11-22', item_count: 4, item_total: '297.40', emptied_by_2: 'Bo Diaz' });
    // The billing system's export carries the applied checks on the day the box was emptied.
    const exported = await exportPostings(c.db, '2026-11-22');
    expect(exported.csv).toContain(',1000000001,182.40,2026-11-22T07:30:00-08:00,unit-1,dropbox1,check,no');
    await expect(c.db.query('delete from dropbox_items')).rejects.toThrow(/never changed or deleted/);
  });

  it('a resend gets the first answer and reduces the balance once; the same id with other contents is a conflict', async () => {
    const before = await balanceOf(c.db, 'pwb', '1000000003');
    const b = batch([applied('1000000003', '100.00', '412.70'), applied('1000000003', '12.70', null)]);
    const [first] = await postBatches([b]);
    expect(first?.status).toBe('posted');
    const [again, copy] = await postBatches([b, b]);
    expect(again).toEqual({ ...first, status: 'already_posted' });
    expect(copy).toEqual({ ...first, status: 'already_posted' });
    expect((await balanceOf(c.db, 'pwb', '1000000003')).balance).toBe(toMoneyString(money(before.balance).minus(112.7)));

    const changed = { ...b, items: b.items.map((i, n) => (n === 0 ? { ...i, checkNumber: '999' } : i)) };
    const [conflict] = await postBatches([changed]);
    expect(conflict?.status).toBe('conflict');
    expect(errorOf(conflict)).toMatch(/already posted as B\d{8} with a different items/);
    expect(await count('select count(*)::text as n from dropbox_items where batch_id = $1::uuid', [b.id])).toBe(2);
    expect((await balanceOf(c.db, 'pwb', '1000000003')).balance).toBe(toMoneyString(money(before.balance).minus(112.7)));
  });

  it('the same batch twice in one request is posted once', async () => {
    const b = batch([applied('1000000006', '10.00', '250.00')]);
    const results = await postBatches([b, b]);
    expect(results.map((r) => r.status)).toEqual(['posted', 'already_posted']);
    expect(await count('select count(*)::text as n from dropbox_batches where id = $1::uuid', [b.id])).toBe(1);
  });

  it('refuses an unbalanced batch without a supervisor, and stores nothing of it; with an approval and note it posts', async () => {
    const items = [applied('1000000004', '58.00')];
    const short = batch(items, { controlCount: 2, controlTotal: m('100.00') });
    const [r] = await postBatches([short]);
    expect(r?.status).toBe('rejected');
    expect(errorOf(r)).toMatch(/^approval: the batch does not balance \(1 items, 58.00 against 2, 100.00\)/);
    expect(await count('select count(*)::text as n from payments where id = $1::uuid', [items[0]!.id])).toBe(0);

    const approved = batch(items, { controlCount: 2, controlTotal: m('100.00'), approval: { by: 'supervisor1', note: 'one check was returned to the payer by mail' } });
    const [ok] = await postBatches([approved]);
    expect(ok?.status).toBe('posted');
    const [row] = await c.db.query<{ approved_by: string; approval_note: string }>('select approved_by, approval_note from dropbox_batches where id = $1::uuid', [approved.id]);
    expect(row).toEqual({ approved_by: 'supervisor1', approval_note: 'one check was returned to the payer by mail' });
  });

  it('refuses a retrieval date that is not the date of the retrieval time in the utility’s zone', async () => {
    // 23:30 in Portland on the 22nd is the 23rd in UTC: the posting date is the 22nd.
    const b = batch([applied('1000000001', '1.00', null)], { retrievedAt: '2026-11-23T07:30:00.000Z', retrievalDate: '2026-11-23' });
    const [r] = await postBatches([b]);
    expect(r?.status).toBe('rejected');
    expect(errorOf(r)).toBe('retrievalDate: 2026-11-23 is not the date of 2026-11-23T07:30:00.000Z in America/Los_Angeles');
  });

  it('keeps a check for an account central does not hold, or one that is closed, unapplied with the reason', async () => {
    const b = batch([applied('1000009999', '20.00', null), applied('1000000005', '5.00', null)]);
    const [r] = await postBatches([b]);
    expect(r?.status).toBe('posted');
    const rows = await c.db.query<{ status: string; reason: string }>('select status, reason from dropbox_items where batch_id = $1::uuid order by item_no', [b.id]);
    expect(rows).toEqual([
      { status: 'unapplied', reason: 'central holds no account 1000009999 at pwb' },
      { status: 'unapplied', reason: 'account 1000000005 at pwb is closed and takes no payments' },
    ]);
    expect(await count('select count(*)::text as n from payments where id = any($1::uuid[])', [b.items.map((i) => i.id)])).toBe(0);
  });

  it('refuses a batch whose item id was already posted as a payment', async () => {
    const p = cashPayment({ lines: [{ accountNumber: '1000000001', amount: '1.00' }] });
    await post(c.app, [p]);
    const b = batch([{ ...applied('1000000001', '3.00', null), id: p.id }]);
    const [r] = await postBatches([b]);
    expect(r?.status).toBe('rejected');
    expect(errorOf(r)).toBe(`items.0.id: ${p.id} is already posted at central; an item id is used once`);
    expect(await count('select count(*)::text as n from dropbox_batches where id = $1::uuid', [b.id])).toBe(0);
  });

  it('rejects a batch emptied by one person twice, naming the field, and answers 401 without the station token', async () => {
    const b = batch([applied('1000000001', '1.00', null)]);
    const res = await c.app.inject({ method: 'POST', url: '/v1/dropbox-batches', headers: AUTH, payload: { batches: [{ ...b, emptiedBy: ['Ann Lee', ' ann  lee '] }] } });
    expect(res.statusCode).toBe(200);
    expect(postDropBoxBatchesResponseSchema.parse(res.json()).results).toEqual([{ id: b.id, status: 'rejected', error: 'emptiedBy.1: two different people empty the drop box' }]);
    const zero = await c.app.inject({ method: 'POST', url: '/v1/dropbox-batches', headers: AUTH, payload: { batches: [{ ...b, items: [{ ...b.items[0], amount: '0.00' }] }] } });
    expect(zero.statusCode).toBe(200);
    expect(zero.json()).toMatchObject({ results: [{ status: 'rejected', error: expect.stringMatching(/^items\.0\.amount: /) }] });
    const anon = await c.app.inject({ method: 'POST', url: '/v1/dropbox-batches', payload: { batches: [b] } });
    expect(anon.statusCode).toBe(401);
  });
});

describe('migrations with a gap', () => {
  it('apply 1, 2 and 4 while 3 is not there, and 3 once it arrives', async () => {
    const db = await openPglite();
    try {
      const without3 = migrations.filter((x) => x.version !== 3);
      const applied = await migrate(db, without3);
      expect(applied).toEqual(without3.map((x) => x.version).sort((a, b) => a - b));
      expect(applied).toContain(4);
      const three: Migration = migrations.find((x) => x.version === 3) ?? { version: 3, name: 'a late third', statements: ['create table late_third (id int)'] };
      expect(await migrate(db, [...without3, three])).toEqual([3]);
      expect(await migrate(db, [...without3, three])).toEqual([]);
    } finally {
      await db.close();
    }
  });
});

/** POST /v1/voids: the idempotency contract for voids, one void per payment, the balance put back, and the journal kept. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../shared/ids';
import { voidSchema, type Void } from '../../../shared/payments/void';
import { accountFeedResponseSchema, errorResponseSchema, postVoidsResponseSchema, type PaymentResult } from '../../../shared/sync/protocol';
import { AUTH, balanceOf, cashPayment, openTestCentral, post, type TestCentral } from './helpers';

let c: TestCentral;
beforeAll(async () => {
  c = await openTestCentral(0);
});
afterAll(async () => {
  await c.close();
});

function aVoid(paymentId: string, over: Partial<Void> = {}): Void {
  return voidSchema.parse({
    id: uuidv7(),
    paymentId,
    utility: 'pwb',
    stationId: 'unit-1',
    cashier: 'pat',
    approvedBy: 'sam',
    reason: 'wrong account keyed',
    drawerSessionId: 'drawer-1',
    takenAt: new Date().toISOString(),
    ...over,
  });
}

async function postVoids(voids: unknown[]): Promise<PaymentResult[]> {
  const res = await c.app.inject({ method: 'POST', url: '/v1/voids', headers: AUTH, payload: { voids } });
  if (res.statusCode !== 200) throw new Error(`POST /v1/voids → ${res.statusCode}: ${res.body}`);
  return postVoidsResponseSchema.parse(res.json()).results;
}

/** Posts a payment and returns its id. */
async function paid(lines: Array<{ accountNumber: string; amount: string }>, utility = 'pwb'): Promise<string> {
  const p = cashPayment({ utility, lines });
  const [r] = await post(c.app, [p]);
  expect(r?.status).toBe('posted');
  return p.id;
}

const errorOf = (r: PaymentResult | undefined) => (r && 'error' in r ? r.error : '');
const voidCount = async (paymentId: string) =>
  Number((await c.db.query<{ n: string }>('select count(*)::text as n from voids where payment_id = $1::uuid', [paymentId]))[0]?.n);

describe('posting a void', () => {
  it('puts every line back on its balance (not on past due), with a V reference, and the accounts go back into the feed', async () => {
    const paymentId = await paid([
      { accountNumber: '1000000002', amount: '50.00' },
      { accountNumber: '1000000003', amount: '12.70' },
    ]);
    expect(await balanceOf(c.db, 'pwb', '1000000002')).toEqual({ balance: '46.15', pastDue: '46.15' });
    expect(await balanceOf(c.db, 'pwb', '1000000003')).toEqual({ balance: '400.00', pastDue: '400.00' });
    const feed = async (after: string) =>
      accountFeedResponseSchema.parse((await c.app.inject({ method: 'GET', url: `/v1/accounts/pwb?after=${after}&limit=5000`, headers: AUTH })).json());
    const { cursor } = await feed('0');

    const v = aVoid(paymentId);
    const [result] = await postVoids([v]);
    expect(result).toMatchObject({ id: v.id, status: 'posted', reference: expect.stringMatching(/^V[0-9]{8}$/) });
    expect(await balanceOf(c.db, 'pwb', '1000000002')).toEqual({ balance: '96.15', pastDue: '46.15' });
    expect(await balanceOf(c.db, 'pwb', '1000000003')).toEqual({ balance: '412.70', pastDue: '400.00' });
    const changed = await feed(cursor);
    expect(changed.accounts.map((a) => [a.number, a.balance]).sort()).toEqual([
      ['1000000002', '96.15'],
      ['1000000003', '412.70'],
    ]);
    const [row] = await c.db.query<{ body: unknown; approved_by: string; payment_id: string }>(
      'select body, approved_by, payment_id::text from voids where id = $1::uuid',
      [v.id],
    );
    expect(row).toEqual({ body: v, approved_by: 'sam', payment_id: paymentId });
  });

  it('answers the same void again with the first reference, and puts the money back once', async () => {
    const paymentId = await paid([{ accountNumber: '1000000004', amount: '8.00' }]);
    const v = aVoid(paymentId);
    const [first] = await postVoids([v]);
    const [again] = await postVoids([v]);
    const [third] = await postVoids([{ ...v, reason: `  ${v.reason} ` }]); // the schema trims: same contents
    if (first?.status !== 'posted') throw new Error(JSON.stringify(first));
    expect(again).toEqual({ id: v.id, status: 'already_posted', reference: first.reference, postedAt: first.postedAt });
    expect(third).toEqual(again);
    expect(await balanceOf(c.db, 'pwb', '1000000004')).toEqual({ balance: '58.00', pastDue: '0.00' });
    expect(await voidCount(paymentId)).toBe(1);
  });

  it('refuses the same void id with other contents as a conflict, naming what differs, and keeps the stored void', async () => {
    const paymentId = await paid([{ accountNumber: '1000000004', amount: '3.00' }]);
    const v = aVoid(paymentId);
    const [first] = await postVoids([v]);
    const [other] = await postVoids([{ ...v, reason: 'customer changed their mind' }]);
    expect(other?.status).toBe('conflict');
    expect(errorOf(other)).toBe(`id: ${v.id} was already posted as ${first && 'reference' in first ? first.reference : '?'} with a different reason; it is not posted again`);
    const [row] = await c.db.query<{ reason: string }>('select reason from voids where id = $1::uuid', [v.id]);
    expect(row?.reason).toBe('wrong account keyed');
    expect(await balanceOf(c.db, 'pwb', '1000000004')).toEqual({ balance: '58.00', pastDue: '0.00' });
  });

  it('refuses a second void of a voided payment as a conflict naming the first, in a later batch or the same one', async () => {
    const paymentId = await paid([{ accountNumber: '1000000004', amount: '5.00' }]);
    const first = aVoid(paymentId);
    const [posted] = await postVoids([first]);
    const [second] = await postVoids([aVoid(paymentId, { reason: 'a second try' })]);
    expect(second?.status).toBe('conflict');
    expect(errorOf(second)).toBe(`paymentId: payment already voided by ${first.id} (${posted && 'reference' in posted ? posted.reference : '?'}); it is not voided again`);

    const other = await paid([{ accountNumber: '1000000004', amount: '6.00' }]);
    const a = aVoid(other);
    const b = aVoid(other, { reason: 'voided twice at two windows' });
    const results = await postVoids([a, b]);
    expect(results.map((r) => r.status)).toEqual(['posted', 'conflict']);
    expect(errorOf(results[1])).toMatch(new RegExp(`^paymentId: payment already voided by ${a.id} \\(V[0-9]{8}\\)`));
    expect(await voidCount(other)).toBe(1);
    expect(await balanceOf(c.db, 'pwb', '1000000004')).toEqual({ balance: '58.00', pastDue: '0.00' });
  });

  it("rejects a void of a payment central does not hold, or of another utility's payment, and stores nothing", async () => {
    const unknown = uuidv7();
    const wesPayment = await paid([{ accountNumber: '200000001', amount: '1.00' }], 'wes');
    const results = await postVoids([aVoid(unknown), aVoid(wesPayment, { utility: 'pwb' })]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(errorOf(results[0])).toBe(`paymentId: central holds no payment ${unknown}`);
    expect(errorOf(results[1])).toBe(`utility: payment ${wesPayment} was posted at wes, not pwb`);
    expect(await voidCount(wesPayment)).toBe(0);
    // Rejected is not stored: the right void of that payment still posts.
    const [ok] = await postVoids([aVoid(wesPayment, { utility: 'wes' })]);
    expect(ok?.status).toBe('posted');
    expect(await balanceOf(c.db, 'wes', '200000001')).toEqual({ balance: '143.22', pastDue: '0.00' });
  });

  it('keeps request order through mixed results, whatever the id order', async () => {
    const ids = [4, 3, 2, 1].map((s) => uuidv7(Date.now() + s * 1000)); // newest first: request order is the reverse of id order
    const p1 = await paid([{ accountNumber: '1000000004', amount: '1.00' }]);
    const p2 = await paid([{ accountNumber: '1000000004', amount: '2.00' }]);
    const done = aVoid(p2, { id: ids[2] });
    await postVoids([done]);
    const results = await postVoids([aVoid(p1, { id: ids[0] }), aVoid(uuidv7(), { id: ids[1] }), done, aVoid(p2, { id: ids[3] })]);
    expect(results.map((r) => [r.id, r.status])).toEqual([
      [ids[0], 'posted'],
      [ids[1], 'rejected'],
      [ids[2], 'already_posted'],
      [ids[3], 'conflict'],
    ]);
  });
});

describe('bad requests', () => {
  const send = (payload: unknown, headers: Record<string, string> = AUTH) => c.app.inject({ method: 'POST', url: '/v1/voids', headers, payload: payload as object });

  it('needs the station token', async () => {
    const res = await send({ voids: [aVoid(uuidv7())] }, {});
    expect(res.statusCode).toBe(401);
  });

  it.each([
    ['a cashier approving their own void', (v: Void) => ({ ...v, approvedBy: v.cashier }), 'approvedBy'],
    ['no reason', (v: Void) => ({ ...v, reason: ' ' }), 'reason'],
    ['a card number in the reason', (v: Void) => ({ ...v, reason: 'card 4111111111111111' }), 'reason'],
    ['a payment id that is not a UUID', (v: Void) => ({ ...v, paymentId: 'P00000001' }), 'paymentId'],
  ])('rejects %s naming the field, and answers the other voids of the batch', async (_, change, field) => {
    const bad = change(aVoid(uuidv7()));
    const other = aVoid(uuidv7());
    const res = await send({ voids: [bad, other] });
    expect(res.statusCode).toBe(200);
    const [first, second] = postVoidsResponseSchema.parse(res.json()).results;
    expect(first).toMatchObject({ id: bad.id, status: 'rejected', error: expect.stringMatching(new RegExp(`^${field}: `)) });
    expect(second).toMatchObject({ id: other.id, status: 'rejected', error: expect.stringMatching(/^paymentId: central holds no payment/) });
  });

  it('refuses with 400 a void without a usable id: it could not be answered', async () => {
    const { id: _, ...noId } = aVoid(uuidv7());
    const res = await send({ voids: [noId] });
    expect(res.statusCode).toBe(400);
    expect(errorResponseSchema.parse(res.json()).field).toBe('voids.0.id');
  });

  it('refuses an empty batch', async () => {
    const res = await send({ voids: [] });
    expect(res.statusCode).toBe(400);
    expect(errorResponseSchema.parse(res.json()).field).toBe('voids');
  });
});

describe('the journal', () => {
  it('refuses to change or delete a posted void', async () => {
    await expect(c.db.query("update voids set reason = 'x' where reference = 'V00000001'")).rejects.toThrow(/never changed or deleted/);
    await expect(c.db.query('delete from voids')).rejects.toThrow(/never changed or deleted/);
  });
});

/** The HTTP surface: health, the station token, CORS, parsing into 400s, account look-up and the change feed. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accountFeedResponseSchema,
  accountResponseSchema,
  errorResponseSchema,
  healthResponseSchema,
  postPaymentsResponseSchema,
  type AccountFeedResponse,
} from '../../../shared/sync/protocol';
import { uuidv7 } from '../../../shared/ids';
import { AUTH, balanceOf, cashPayment, openTestCentral, paymentCount, post, type TestCentral } from './helpers';

let c: TestCentral;
beforeAll(async () => {
  c = await openTestCentral(100);
});
afterAll(async () => {
  await c.close();
});

const get = (url: string, headers: Record<string, string> = AUTH) => c.app.inject({ method: 'GET', url, headers });

describe('health', () => {
  it('answers without a token and names the database', async () => {
    const res = await c.app.inject({ method: 'GET', url: '/v1/health' });
    expect(res.statusCode).toBe(200);
    expect(healthResponseSchema.parse(res.json())).toEqual({ ok: true, version: 'v1', database: 'pglite' });
  });
});

describe('the station token', () => {
  const payment = () => cashPayment({ lines: [{ accountNumber: '1000000001', amount: '10.00' }] });

  it.each([
    ['no Authorization header', {}],
    ['a wrong token', { authorization: 'Bearer not-the-token' }],
    ['not a bearer token', { authorization: 'Basic dW5pdA==' }],
  ])('refuses %s with 401 and writes nothing', async (_, headers: Record<string, string>) => {
    const before = await balanceOf(c.db, 'pwb', '1000000001');
    const posted = await c.app.inject({ method: 'POST', url: '/v1/payments', headers, payload: { payments: [payment()] } });
    expect(posted.statusCode).toBe(401);
    expect(errorResponseSchema.parse(posted.json()).error).toMatch(/station.*token/);
    expect((await get('/v1/accounts/pwb/1000000001', headers)).statusCode).toBe(401);
    expect((await get('/v1/accounts/pwb', headers)).statusCode).toBe(401);
    expect(await paymentCount(c.db)).toBe(0);
    expect(await balanceOf(c.db, 'pwb', '1000000001')).toEqual(before);
  });
});

describe('CORS', () => {
  it('answers the preflight for any origin without a token', async () => {
    const res = await c.app.inject({
      method: 'OPTIONS',
      url: '/v1/payments',
      headers: { origin: 'app://counter', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('app://counter');
    expect(String(res.headers['access-control-allow-headers'])).toMatch(/Authorization/);
    expect(String(res.headers['access-control-allow-methods'])).toMatch(/POST/);
  });

  it('marks real answers, errors included, as readable by the page', async () => {
    const ok = await get('/v1/accounts/pwb/1000000001', { ...AUTH, origin: 'http://127.0.0.1:5173' });
    expect(ok.headers['access-control-allow-origin']).toBe('http://127.0.0.1:5173');
    const refused = await get('/v1/accounts/pwb/1000000001', { origin: 'http://127.0.0.1:5173' });
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['access-control-allow-origin']).toBe('http://127.0.0.1:5173');
  });
});

describe('malformed requests', () => {
  const postRaw = (payload: string, contentType = 'application/json') =>
    c.app.inject({ method: 'POST', url: '/v1/payments', headers: { ...AUTH, 'content-type': contentType }, payload });

  it('holds only the item with a bad amount (money taken is never refused), naming its field, and posts the others', async () => {
    const p = { ...cashPayment({ lines: [{ accountNumber: '1000000001', amount: '12.34' }] }) };
    const bad = { ...p, lines: [{ accountNumber: '1000000001', amount: '12.345' }] };
    const good = cashPayment({ lines: [{ accountNumber: '1000000004', amount: '2.00' }] });
    const res = await postRaw(JSON.stringify({ payments: [bad, good] }));
    expect(res.statusCode).toBe(200);
    const [first, second] = postPaymentsResponseSchema.parse(res.json()).results;
    expect(first).toMatchObject({ id: p.id, status: 'held', reason: expect.stringMatching(/^does not match the protocol: lines\.0\.amount: must be an amount with exactly two decimals/) });
    expect(second).toMatchObject({ id: good.id, status: 'posted' });
    expect(await paymentCount(c.db, p.id)).toBe(0);
    const [held] = await c.db.query<{ amount: string }>("select body->'lines'->0->>'amount' as amount from held_items where kind = 'payment' and id = $1", [p.id]);
    expect(held?.amount).toBe('12.345');
    // Sent again, the same answer.
    const again = postPaymentsResponseSchema.parse((await postRaw(JSON.stringify({ payments: [bad] }))).json()).results;
    expect(again).toEqual([first]);
    expect(await paymentCount(c.db, good.id)).toBe(1);
  });

  it('holds an item missing a field, rejects one whose id is not a UUID; refuses with 400 an empty batch, an item without a usable id, a batch over the maximum', async () => {
    const { cashier: _, ...noCashier } = cashPayment({ lines: [{ accountNumber: '1000000001', amount: '1.00' }] });
    const missing = postPaymentsResponseSchema.parse((await postRaw(JSON.stringify({ payments: [noCashier] }))).json()).results;
    expect(missing).toEqual([{ id: noCashier.id, status: 'held', reference: expect.stringMatching(/^H\d{8}$/), postedAt: expect.any(String), reason: expect.stringMatching(/^does not match the protocol: cashier: /) }]);
    const notUuid = postPaymentsResponseSchema.parse((await postRaw(JSON.stringify({ payments: [{ ...noCashier, id: 'receipt-42' }] }))).json()).results;
    expect(notUuid).toEqual([{ id: 'receipt-42', status: 'rejected', error: expect.stringMatching(/^id: |^cashier: /) }]);
    for (const id of [undefined, 12, '', 'x'.repeat(101)]) {
      const res = await postRaw(JSON.stringify({ payments: [{ ...noCashier, id }] }));
      expect(res.statusCode, String(id)).toBe(400);
      expect(errorResponseSchema.parse(res.json()).field).toBe('payments.0.id');
    }
    const tooMany = await postRaw(JSON.stringify({ payments: Array.from({ length: 501 }, () => ({ id: uuidv7() })) }));
    expect(tooMany.statusCode).toBe(400);
    expect(errorResponseSchema.parse(tooMany.json()).field).toBe('payments');
    expect(await paymentCount(c.db, noCashier.id)).toBe(0);
    const empty = await postRaw(JSON.stringify({ payments: [] }));
    expect(empty.statusCode).toBe(400);
    expect(errorResponseSchema.parse(empty.json()).field).toBe('payments');
  });

  it('refuses bad JSON, an empty body and a body that is not an object', async () => {
    const before = await paymentCount(c.db);
    for (const payload of ['{"payments": [', '', '[1,2]']) {
      const res = await postRaw(payload);
      expect(res.statusCode, payload).toBe(400);
      expect(errorResponseSchema.parse(res.json()).field).toBe('body');
    }
    expect(await paymentCount(c.db)).toBe(before);
  });

  it('refuses a body that is not JSON', async () => {
    const res = await postRaw('payments=1', 'text/plain');
    expect(res.statusCode).toBe(415);
    expect(errorResponseSchema.parse(res.json()).error).toMatch(/application\/json/);
  });

  it('answers unknown paths with 404 in the same error shape', async () => {
    const res = await get('/v1/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(errorResponseSchema.parse(res.json()).error).toMatch(/no such endpoint/);
  });
});

describe('account look-up', () => {
  it('returns a fixed demo account exactly', async () => {
    const res = await get('/v1/accounts/pwb/1000000001');
    expect(res.statusCode).toBe(200);
    const { account } = accountResponseSchema.parse(res.json());
    expect(account).toMatchObject({
      utility: 'pwb',
      number: '1000000001',
      name: 'Rosa Delgado',
      serviceAddress: '2317 NE Alberta St, Portland, OR 97211',
      balance: '182.40',
      pastDue: '0.00',
      status: 'current',
      shutOffsLast12Months: 0,
      certifiedAmount: null,
    });
    expect(account.dueDate! > new Date().toISOString().slice(0, 10)).toBe(true);
  });

  it('returns WES certified charges', async () => {
    const { account } = accountResponseSchema.parse((await get('/v1/accounts/wes/200000001')).json());
    expect(account).toMatchObject({ name: 'Linda Okafor', status: 'certified', balance: '143.22', certifiedAmount: '310.55' });
  });

  it('answers 404 naming an unknown account, 400 naming a malformed number', async () => {
    const unknown = await get('/v1/accounts/pwb/1000009999');
    expect(unknown.statusCode).toBe(404);
    expect(errorResponseSchema.parse(unknown.json()).error).toBe('no account 1000009999 at pwb');
    const bad = await get('/v1/accounts/pwb/12ab');
    expect(bad.statusCode).toBe(400);
    expect(errorResponseSchema.parse(bad.json()).field).toBe('number');
  });
});

describe('the change feed', () => {
  async function page(utility: string, after: string, limit: number): Promise<AccountFeedResponse> {
    const res = await get(`/v1/accounts/${utility}?after=${after}&limit=${limit}`);
    expect(res.statusCode, res.body).toBe(200);
    return accountFeedResponseSchema.parse(res.json());
  }

  async function pageThrough(utility: string, after: string, limit: number) {
    const numbers: string[] = [];
    const cursors: bigint[] = [];
    let cursor = after;
    for (;;) {
      const p = await page(utility, cursor, limit);
      numbers.push(...p.accounts.map((a) => a.number));
      cursors.push(BigInt(p.cursor));
      cursor = p.cursor;
      if (!p.more) return { numbers, cursors, cursor };
      expect(p.accounts).toHaveLength(limit);
    }
  }

  it('pages through every account of a utility once, in cursor order', async () => {
    const { numbers, cursors, cursor } = await pageThrough('pwb', '0', 7);
    const [{ n } = { n: '' }] = await c.db.query<{ n: string }>("select count(*)::text as n from accounts where utility = 'pwb'");
    expect(numbers).toHaveLength(Number(n));
    expect(new Set(numbers).size).toBe(numbers.length);
    // Past cursor 9 and 99: the order is numeric, not textual.
    expect(cursors.every((x, i) => i === 0 || x > (cursors[i - 1] ?? 0n))).toBe(true);
    expect(cursors.at(-1)! > 99n).toBe(true);
    const idle = await page('pwb', cursor, 7);
    expect(idle).toEqual({ accounts: [], cursor, more: false });
  });

  it('carries an account again, with its new balance, once a payment is posted to it', async () => {
    const { cursor } = await pageThrough('pwb', '0', 500);
    const [result] = await post(c.app, [cashPayment({ lines: [{ accountNumber: '1000000002', amount: '50.00' }] })]);
    expect(result?.status).toBe('posted');
    const changed = await page('pwb', cursor, 100);
    expect(changed.accounts.map((a) => [a.number, a.balance, a.pastDue])).toEqual([['1000000002', '46.15', '46.15']]);
    expect(BigInt(changed.cursor) > BigInt(cursor)).toBe(true);
    expect(changed.more).toBe(false);
  });

  it('refuses a bad cursor or limit naming it, and a utility not the station\'s', async () => {
    for (const [query, field] of [
      ['after=abc', 'after'],
      ['after=99999999999999999999', 'after'],
      ['limit=0', 'limit'],
      ['limit=5001', 'limit'],
    ] as const) {
      const res = await get(`/v1/accounts/pwb?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(errorResponseSchema.parse(res.json()).field).toBe(field);
    }
    const unknown = await get('/v1/accounts/nowhere');
    expect(unknown.statusCode).toBe(403);
    expect(errorResponseSchema.parse(unknown.json())).toMatchObject({ field: 'utility', error: expect.stringMatching(/nowhere/) });
  });
});

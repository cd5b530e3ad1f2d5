/** Every tender kind and every utility: the body kept as sent, one payment_tenders row per tender, the tender rules, and the upgrade from migration 1. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../../central/src/db';
import { migrate, migrations } from '../../../central/src/migrations';
import { accountResponseSchema } from '../../../shared/sync/protocol';
import { tenderSchema, type Tender } from '../../../shared/payments/payment';
import { AUTH, balanceOf, cashPayment, openTestCentral, paymentCount, post, tenderedPayment, type TestCentral } from './helpers';

const tender = (t: Record<string, unknown>): Tender => tenderSchema.parse(t);

let c: TestCentral;
beforeAll(async () => {
  c = await openTestCentral(0);
});
afterAll(async () => {
  await c.close();
});

type TenderRowOut = {
  tender_no: number;
  kind: string;
  amount: string;
  check_number: string | null;
  routing_number: string | null;
  serial: string | null;
  brand: string | null;
  last4: string | null;
  approval_code: string | null;
};

const tenderRows = (id: string) =>
  c.db.query<TenderRowOut>(
    `select tender_no, kind, amount::text, check_number, routing_number, serial, brand, last4, approval_code
     from payment_tenders where payment_id = $1::uuid order by tender_no`,
    [id],
  );

describe('accounts', () => {
  it('carry beyondShutOff', async () => {
    const get = async (n: string) => accountResponseSchema.parse((await c.app.inject({ method: 'GET', url: `/v1/accounts/pwb/${n}`, headers: AUTH })).json()).account;
    expect(await get('1000000003')).toMatchObject({ status: 'shut_off', shutOffsLast12Months: 1, beyondShutOff: false });
    expect(await get('1000000006')).toMatchObject({ name: 'Dale Morrison', balance: '250.00', pastDue: '250.00', shutOffsLast12Months: 2, beyondShutOff: false });
    expect(await get('1000000007')).toMatchObject({ name: 'Grace Whitaker', balance: '640.18', status: 'shut_off', shutOffsLast12Months: 1, beyondShutOff: true });
  });
});

describe('tenders', () => {
  it('posts cash + check + money order + card over two accounts, keeps the body as sent and one row per tender', async () => {
    const p = tenderedPayment({
      lines: [
        { accountNumber: '1000000002', amount: '96.15' },
        { accountNumber: '1000000004', amount: '58.00' },
      ],
      tenders: [
        tender({ kind: 'cash', bills: '20.00', coins: '0.35' }),
        tender({ kind: 'check', amount: '50.00', checkNumber: '1042', routingNumber: '021000021' }),
        tender({ kind: 'money_order', amount: '40.00', serial: 'MO-88812' }),
        tender({ kind: 'card', amount: '43.80', brand: 'Visa', last4: '4242', approvalCode: 'A1B2C3' }),
      ],
      memo: 'split over the tenant and the landlord',
    });
    expect(p.change).toBe('0.00');
    const [result] = await post(c.app, [p]);
    expect(result?.status).toBe('posted');
    const [row] = await c.db.query<{ body: unknown }>('select body from payments where id = $1::uuid', [p.id]);
    expect(row?.body).toEqual(p);
    expect(await tenderRows(p.id)).toEqual([
      { tender_no: 0, kind: 'cash', amount: '20.35', check_number: null, routing_number: null, serial: null, brand: null, last4: null, approval_code: null },
      { tender_no: 1, kind: 'check', amount: '50.00', check_number: '1042', routing_number: '021000021', serial: null, brand: null, last4: null, approval_code: null },
      { tender_no: 2, kind: 'money_order', amount: '40.00', check_number: null, routing_number: null, serial: 'MO-88812', brand: null, last4: null, approval_code: null },
      { tender_no: 3, kind: 'card', amount: '43.80', check_number: null, routing_number: null, serial: null, brand: 'Visa', last4: '4242', approval_code: 'A1B2C3' },
    ]);
    expect(await balanceOf(c.db, 'pwb', '1000000002')).toEqual({ balance: '0.00', pastDue: '0.00' });
    expect(await balanceOf(c.db, 'pwb', '1000000004')).toEqual({ balance: '0.00', pastDue: '0.00' });
  });

  it('posts for WES and Portsmouth with their own card brands, a check without routing number, and cash change', async () => {
    const wes = tenderedPayment({
      utility: 'wes',
      lines: [{ accountNumber: '200000001', amount: '43.22' }],
      tenders: [tender({ kind: 'card', amount: '43.22', brand: 'Discover', last4: '0004', approvalCode: 'XY99' })],
    });
    const portsmouth = tenderedPayment({
      utility: 'portsmouth',
      lines: [{ accountNumber: '123456789012', amount: '77.30' }],
      tenders: [tender({ kind: 'check', amount: '50.00', checkNumber: '7', routingNumber: null }), tender({ kind: 'cash', bills: '30.00', coins: '0.00' })],
    });
    expect(portsmouth.change).toBe('2.70');
    expect((await post(c.app, [wes, portsmouth])).map((r) => r.status)).toEqual(['posted', 'posted']);
    expect((await tenderRows(portsmouth.id)).map((r) => [r.kind, r.amount, r.check_number, r.routing_number])).toEqual([
      ['check', '50.00', '7', null],
      ['cash', '30.00', null, null],
    ]);
    expect(await balanceOf(c.db, 'wes', '200000001')).toEqual({ balance: '100.00', pastDue: '0.00' });
    expect(await balanceOf(c.db, 'portsmouth', '123456789012')).toEqual({ balance: '0.00', pastDue: '0.00' });
  });

  it('holds what the profile refuses and what does not add up, naming the tender, posting nothing of either', async () => {
    const line = [{ accountNumber: '1000000001', amount: '10.00' }];
    const cases = [
      [tenderedPayment({ lines: line, tenders: [tender({ kind: 'card', amount: '10.00', brand: 'Discover', last4: '1111', approvalCode: 'OK12' })] }), /^tenders\.0\.brand: Portland Water Bureau takes Visa and Mastercard only/, 'held'],
      [tenderedPayment({ lines: line, tenders: [tender({ kind: 'card', amount: '12.00', brand: 'Visa', last4: '1111', approvalCode: 'OK12' })] }), /^does not match the protocol: change: change comes only from cash/, 'held'],
      [tenderedPayment({ lines: [...line, { accountNumber: '1000000001', amount: '1.00' }], tenders: [tender({ kind: 'cash', bills: '11.00', coins: '0.00' })] }), /^does not match the protocol: lines: each account appears once/, 'held'],
      [tenderedPayment({ lines: line, tenders: [tender({ kind: 'check', amount: '0.00', checkNumber: '1', routingNumber: null }), tender({ kind: 'cash', bills: '10.00', coins: '0.00' })] }), /^does not match the protocol: tenders\.0\.amount: a check must be for more than \$0\.00/, 'held'],
    ] as const;
    const results = await post(c.app, cases.map(([p]) => p));
    for (const [i, [p, message, status]] of cases.entries()) {
      const r = results[i];
      expect(r?.status, p.id).toBe(status);
      expect(r && 'error' in r ? r.error : r && 'reason' in r ? r.reason : '').toMatch(message);
      expect(await paymentCount(c.db, p.id)).toBe(0);
      expect(await tenderRows(p.id)).toEqual([]);
    }
  });

  it('holds a payment with a card number anywhere, naming the field, stores no card number, and accepts ids whatever their digits', async () => {
    const p = tenderedPayment({ lines: [{ accountNumber: '1000000001', amount: '1.00' }], tenders: [tender({ kind: 'cash', bills: '1.00', coins: '0.00' })], memo: 'card 4111 1111 1111 1111' });
    const res = await c.app.inject({ method: 'POST', url: '/v1/payments', headers: AUTH, payload: { payments: [p] } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ results: [{ id: p.id, status: 'held', reason: expect.stringMatching(/^does not match the protocol: memo: card numbers are not recorded/) }] });
    expect(await paymentCount(c.db, p.id)).toBe(0);
    const [held] = await c.db.query<{ body: string }>("select body::text as body from held_items where id = $1", [p.id]);
    expect(held?.body).toContain('[card number removed]');
    expect(held?.body).not.toContain('4111');
    // An all-digit UUID whose digits, joined across the dashes, pass the Luhn check: an id, not a card.
    const id = '01234567-8901-7234-8678-901234567892';
    const [result] = await post(c.app, [cashPayment({ id, lines: [{ accountNumber: '1000000001', amount: '1.00' }] })]);
    expect(result?.status).toBe('posted');
  });
});

describe('migration 2 on a database that already holds payments', () => {
  it('adds beyond_shut_off as false and fills payment_tenders from the stored bodies', async () => {
    const db = await openPglite();
    try {
      expect(await migrate(db, migrations.slice(0, 1))).toEqual([1]);
      await db.query(
        `insert into accounts (utility, number, name, service_address, balance, past_due, status) values ('pwb', '1000000001', 'A', 'B', 10, 0, 'current')`,
      );
      const p = cashPayment({ lines: [{ accountNumber: '1000000001', amount: '7.50' }], coins: '0.50', bills: '10.00' });
      await db.query(
        `insert into payments (id, utility, station_id, cashier, drawer_session_id, taken_at, received_at, total, canonical, body)
         values ($1::uuid, 'pwb', 's', 'pat', null, now(), now(), 7.50, 'x', $2::text::jsonb)`,
        [p.id, JSON.stringify(p)],
      );
      expect(await migrate(db, migrations.slice(0, 2))).toEqual([2]);
      expect(await db.query('select beyond_shut_off from accounts')).toEqual([{ beyond_shut_off: false }]);
      expect(await db.query('select tender_no, kind, amount::text from payment_tenders where payment_id = $1::uuid', [p.id])).toEqual([
        { tender_no: 0, kind: 'cash', amount: '10.50' },
      ]);
      await expect(db.query('delete from payment_tenders')).rejects.toThrow(/never changed or deleted/);
    } finally {
      await db.close();
    }
  });
});

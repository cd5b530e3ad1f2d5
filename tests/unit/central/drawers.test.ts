/** POST /v1/closeouts and /v1/deposits: idempotent by id, per-item results, the drawer's payments checked against central's, one deposit per drawer. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../shared/ids';
import type { MoneyString } from '../../../shared/money/money';
import type { Payment } from '../../../shared/payments/payment';
import { expectedTotals, overShort, type Closeout, type Counted } from '../../../shared/drawer/closeout';
import { depositFigures, type Deposit } from '../../../shared/drawer/deposit';
import { errorResponseSchema, postCloseoutsResponseSchema, postDepositsResponseSchema, postVoidsResponseSchema, type PaymentResult } from '../../../shared/sync/protocol';
import { AUTH, openTestCentral, post, type TestCentral } from './helpers';
import { BAG_COUNT, CLOSE_COUNT, DROP_COUNT, FLOAT_COUNT, P1, P2, P3, P4, P5 } from '../shared/drawer/shift';

const m = (s: string) => s as MoneyString;
let c: TestCentral;
beforeAll(async () => {
  c = await openTestCentral(0);
});
afterAll(async () => {
  await c.close();
});

/** The shift under fresh ids, its payments and void posted to central; returns its close-out. */
async function shift(opts: { post?: boolean; counted?: Partial<Counted>; note?: string } = {}): Promise<Closeout> {
  const drawer = uuidv7();
  const payments: Payment[] = [P1, P2, P3, P4, P5].map((p) => ({ ...p, id: uuidv7(), drawerSessionId: drawer }));
  const voidId = uuidv7();
  if (opts.post !== false) {
    expect((await post(c.app, payments)).map((r) => r.status)).toEqual(['posted', 'posted', 'posted', 'posted', 'posted']);
    const v = { id: voidId, paymentId: payments[0]!.id, utility: 'pwb', stationId: 'station-1', cashier: 'cashier1', approvedBy: 'supervisor1', reason: 'Wrong account keyed', drawerSessionId: drawer, takenAt: '2026-11-22T18:00:00.000Z' };
    const res = await c.app.inject({ method: 'POST', url: '/v1/voids', headers: AUTH, payload: { voids: [v] } });
    expect(postVoidsResponseSchema.parse(res.json()).results[0]?.status).toBe('posted');
  }
  const expected = expectedTotals(
    m('150.00'),
    payments.map((p, i) => ({ payment: p, voidedBy: i === 0 ? { voidId, approvedBy: 'supervisor1', reason: 'Wrong account keyed' } : null })),
    [m('100.00')],
  );
  const counted: Counted = { cash: CLOSE_COUNT, cashTotal: m('162.45'), checks: { count: 2, total: m('396.15') }, moneyOrders: { count: 1, total: m('58.00') }, card: { total: m('250.00') }, ...opts.counted };
  return {
    id: drawer,
    utility: 'pwb',
    stationId: 'station-1',
    cashier: 'cashier1',
    openedAt: '2026-11-22T16:00:00.000Z',
    openedBy: 'supervisor1',
    floatCount: FLOAT_COUNT,
    countedAt: '2026-11-23T00:00:00.000Z',
    signedOffAt: '2026-11-23T00:05:00.000Z',
    signedOffBy: 'supervisor1',
    note: opts.note ?? '',
    drops: [{ id: uuidv7(), at: '2026-11-22T20:00:00.000Z', cashier: 'cashier1', witness: 'supervisor1', count: DROP_COUNT, amount: m('100.00') }],
    expected,
    counted,
    overShort: overShort(expected, counted),
  };
}

function depositOf(closeouts: Closeout[], over: Partial<Deposit> = {}): Deposit {
  const f = depositFigures(closeouts);
  return {
    id: uuidv7(),
    utility: 'pwb',
    stationId: 'station-1',
    businessDate: '2026-11-22',
    preparedAt: '2026-11-23T00:10:00.000Z',
    preparedBy: 'supervisor1',
    bagNumber: 'BAG-000123',
    drawers: f.drawers,
    cash: { count: BAG_COUNT, total: m('112.45') },
    items: f.items,
    checksTotal: f.checksTotal,
    moneyOrdersTotal: f.moneyOrdersTotal,
    total: m('566.60'),
    ...over,
  };
}

async function send(url: '/v1/closeouts' | '/v1/deposits', body: unknown): Promise<{ status: number; results: PaymentResult[]; error?: string }> {
  const res = await c.app.inject({ method: 'POST', url, headers: AUTH, payload: body as Record<string, unknown> });
  if (res.statusCode !== 200) return { status: res.statusCode, results: [], error: errorResponseSchema.parse(res.json()).error };
  const schema = url === '/v1/closeouts' ? postCloseoutsResponseSchema : postDepositsResponseSchema;
  return { status: 200, results: schema.parse(res.json()).results };
}
const closeouts = (...xs: Closeout[]) => send('/v1/closeouts', { closeouts: xs });
const deposits = (...xs: Deposit[]) => send('/v1/deposits', { deposits: xs });
const errorOf = (r: PaymentResult | undefined) => (r && 'error' in r ? r.error : '');

describe('POST /v1/closeouts', () => {
  it('stores the shift’s close-out once, with its figures, and answers a resend with the first reference', async () => {
    const co = await shift();
    const first = await closeouts(co);
    expect(first.results).toMatchObject([{ id: co.id, status: 'posted', reference: expect.stringMatching(/^C[0-9]{8}$/) }]);
    const [row] = await c.db.query<Record<string, string>>(
      `select cashier, signed_off_by, float::text, expected_cash::text, counted_cash::text, over_short_cash::text, over_short_total::text, body->>'note' as note from closeouts where id = $1::uuid`,
      [co.id],
    );
    expect(row).toEqual({ cashier: 'cashier1', signed_off_by: 'supervisor1', float: '150.00', expected_cash: '162.70', counted_cash: '162.45', over_short_cash: '-0.25', over_short_total: '-0.25', note: '' });
    const again = await closeouts(co);
    expect(again.results).toEqual([{ id: co.id, status: 'already_posted', reference: (first.results[0] as { reference: string }).reference, postedAt: (first.results[0] as { postedAt: string }).postedAt }]);
    expect(Number((await c.db.query<{ n: string }>('select count(*)::text as n from closeouts where id = $1::uuid', [co.id]))[0]?.n)).toBe(1);
  });

  it('the same drawer closed again with other figures is a conflict, and nothing changes', async () => {
    const co = await shift();
    await closeouts(co);
    const [r] = (await closeouts({ ...co, note: 'a different note' })).results;
    expect(r).toMatchObject({ status: 'conflict' });
    expect(errorOf(r)).toMatch(/was already posted as C[0-9]{8} with a different note/);
  });

  it('refuses a close-out whose payments central does not hold, and one beyond the threshold without a note', async () => {
    const missing = await shift({ post: false });
    const [r1] = (await closeouts(missing)).results;
    expect(r1).toMatchObject({ status: 'rejected' });
    expect(errorOf(r1)).toMatch(/^expected\.payments: central holds 0 payments for 0\.00 in drawer .*, the close-out sums up 4 for 816\.85; send the drawer's payments first$/);
    const short = await shift({ counted: { cash: { ...CLOSE_COUNT, bill_10: 2 }, cashTotal: m('152.45') } });
    const [r2] = (await closeouts(short)).results;
    expect(errorOf(r2)).toBe('Note: cash $10.25 short is beyond the $5.00 threshold; the supervisor must write what was found');
    expect(Number((await c.db.query<{ n: string }>('select count(*)::text as n from closeouts where id = any($1::uuid[])', [[missing.id, short.id]]))[0]?.n)).toBe(0);
    const [r3] = (await closeouts({ ...short, note: 'A $10 bill missing' })).results;
    expect(r3?.status).toBe('posted');
  });

  it('rejects a close-out whose figures do not add up, naming the field', async () => {
    const co = await shift({ post: false });
    const r = await closeouts({ ...co, expected: { ...co.expected, cash: m('180.30') } });
    expect(r).toMatchObject({ status: 200, results: [{ id: co.id, status: 'rejected', error: 'expected.cash: must be float + cash taken − change given − drops (162.70)' }] });
    const neg = await closeouts({ ...co, counted: { ...co.counted, cash: { bill_20: -1 } } });
    expect(errorOf(neg.results[0])).toBe('counted.cash.bill_20: $20 bills: a count cannot be negative; enter how many bills, 0 or more');
  });

  it('keeps close-outs: no update or delete', async () => {
    const co = await shift();
    await closeouts(co);
    await expect(c.db.query(`update closeouts set note = 'x' where id = $1::uuid`, [co.id])).rejects.toThrow(/never changed or deleted/);
    await expect(c.db.query(`delete from closeouts where id = $1::uuid`, [co.id])).rejects.toThrow(/never changed or deleted/);
  });
});

describe('POST /v1/deposits', () => {
  it('refuses a deposit before its close-out, then stores it once with a D reference', async () => {
    const co = await shift();
    const d = depositOf([co]);
    const [early] = (await deposits(d)).results;
    expect(errorOf(early)).toBe(`drawers.0.drawerSessionId: central holds no close-out for drawer ${co.id}; send the close-out first`);
    await closeouts(co);
    const first = await deposits(d);
    expect(first.results).toMatchObject([{ status: 'posted', reference: expect.stringMatching(/^D[0-9]{8}$/) }]);
    expect((await deposits(d)).results).toMatchObject([{ status: 'already_posted', reference: (first.results[0] as { reference: string }).reference }]);
    const [row] = await c.db.query<Record<string, string>>(
      'select bag_number, business_date::text, cash_total::text, checks_total::text, money_orders_total::text, total::text from deposits where id = $1::uuid',
      [d.id],
    );
    expect(row).toEqual({ bag_number: 'BAG-000123', business_date: '2026-11-22', cash_total: '112.45', checks_total: '396.15', money_orders_total: '58.00', total: '566.60' });
  });

  it('a drawer goes into one deposit: another deposit of it is a conflict', async () => {
    const co = await shift();
    await closeouts(co);
    await deposits(depositOf([co]));
    const [r] = (await deposits(depositOf([co], { bagNumber: 'BAG-000999' }))).results;
    expect(r).toMatchObject({ status: 'conflict' });
    expect(errorOf(r)).toMatch(/^drawers\.0\.drawerSessionId: drawer .* is already in deposit .* \(D[0-9]{8}\); it is not deposited again$/);
  });

  it("refuses cash or checks that are not the close-outs'", async () => {
    const co = await shift();
    await closeouts(co);
    const f = depositFigures([co]);
    const more = depositOf([co], { drawers: [{ ...f.drawers[0]!, cash: m('132.45') }], cash: { count: { ...BAG_COUNT, bill_20: 5 }, total: m('132.45') }, total: m('586.60') });
    expect(errorOf((await deposits(more)).results[0])).toBe(`drawers.0.cash: the close-out of drawer ${co.id} puts 112.45 in the bag, not 132.45`);
    const fewer = depositOf([co], { items: f.items.slice(1), checksTotal: m('300.00'), total: m('470.45') });
    expect(errorOf((await deposits(fewer)).results[0])).toBe("items: the checks and money orders listed are not the ones in the drawers' close-outs (3 expected, 2 listed)");
    const bad = await deposits({ ...depositOf([co]), total: m('1.00') });
    expect(bad).toMatchObject({ status: 200, results: [{ status: 'rejected', error: 'total: must be cash + checks + money orders' }] });
  });
});

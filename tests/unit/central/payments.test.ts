/** Posting: the idempotency contract, the rules central enforces, balances, and the time a payment was taken. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../shared/ids';
import { MAX_AMOUNT, money, sub, toMoneyString } from '../../../shared/money/money';
import type { Database } from '../../../central/src/db';
import { postPayments } from '../../../central/src/payments';
import { AUTH, balanceOf, cashPayment, heldCount as heldIn, openTestCentral, paymentCount, post, type TestCentral } from './helpers';

let c: TestCentral;
beforeAll(async () => {
  c = await openTestCentral(0);
});
afterAll(async () => {
  await c.close();
});

const heldCount = (id: string) => heldIn(c.db, id);

const stored = async (id: string) => {
  const [row] = await c.db.query<{ total: string; canonical: string; reference: string }>(
    'select total::text, canonical, reference from payments where id = $1::uuid',
    [id],
  );
  return row;
};

describe('idempotency', () => {
  it('stores an id once and repeats the first answer, reducing the balance once to the cent', async () => {
    const p = cashPayment({ lines: [{ accountNumber: '1000000001', amount: '82.40' }] });
    const [first] = await post(c.app, [p]);
    const [second] = await post(c.app, [p]);
    expect(first).toMatchObject({ id: p.id, status: 'posted', reference: expect.stringMatching(/^P[0-9]{8}$/) });
    if (first?.status !== 'posted') throw new Error('not posted');
    expect(second).toEqual({ id: p.id, status: 'already_posted', reference: first.reference, postedAt: first.postedAt });
    expect(await paymentCount(c.db, p.id)).toBe(1);
    expect(await balanceOf(c.db, 'pwb', '1000000001')).toEqual({ balance: '100.00', pastDue: '0.00' });
  });

  it('answers a resent batch with the same references', async () => {
    const batch = ['1.00', '2.00', '3.00'].map((amount) => cashPayment({ lines: [{ accountNumber: '1000000004', amount }] }));
    const first = await post(c.app, batch);
    const again = await post(c.app, batch);
    expect(first.map((r) => r.status)).toEqual(['posted', 'posted', 'posted']);
    expect(again.map((r) => r.status)).toEqual(['already_posted', 'already_posted', 'already_posted']);
    const refs = (rs: typeof first) => rs.map((r) => ('reference' in r ? r.reference : null));
    expect(refs(again)).toEqual(refs(first));
    expect(new Set(refs(first)).size).toBe(3);
    expect(await balanceOf(c.db, 'pwb', '1000000004')).toEqual({ balance: '52.00', pastDue: '0.00' });
  });

  it('refuses the same id with other contents as a conflict and keeps the stored row as it was', async () => {
    const p = cashPayment({ lines: [{ accountNumber: '1000000002', amount: '10.00' }] });
    const [first] = await post(c.app, [p]);
    const before = await stored(p.id);
    const other = cashPayment({ id: p.id, takenAt: p.takenAt, lines: [{ accountNumber: '1000000002', amount: '11.00' }] });
    const [result] = await post(c.app, [other]);
    expect(result?.status).toBe('conflict');
    expect(result && 'error' in result ? result.error : '').toMatch(
      new RegExp(`^id: ${p.id} was already posted as ${first && 'reference' in first ? first.reference : '?'} with a different .*total`),
    );
    expect(await stored(p.id)).toEqual(before);
    expect(before?.total).toBe('10.00');
    expect(await paymentCount(c.db, p.id)).toBe(1);
    expect(await balanceOf(c.db, 'pwb', '1000000002')).toEqual({ balance: '86.15', pastDue: '86.15' });
  });

  it('treats a copy of a payment later in the same batch as a resend', async () => {
    const p = cashPayment({ lines: [{ accountNumber: '1000000004', amount: '2.00' }] });
    const before = await balanceOf(c.db, 'pwb', '1000000004');
    const [a, b] = await post(c.app, [p, p]);
    expect(a?.status).toBe('posted');
    expect(b).toMatchObject({ status: 'already_posted', reference: a && 'reference' in a ? a.reference : '?' });
    expect(await paymentCount(c.db, p.id)).toBe(1);
    expect((await balanceOf(c.db, 'pwb', '1000000004')).balance).toBe(toMoneyString(sub(money(before.balance), money('2.00'))));
  });
});

describe('rules', () => {
  it('holds more than $5.00 in coin, citing the limit, without touching the balance', async () => {
    const before = await balanceOf(c.db, 'pwb', '1000000001');
    const p = cashPayment({ lines: [{ accountNumber: '1000000001', amount: '20.00' }], coins: '5.01' });
    const [result] = await post(c.app, [p]);
    expect(result).toMatchObject({ id: p.id, status: 'held', reference: expect.stringMatching(/^H[0-9]{8}$/) });
    expect(result && 'reason' in result ? result.reason : '').toMatch(/^coins: at most \$5\.00 in coin/);
    expect(await paymentCount(c.db, p.id)).toBe(0);
    expect(await heldCount(p.id)).toBe(1);
    expect(await balanceOf(c.db, 'pwb', '1000000001')).toEqual(before);
  });

  it('holds a payment to an unknown account or a closed one', async () => {
    const cases = [
      [cashPayment({ lines: [{ accountNumber: '1000000001', amount: '1.00' }, { accountNumber: '1000009999', amount: '1.00' }] }), 'held', 'central holds no account 1000009999 at pwb'],
      [cashPayment({ lines: [{ accountNumber: '1000000005', amount: '1.00' }] }), 'held', 'account 1000000005 at pwb is closed and takes no payments'],
    ] as const;
    const before = await balanceOf(c.db, 'pwb', '1000000001');
    const results = await post(c.app, cases.map(([p]) => p));
    for (const [i, [p, status, message]] of cases.entries()) {
      const r = results[i];
      expect(r).toMatchObject({ id: p.id, status });
      expect(r && 'reason' in r ? r.reason : r && 'error' in r ? r.error : '').toMatch(message);
      expect(await paymentCount(c.db, p.id)).toBe(0);
      expect(await heldCount(p.id)).toBe(status === 'held' ? 1 : 0);
    }
    expect(await balanceOf(c.db, 'pwb', '1000000001')).toEqual(before);
  });

  it('answers a held payment sent again with the same reference, and other contents as a conflict', async () => {
    const p = cashPayment({ lines: [{ accountNumber: '1000009998', amount: '3.00' }] });
    const [first] = await post(c.app, [p]);
    const [again, copy] = await post(c.app, [p, p]);
    expect(first?.status).toBe('held');
    expect(again).toEqual(first);
    expect(copy).toEqual(first);
    const [other] = await post(c.app, [{ ...p, memo: 'another' }]);
    expect(other).toMatchObject({ id: p.id, status: 'conflict' });
    expect(await heldCount(p.id)).toBe(1);
  });

  it('holds a payment taken outside the window: ahead of the clock, over 90 days ago, before 2000', async () => {
    const now = Date.now();
    const times = [new Date(now + 6 * 60_000), new Date(now - 91 * 86_400_000), new Date('1999-12-31T23:00:00Z')];
    const ps = times.map((t) => cashPayment({ lines: [{ accountNumber: '1000000001', amount: '1.00' }], takenAt: t.toISOString() }));
    const ok = cashPayment({ lines: [{ accountNumber: '1000000006', amount: '1.00' }], takenAt: new Date(now + 60_000).toISOString() });
    const results = await post(c.app, [...ps, ok]);
    expect(results.map((r) => r.status)).toEqual(['held', 'held', 'held', 'posted']);
    expect(results.map((r) => ('reason' in r ? r.reason : ''))).toEqual([
      expect.stringMatching(/minutes after central's clock/),
      expect.stringMatching(/more than 90 days ago/),
      expect.stringMatching(/before 2000-01-01/),
      '',
    ]);
  });

  it('posts the largest amount a payment can carry and sums it to the cent; holds it without approval', async () => {
    const [before] = await c.db.query<{ balance: string }>("select balance::text from accounts where utility = 'pwb' and number = '1000000006'");
    const big = { ...cashPayment({ lines: [{ accountNumber: '1000000006', amount: MAX_AMOUNT }] }), approvedBy: 'sam' };
    const unapproved = cashPayment({ lines: [{ accountNumber: '1000000006', amount: MAX_AMOUNT }] });
    const [posted, held] = await post(c.app, [big, unapproved]);
    expect(posted?.status).toBe('posted');
    expect(held).toMatchObject({ status: 'held', reason: expect.stringMatching(/^approvedBy: a payment over/) });
    const [row] = await c.db.query<{ total: string }>('select total::text from payments where id = $1::uuid', [big.id]);
    expect(row?.total).toBe('99999999.99');
    const [h] = await c.db.query<{ total: string }>("select total::text from held_items where kind = 'payment' and id = $1::uuid", [unapproved.id]);
    expect(h?.total).toBe('99999999.99');
    expect((await balanceOf(c.db, 'pwb', '1000000006')).balance).toBe(toMoneyString(sub(money(before?.balance ?? ''), money(MAX_AMOUNT))));
  });

  it('holds totals that do not add up, naming the field, and moves no balance', async () => {
    const before = await balanceOf(c.db, 'pwb', '1000000001');
    const p = { ...cashPayment({ lines: [{ accountNumber: '1000000001', amount: '5.00' }] }), total: '6.00' };
    const [result] = await post(c.app, [p as typeof p & { total: never }]);
    expect(result?.status).toBe('held');
    expect(result && 'reason' in result ? result.reason : '').toMatch(/^does not match the protocol: total: /);
    expect(await balanceOf(c.db, 'pwb', '1000000001')).toEqual(before);
  });
});

describe('a batch', () => {
  it('keeps request order through mixed results, whatever the id order', async () => {
    // uuidv7 ids sort by time: made newest first, the request order is the reverse of the id order.
    const ids = [5, 4, 3, 2, 1].map((s) => uuidv7(Date.now() + s * 1000));
    const posted = cashPayment({ id: ids[3], lines: [{ accountNumber: '1000000004', amount: '1.00' }] });
    await post(c.app, [posted]);
    const batch = [
      cashPayment({ id: ids[0], lines: [{ accountNumber: '1000000004', amount: '1.00' }] }),
      cashPayment({ id: ids[1], lines: [{ accountNumber: '1000000004', amount: '20.00' }], coins: '6.00' }),
      cashPayment({ id: ids[2], lines: [{ accountNumber: '1000000099', amount: '1.00' }] }),
      posted,
      cashPayment({ id: ids[4], lines: [{ accountNumber: '1000000098', amount: '1.00' }] }),
      // Not a station's id: central cannot key it, so it alone is refused.
      cashPayment({ id: 'receipt-6', lines: [{ accountNumber: '1000000004', amount: '1.00' }] }),
    ];
    const results = await post(c.app, batch);
    expect(results.map((r) => [r.id, r.status])).toEqual([
      [ids[0], 'posted'],
      [ids[1], 'held'],
      [ids[2], 'held'],
      [ids[3], 'already_posted'],
      [ids[4], 'held'],
      ['receipt-6', 'rejected'],
    ]);
  });

  it('credits several lines and several payments to one account, and past due never below zero', async () => {
    const results = await post(c.app, [
      cashPayment({ lines: [{ accountNumber: '1000000003', amount: '300.00' }, { accountNumber: '1000000001', amount: '0.01' }] }),
      cashPayment({ lines: [{ accountNumber: '1000000003', amount: '200.00' }] }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['posted', 'posted']);
    expect(await balanceOf(c.db, 'pwb', '1000000003')).toEqual({ balance: '-87.30', pastDue: '0.00' });
    expect(await balanceOf(c.db, 'pwb', '1000000001')).toEqual({ balance: '99.99', pastDue: '0.00' });
    const [lines] = await c.db.query<{ n: string; sum: string }>(
      "select count(*)::text as n, sum(amount)::text as sum from payment_lines where utility = 'pwb' and account_number = '1000000003'",
    );
    expect(lines).toEqual({ n: '2', sum: '500.00' });
  });

  it('pays a balance to exactly 0.00, never -0.00', async () => {
    await post(c.app, [cashPayment({ lines: [{ accountNumber: '1000000001', amount: '99.99' }] })]);
    const res = await c.app.inject({ method: 'GET', url: '/v1/accounts/pwb/1000000001', headers: AUTH });
    expect(res.json()).toMatchObject({ account: { balance: '0.00', pastDue: '0.00' } });
  });
});

describe('the time taken', () => {
  it('keeps a payment taken yesterday at yesterday, as sent', async () => {
    // 26 hours ago, written in Portland's summer offset the way a station in Oregon would send it.
    const pacific = new Date(Date.now() - 26 * 3600 * 1000 - 7 * 3600 * 1000);
    const takenAt = `${pacific.toISOString().slice(0, 19)}-07:00`;
    const p = cashPayment({ lines: [{ accountNumber: '1000000004', amount: '3.00' }], takenAt });
    await post(c.app, [p]);
    const [row] = await c.db.query<{ same: boolean; sent: string; received_later: boolean }>(
      `select taken_at = $2::timestamptz as same, body->>'takenAt' as sent, received_at - taken_at > interval '25 hours' as received_later
       from payments where id = $1::uuid`,
      [p.id, takenAt],
    );
    expect(row).toEqual({ same: true, sent: takenAt, received_later: true });
  });
});

describe('the journal', () => {
  it('refuses to change or delete a posted payment', async () => {
    await expect(c.db.query("update payments set total = 1 where reference = 'P00000001'")).rejects.toThrow(/never changed or deleted/);
    await expect(c.db.query('delete from payment_lines')).rejects.toThrow(/never changed or deleted/);
  });
});

describe('set-based posting', () => {
  /** The same database, with every statement run inside a transaction written down. */
  function recording(db: Database): { db: Database; statements: string[] } {
    const statements: string[] = [];
    return {
      statements,
      db: {
        ...db,
        query: db.query.bind(db),
        transaction: (fn) =>
          db.transaction((tx) =>
            fn({
              query: (sql, params) => {
                statements.push(sql.trim().split(/\s+/).slice(0, 3).join(' '));
                return tx.query(sql, params);
              },
            }),
          ),
      },
    };
  }

  it('costs the same few statements for a batch of 1 and of 100, one insert per table', async () => {
    const run = async (n: number) => {
      const r = recording(c.db);
      const payments = Array.from({ length: n }, (_, i) =>
        cashPayment({ lines: [{ accountNumber: '1000000004', amount: '0.01' }, { accountNumber: i % 2 ? '1000000002' : '1000000003', amount: '0.02' }] }),
      );
      const results = await postPayments(r.db, payments);
      expect(results.every((x) => x.status === 'posted')).toBe(true);
      return r.statements;
    };
    const one = await run(1);
    const hundred = await run(100);
    expect(hundred).toEqual(one);
    expect(hundred.filter((s) => s.startsWith('insert into payments'))).toHaveLength(1);
    expect(hundred.filter((s) => s.startsWith('insert into payment_lines'))).toHaveLength(1);
    expect(hundred.filter((s) => s.startsWith('insert into payment_tenders'))).toHaveLength(1);
    expect(hundred.filter((s) => s.startsWith('update accounts'))).toHaveLength(1);
    // Reads of what is stored, posted and held, and of the accounts; the lock; four writes.
    expect(hundred.length).toBeLessThanOrEqual(8);
  });

  it('answers every kind of result in one batch with no more statements, in request order', async () => {
    const stored = cashPayment({ lines: [{ accountNumber: '1000000004', amount: '1.00' }] });
    await post(c.app, [stored]);
    const r = recording(c.db);
    const fresh = cashPayment({ lines: [{ accountNumber: '1000000004', amount: '1.00' }] });
    const batch = [
      fresh,
      stored,
      { ...stored, lines: [{ accountNumber: '1000000004', amount: '2.00' }], total: '2.00', tendered: '2.00' } as typeof stored,
      cashPayment({ lines: [{ accountNumber: '1000000099', amount: '1.00' }] }),
      fresh,
    ];
    const results = await postPayments(r.db, batch);
    expect(results.map((x) => x.status)).toEqual(['posted', 'already_posted', 'conflict', 'held', 'already_posted']);
    expect(results[4]).toEqual({ ...results[0], status: 'already_posted' });
    // One insert more, for the held ones.
    expect(r.statements.length).toBeLessThanOrEqual(9);
  });
});

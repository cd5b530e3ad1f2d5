/**
 * One record must not hold a batch back: the same cases on PGlite (isolation.test.ts) and on PostgreSQL
 * (postgres.test.ts). The database needs the demo accounts; each case breaks the database on purpose with a
 * trigger for one record, and removes the trigger after.
 */
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../../central/src/app';
import type { Database } from '../../../central/src/db';
import { postPayments } from '../../../central/src/payments';
import { postVoids } from '../../../central/src/voids';
import { uuidv7 } from '../../../shared/ids';
import { MAX_AMOUNT, money, sub, toMoneyString } from '../../../shared/money/money';
import type { Payment } from '../../../shared/payments/payment';
import { voidSchema } from '../../../shared/payments/void';
import { postPaymentsResponseSchema } from '../../../shared/sync/protocol';
import { AUTH, STATIONS, speakingAsItsStations, balanceOf, cashPayment, heldCount, paymentCount } from './helpers';

/** A trigger that fails inserts into `table` when `when` holds for the new row. */
async function breakInserts(db: Database, name: string, table: string, when: string): Promise<() => Promise<void>> {
  await db.query(`create function ${name}() returns trigger language plpgsql as $$
    begin
      if ${when} then raise exception 'refused on purpose'; end if;
      return new;
    end $$`);
  await db.query(`create trigger ${name} before insert on ${table} for each row execute function ${name}()`);
  return async () => {
    await db.query(`drop trigger ${name} on ${table}`);
    await db.query(`drop function ${name}()`);
  };
}

const heldRow = async (db: Database, id: string) =>
  (await db.query<{ reason: string; body: unknown; total: string | null; reference: string }>(
    'select reason, body, total::text as total, reference from held_items where id = $1::uuid',
    [id],
  ))[0];

export function isolationTests(getDb: () => Database): void {
  describe('isolation: one record does not hold the batch back', () => {
    it('posts the good one, holds one over the limit and one that breaks the database (a NUL in its memo), one answer each', async () => {
      const db = getDb();
      const before = await balanceOf(db, 'pwb', '1000000006');
      const good = cashPayment({ lines: [{ accountNumber: '1000000006', amount: '12.34' }] });
      const huge = cashPayment({ lines: [{ accountNumber: '1000000006', amount: MAX_AMOUNT }] });
      // Past the schema, as a bug or a hostile client could: the database cannot store a NUL.
      const nul = { ...cashPayment({ lines: [{ accountNumber: '1000000006', amount: '1.00' }] }), memo: 'a\u0000b card 4111 1111 1111 1111' } as Payment;
      const results = await postPayments(db, [good, huge, nul]);
      expect(results.map((r) => [r.id, r.status])).toEqual([
        [good.id, 'posted'],
        [huge.id, 'held'],
        [nul.id, 'held'],
      ]);
      expect(results[2]).toMatchObject({ reason: expect.stringMatching(/^central could not apply it: /) });
      expect((await balanceOf(db, 'pwb', '1000000006')).balance).toBe(toMoneyString(sub(money(before.balance), money('12.34'))));
      expect(await paymentCount(db, good.id)).toBe(1);
      expect(await paymentCount(db, nul.id)).toBe(0);
      const stored = await heldRow(db, nul.id);
      expect(stored?.total).toBe('1.00');
      expect(JSON.stringify(stored?.body)).not.toMatch(/4111|\\u0000/);
      expect((await heldRow(db, huge.id))?.total).toBe('99999999.99');
      // Sent again: the same answers, nothing stored twice.
      expect(await postPayments(db, [good, huge, nul])).toEqual([{ ...results[0], status: 'already_posted' }, results[1], results[2]]);
      expect(await heldCount(db, nul.id)).toBe(1);
    });

    it('holds the one payment the database refuses and posts the rest of the batch, 200 over HTTP', async () => {
      const db = getDb();
      const app = speakingAsItsStations(buildApp({ db, stations: STATIONS }));
      const repair = await breakInserts(db, 'refuse_line_for_test', 'payment_lines', "new.account_number = '1000000007'");
      try {
        const before = await balanceOf(db, 'pwb', '1000000007');
        const payments = [
          cashPayment({ lines: [{ accountNumber: '1000000001', amount: '1.00' }] }),
          cashPayment({ lines: [{ accountNumber: '1000000007', amount: '2.00' }] }),
          cashPayment({ lines: [{ accountNumber: '1000000002', amount: '3.00' }] }),
        ];
        const res = await app.inject({ method: 'POST', url: '/v1/payments', headers: AUTH, payload: { payments } });
        expect(res.statusCode, res.body).toBe(200);
        const results = postPaymentsResponseSchema.parse(res.json()).results;
        expect(results.map((r) => r.status)).toEqual(['posted', 'held', 'posted']);
        expect(results[1]).toMatchObject({ id: payments[1]?.id, reason: 'central could not apply it: a database rule (P0001)' });
        expect(await balanceOf(db, 'pwb', '1000000007')).toEqual(before);
        expect(await paymentCount(db, payments[1]?.id)).toBe(0);
      } finally {
        await repair();
        await app.close();
      }
    });

    it('holds a void the database refuses; a void of an unknown payment stays rejected', async () => {
      const db = getDb();
      const [paid] = await postPayments(db, [cashPayment({ lines: [{ accountNumber: '1000000001', amount: '4.00' }] })]);
      const aVoid = (paymentId: string, reason: string) =>
        voidSchema.parse({ id: uuidv7(), paymentId, utility: 'pwb', stationId: 's', cashier: 'pat', approvedBy: 'sam', reason, drawerSessionId: null, takenAt: new Date().toISOString() });
      const repair = await breakInserts(db, 'refuse_void_for_test', 'voids', "new.reason = 'breaks it'");
      try {
        const broken = aVoid(paid?.id ?? '', 'breaks it');
        const unknown = aVoid(uuidv7(), 'keyed twice');
        const results = await postVoids(db, [broken, unknown]);
        expect(results).toEqual([
          { id: broken.id, status: 'held', reference: expect.stringMatching(/^H[0-9]{8}$/), postedAt: expect.any(String), reason: 'central could not apply it: a database rule (P0001)' },
          { id: unknown.id, status: 'rejected', error: expect.stringMatching(/^paymentId: central holds no payment/) },
        ]);
      } finally {
        await repair();
      }
    });

    it('answers 503 when a payment can be neither applied nor held', async () => {
      const db = getDb();
      const app = speakingAsItsStations(buildApp({ db, stations: STATIONS }));
      const repairLines = await breakInserts(db, 'refuse_line_for_test2', 'payment_lines', "new.account_number = '1000000007'");
      const repairHeld = await breakInserts(db, 'refuse_held_for_test', 'held_items', 'true');
      try {
        const p = cashPayment({ lines: [{ accountNumber: '1000000007', amount: '2.00' }] });
        const res = await app.inject({ method: 'POST', url: '/v1/payments', headers: AUTH, payload: { payments: [p] } });
        expect(res.statusCode).toBe(503);
        expect(res.json()).toEqual({ error: "central's database is unavailable" });
        expect(await paymentCount(db, p.id)).toBe(0);
        expect(await heldCount(db, p.id)).toBe(0);
      } finally {
        await repairHeld();
        await repairLines();
        await app.close();
      }
    });
  });
}

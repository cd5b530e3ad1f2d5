/** Central's log carries ids and classes of error, never a payment's data, SQL or its parameters. */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../central/src/app';
import { openPglite, type Database } from '../../../central/src/db';
import { seedDemo } from '../../../central/src/demo';
import { serializeError } from '../../../central/src/logging';
import { migrate } from '../../../central/src/migrations';
import { redactValue } from '../../../shared/logging/redact';
import { AUTH, STATIONS, speakingAsItsStations, cashPayment } from './helpers';

let db: Database;
beforeAll(async () => {
  db = await openPglite();
  await migrate(db);
  await seedDemo(db, { perUtility: 0 });
});
afterAll(async () => {
  await db.close();
});

function capturingApp() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  const app = speakingAsItsStations(buildApp({ db, stations: STATIONS, logger: { level: 'info', stream } }));
  return { app, text: () => lines.join('') };
}

describe('the log', () => {
  it('keeps the memo, the card number, the account number and the SQL out when a batch breaks the database', async () => {
    // A database that quotes the refused row in its message, as triggers and constraints do.
    await db.query(`create function refuse_for_log_test() returns trigger language plpgsql as $$
      begin raise exception 'refused account % for gate code 4417 and card 4111 1111 1111 1111', new.account_number; end $$`);
    await db.query('create trigger refuse_for_log_test before insert on payment_lines for each row execute function refuse_for_log_test()');
    await db.query(`create function refuse_held_for_log_test() returns trigger language plpgsql as $$ begin raise exception 'no %', new.body; end $$`);
    await db.query('create trigger refuse_held_for_log_test before insert on held_items for each row execute function refuse_held_for_log_test()');
    const { app, text } = capturingApp();
    try {
      const withCard = { ...cashPayment({ lines: [{ accountNumber: '1000000004', amount: '1.00' }] }), memo: 'card 4111 1111 1111 1111' };
      const breaking = { ...cashPayment({ lines: [{ accountNumber: '1000000004', amount: '2.00' }] }), memo: 'Gate code 4417' };
      const res = await app.inject({ method: 'POST', url: '/v1/payments?station=x', headers: AUTH, payload: { payments: [withCard, breaking] } });
      expect(res.statusCode).toBe(503);
      const log = text();
      expect(log).toContain(breaking.id); // ids, so the item can be found
      expect(log).toContain('P0001');
      for (const secret of ['4111', '4417', 'Gate code', '1000000004', 'insert into', 'unit-station-token', 'station=x']) expect(log).not.toContain(secret);
    } finally {
      await db.query('drop trigger refuse_for_log_test on payment_lines');
      await db.query('drop trigger refuse_held_for_log_test on held_items');
      await app.close();
    }
  });

  it('serializes a driver error as its type, class and code only', () => {
    const pgError = Object.assign(new Error('duplicate key value violates unique constraint "payments_pkey" 1000000004'), {
      code: '23505',
      detail: 'Key (id)=(0197...) already exists.',
      query: 'insert into payments (id) values ($1)',
      parameters: ['1000000004', 'card 4111 1111 1111 1111'],
      params: ['x'],
    });
    expect(serializeError(pgError)).toEqual({ type: 'Error', message: 'a database constraint (23505)', code: '23505', stack: '' });
    expect(serializeError(new Error('Bearer abcdefghijkl and 4111 1111 1111 1111'))).toEqual({ type: 'Error', message: 'Bearer [redacted] and [card number removed]', stack: '' });
    expect(redactValue({ stationToken: 'abc', pin: '1234', nested: { password: 'x', note: 'card 4111111111111111' } })).toEqual({
      stationToken: '[redacted]',
      pin: '[redacted]',
      nested: { password: '[redacted]', note: 'card [card number removed]' },
    });
  });
});

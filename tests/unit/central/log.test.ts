/** Central's log carries ids, not data: a database error is logged without its statement, parameters or the body. */
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../../central/src/app';
import type { Database } from '../../../central/src/db';
import { AUTH, STATIONS } from './helpers';

/** What a pg or PGlite error carries: the statement and every parameter of the batch. */
function databaseError(): Error {
  return Object.assign(new Error('numeric field overflow near token=abcdefgh12345678 for card 4111 1111 1111 1111'), {
    code: '22003',
    query: 'insert into payments (id, memo, cashier) values ($1, $2, $3)',
    parameters: ['0193-payment-id', 'Customer cell 360-670-1508 memo-secret', 'cashier-pat'],
    params: ['1000000001'],
    detail: 'Failing row contains (1000000001, memo-secret).',
  });
}

/** A database that fails every statement, as one would while a disk fills up. */
function failingDb(): Database {
  const fail = async () => {
    throw databaseError();
  };
  return { kind: 'pglite', description: 'failing', query: fail, transaction: fail, close: async () => undefined } as unknown as Database;
}

describe('central log', () => {
  it('logs a failed request by its error class and code, never the message, statement, parameters or body', async () => {
    const lines: string[] = [];
    const app = buildApp({ db: failingDb(), stations: STATIONS, logger: { level: 'warn', stream: { write: (l: string) => void lines.push(l) } } });
    await app.ready();
    const res = await app.inject({ method: 'GET', url: '/v1/health', headers: AUTH });
    expect(res.statusCode).toBe(500);
    await app.close();
    const log = lines.join('\n');
    expect(log).toContain('request failed');
    expect(log).toContain('22003');
    expect(log).not.toMatch(/memo-secret|cashier-pat|1000000001|insert into|Failing row/);
    expect(log).not.toContain('abcdefgh12345678');
    expect(log).not.toContain('4111 1111 1111 1111');
  });
});

/** Central's log carries ids, not data: a database error is logged without its statement, parameters or the body. */
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../../central/src/app';
import { centralLoggerOptions, serializeError, serializeRequest } from '../../../central/src/log';
import type { Database } from '../../../central/src/db';
import { AUTH, TOKEN } from './helpers';

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
  it('logs a failed request by its error class, code and a redacted message, never the statement, parameters or body', async () => {
    const lines: string[] = [];
    const app = buildApp({ db: failingDb(), tokens: [TOKEN], logger: centralLoggerOptions({ stream: { write: (l) => void lines.push(l) } }) });
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
    expect(log).toContain('[card number removed]');
  });

  it('keeps only the class, a short code and the redacted message of an error', () => {
    const logged = serializeError(databaseError());
    expect(logged).toMatchObject({ type: 'Error', code: '22003', message: 'numeric field overflow near token=[redacted] for card [card number removed]' });
    expect(Object.keys(logged).sort()).toEqual(['code', 'message', 'stack', 'type']);
    expect(logged.stack).toMatch(/^\s+at /);
    expect(logged.stack).not.toContain('abcdefgh');
    expect(serializeError('a string thrown')).toEqual({ type: 'string', message: '[not an Error]', stack: '' });
  });

  it('logs a request by method and path, without its query string', () => {
    expect(serializeRequest({ method: 'GET', url: '/v1/accounts/pwb?after=0&limit=10' })).toEqual({ method: 'GET', path: '/v1/accounts/pwb' });
  });
});

/** How the station reads central's answers: only the protocol's own refusals are refusals; anything else is retried. */
import { describe, expect, it } from 'vitest';
import {
  CentralError,
  CentralRefused,
  CentralTooLarge,
  CentralUnreachable,
  centralClient,
} from '../../../../renderer/src/features/sync/central-client';
import type { CentralResponse } from '../../../../shared/bridge/bridge';
import { cashPayment } from '../sample';

const answering = (res: CentralResponse) => centralClient(async () => res);
const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as Error,
  );

describe('the central client sorts what answered', () => {
  it('nothing answered: unreachable, the station is offline', async () => {
    const client = centralClient(async () => {
      throw new CentralUnreachable('Central cannot be reached (connection refused)');
    });
    expect(await failure(client.postPayments([cashPayment()]))).toBeInstanceOf(CentralUnreachable);
    expect(await failure(client.health())).toBeInstanceOf(CentralUnreachable);
  });

  it('5xx, 401, 403, 404, 408 and 429 are errors to retry, saying what central answered', async () => {
    for (const status of [500, 502, 503, 401, 403, 404, 408, 429]) {
      const e = await failure(answering({ status, body: null }).postPayments([cashPayment()]));
      expect(e).toBeInstanceOf(CentralError);
      expect(e?.message).toBe(`Central answered ${status}`);
    }
    const e = await failure(answering({ status: 401, body: { error: 'unknown station token' } }).postPayments([cashPayment()]));
    expect(e).toBeInstanceOf(CentralError);
    expect(e?.message).toBe('Central answered 401: unknown station token');
  });

  it('an HTML page or a 200 whose body is not the protocol is an error to retry', async () => {
    // httpTransport gives a null body for anything that is not JSON.
    for (const body of [null, { results: 'ok' }, { results: [{ id: 'x', status: 'filed' }] }, '<html>Sign in to the network</html>']) {
      const e = await failure(answering({ status: 200, body }).postPayments([cashPayment()]));
      expect(e).toBeInstanceOf(CentralError);
      expect(e?.message).toBe("Central's answer did not match the protocol");
    }
  });

  it("400 and 422 with the protocol's error body are refusals; a proxy's 400 page is not", async () => {
    for (const status of [400, 422]) {
      const e = await failure(answering({ status, body: { error: 'payments.0.total: must be an amount', field: 'payments.0.total' } }).postPayments([cashPayment()]));
      expect(e).toBeInstanceOf(CentralRefused);
      expect(e?.message).toBe('payments.0.total: must be an amount');
    }
    expect(await failure(answering({ status: 400, body: null }).postPayments([cashPayment()]))).toBeInstanceOf(CentralError);
  });

  it('413 says the batch was too large, whatever the body', async () => {
    for (const body of [null, { error: 'request body is too large' }]) {
      const e = await failure(answering({ status: 413, body }).postPayments([cashPayment()]));
      expect(e).toBeInstanceOf(CentralTooLarge);
      expect(e?.message).toMatch(/^Central refused the batch as too large \(413\)/);
    }
  });

  it("an account central does not know is null; a proxy's 404 page is an error", async () => {
    expect(await answering({ status: 404, body: { error: 'no account 1000000099 at pwb' } }).account('pwb', '1000000099')).toBeNull();
    expect(await failure(answering({ status: 404, body: null }).account('pwb', '1000000099'))).toBeInstanceOf(CentralError);
  });

  it('the health check wants central itself: a 502 or a page that is not central is an error', async () => {
    await expect(answering({ status: 200, body: { ok: true, version: '1.0.0', database: 'pglite' } }).health()).resolves.toBeUndefined();
    expect((await failure(answering({ status: 502, body: null }).health()))?.message).toBe('Central answered 502');
    expect(await failure(answering({ status: 200, body: null }).health())).toBeInstanceOf(CentralError);
  });
});

describe("the journal's head", () => {
  it('goes with every POST, read when the request is sent; reads carry none', async () => {
    const sent: Array<{ method: string; body?: unknown }> = [];
    let n = 7;
    const client = centralClient(
      async (request) => {
        sent.push(request);
        return request.method === 'GET' ? { status: 200, body: { accounts: [], next: '0', more: false } } : { status: 200, body: { results: [] } };
      },
      { journalHead: async () => ({ stationId: 'wic-1', n: n++, hash: 'a'.repeat(64) }) },
    );
    const p = cashPayment();
    await client.postPayments([p]);
    await client.postDeposits([]);
    await client.feed('pwb', '0', 10).catch(() => null);
    expect(sent.map((r) => r.body)).toEqual([
      { payments: [p], journalHead: { stationId: 'wic-1', n: 7, hash: 'a'.repeat(64) } },
      { deposits: [], journalHead: { stationId: 'wic-1', n: 8, hash: 'a'.repeat(64) } },
      undefined,
    ]);
  });
});

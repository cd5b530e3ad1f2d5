/**
 * The runner against a central (or a proxy before it) that answers badly: nothing is given up on but what
 * central refuses alone, and every payment is stored at central exactly once. The runner talks through the
 * real client over a scripted transport, so each fault is an HTTP answer as the station would see it.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CounterDb } from '../../../../renderer/src/db/schema';
import { commitPayment } from '../../../../renderer/src/db/payments';
import { countPending } from '../../../../renderer/src/db/outbox';
import { startSyncRunner, type SyncRunner, type SyncState } from '../../../../renderer/src/features/sync/runner';
import { CentralUnreachable, centralClient } from '../../../../renderer/src/features/sync/central-client';
import type { CentralResponse } from '../../../../shared/bridge/bridge';
import type { Payment } from '../../../../shared/payments/payment';
import type { PaymentResult } from '../../../../shared/sync/protocol';
import { cashPayment } from '../sample';

/** One answer in place of central's, for the request's payment ids; null lets the request through. */
type Fault = (ids: string[]) => CentralResponse | null;

const TOO_LARGE: Fault = () => ({ status: 413, body: { error: 'request body is too large' } });
const PROXY_404: Fault = () => ({ status: 404, body: null });
// httpTransport reads a page that is not JSON as a null body.
const HTML_PAGE: Fault = () => ({ status: 200, body: null });
const BAD_200: Fault = () => ({ status: 200, body: { results: 'stored' } });
const UNAVAILABLE: Fault = () => ({ status: 503, body: null });
const NETWORK_DOWN: Fault = () => {
  throw new CentralUnreachable('Central cannot be reached (connection refused)');
};

function scriptedCentral(script: Fault[], always: Fault = () => null) {
  const stored: string[] = [];
  const requests: string[][] = [];
  const client = centralClient(async (req) => {
    if (req.path === '/v1/health') return { status: 200, body: { ok: true, version: 'test', database: 'pglite' } };
    const ids = (req.body as { payments: Payment[] }).payments.map((p) => p.id);
    requests.push(ids);
    const faulted = (script.shift() ?? always)(ids) ?? always(ids);
    if (faulted) return faulted;
    const results: PaymentResult[] = ids.map((id) => {
      const known = stored.includes(id);
      if (!known) stored.push(id);
      return { id, status: known ? 'already_posted' : 'posted', reference: `P${stored.indexOf(id) + 1}`, postedAt: new Date().toISOString() };
    });
    return { status: 200, body: { results } };
  });
  return { client, stored, requests };
}

async function until(check: () => Promise<boolean> | boolean, ms = 15_000) {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > ms) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 5));
  }
}

let db: CounterDb;
let runner: SyncRunner | null = null;
let states: SyncState[] = [];
beforeEach(() => {
  db = new CounterDb(`faults-${Math.random()}`);
  states = [];
});
afterEach(async () => {
  await runner?.stop();
  runner = null;
  await db.delete();
});

async function take(n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const p = cashPayment();
    ids.push(p.id);
    await commitPayment(db, p, {});
  }
  return ids;
}

/** Starts the runner with no wait between retries (the draw is always zero) and keeps every state it publishes. */
function run(central: ReturnType<typeof scriptedCentral>) {
  runner = startSyncRunner(db, central.client, { lockName: `faults-${Math.random()}`, random: () => 0 });
  runner.subscribe((s) => states.push(s));
}

const outbox = async () => Object.fromEntries((await db.outbox.toArray()).map((e) => [e.id, { state: e.state, lastError: e.lastError }]));
const drained = async () => (await countPending(db)) === 0;

describe('the sync runner with a central that answers badly', () => {
  it('413 twice: the batch is split in halves until it goes through; each payment stored once, in order', async () => {
    const ids = await take(3);
    const central = scriptedCentral([TOO_LARGE, TOO_LARGE]);
    run(central);
    await until(drained);
    expect(central.requests).toEqual([ids, ids.slice(0, 2), ids.slice(0, 1), ids.slice(1, 2), ids.slice(2)]);
    expect(central.stored).toEqual(ids);
    expect(Object.values(await outbox()).map((e) => e.state)).toEqual(['sent', 'sent', 'sent']);
    expect(states.some((s) => s.retrying > 0 || !s.online)).toBe(false);
  });

  it("a proxy's 404: retried with the same payments, nothing rejected, online all along", async () => {
    const ids = await take(2);
    const central = scriptedCentral([PROXY_404]);
    run(central);
    await until(drained);
    expect(central.requests).toEqual([ids, ids]);
    expect(central.stored).toEqual(ids);
    expect(Object.values(await outbox()).map((e) => e.state)).toEqual(['sent', 'sent']);
    expect(states.every((s) => s.online)).toBe(true);
    expect(states).toContainEqual(expect.objectContaining({ retrying: 1, lastError: 'Central answered 404' }));
    await until(() => states.at(-1)?.retrying === 0 && states.at(-1)?.lastError === null);
  });

  it('an HTML page, then a 200 whose body is not the protocol: retried until central answers, each stored once', async () => {
    const ids = await take(2);
    const central = scriptedCentral([HTML_PAGE, BAD_200]);
    run(central);
    await until(drained);
    expect(central.requests).toEqual([ids, ids, ids]);
    expect(central.stored).toEqual(ids);
    expect(Object.values(await outbox()).map((e) => e.state)).toEqual(['sent', 'sent']);
    expect(states).toContainEqual(expect.objectContaining({ online: true, retrying: 2, lastError: "Central's answer did not match the protocol" }));
    expect((await db.outbox.toArray()).map((e) => e.attempts)).toEqual([3, 3]);
  });

  it('413, then a 404 for the first half: the whole run goes again later, each payment stored once', async () => {
    const ids = await take(3);
    const central = scriptedCentral([TOO_LARGE, PROXY_404, HTML_PAGE]);
    run(central);
    await until(drained);
    expect(central.requests).toEqual([ids, ids.slice(0, 2), ids, ids]);
    expect(central.stored).toEqual(ids);
    expect(Object.values(await outbox()).map((e) => e.state)).toEqual(['sent', 'sent', 'sent']);
  });

  it('400 for a batch of 3 with one bad payment: split until that one is refused alone; the other two are sent', async () => {
    const ids = await take(3);
    const bad = ids[1]!;
    const refuseBad: Fault = (sent) => (sent.includes(bad) ? { status: 400, body: { error: 'payments.0.total: must equal the lines', field: 'payments.0.total' } } : null);
    const central = scriptedCentral([], refuseBad);
    run(central);
    await until(drained);
    expect(central.requests).toEqual([ids, ids.slice(0, 2), [ids[0]], [bad], [ids[2]]]);
    expect(central.stored).toEqual([ids[0], ids[2]]);
    expect(await outbox()).toEqual({
      [ids[0]!]: { state: 'sent', lastError: undefined },
      [bad]: { state: 'rejected', lastError: 'payments.0.total: must equal the lines' },
      [ids[2]!]: { state: 'sent', lastError: undefined },
    });
  });

  it('503 then ok: retried, central error shown meanwhile, never offline', async () => {
    const ids = await take(1);
    const central = scriptedCentral([UNAVAILABLE]);
    run(central);
    await until(drained);
    expect(central.stored).toEqual(ids);
    expect(states.every((s) => s.online)).toBe(true);
    expect(states).toContainEqual(expect.objectContaining({ retrying: 1, lastError: 'Central answered 503' }));
    await until(() => states.at(-1)?.retrying === 0);
  });

  it('only a network failure is offline', async () => {
    const ids = await take(1);
    const central = scriptedCentral([NETWORK_DOWN, NETWORK_DOWN]);
    run(central);
    await until(drained);
    expect(central.stored).toEqual(ids);
    expect(states).toContainEqual(expect.objectContaining({ online: false, retrying: 2 }));
    await until(() => states.at(-1)?.online === true && states.at(-1)?.retrying === 0);
  });

  it('a 413 for one payment alone is retried, never rejected', async () => {
    const ids = await take(1);
    const central = scriptedCentral([TOO_LARGE, TOO_LARGE]);
    run(central);
    await until(drained);
    expect(central.requests).toEqual([ids, ids, ids]);
    expect(Object.values(await outbox()).map((e) => e.state)).toEqual(['sent']);
  });

  it('an answer that leaves a payment out: that payment stays pending and is sent again', async () => {
    const ids = await take(2);
    const forgetSecond: Fault = (sent) => ({
      status: 200,
      body: { results: [{ id: sent[0], status: 'posted', reference: 'P1', postedAt: new Date().toISOString() }] },
    });
    const central = scriptedCentral([forgetSecond]);
    run(central);
    await until(drained);
    expect(central.requests).toEqual([ids, [ids[1]]]);
    expect(states).toContainEqual(expect.objectContaining({ retrying: 1, lastError: "Central's answer left 1 of 2 unanswered" }));
  });
});

/** A restart on the same PGlite folder keeps every posted payment once, and loads the demo only once. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openPglite } from '../../../central/src/db';
import { startCentral, type RunningCentral } from '../../../central/src/server';
import { postPaymentsResponseSchema } from '../../../shared/sync/protocol';
import { STATIONS, TOKEN, balanceOf, cashPayment } from './helpers';

let dataDir = '';
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'central-restart-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const start = () => startCentral({ port: 0, dataDir, demo: 5, stations: STATIONS, quiet: true });

async function postOver(central: RunningCentral, body: unknown) {
  const res = await fetch(`${central.url}/v1/payments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  return postPaymentsResponseSchema.parse(await res.json()).results;
}

it('keeps the payment once and the demo once across a restart', async () => {
  const payment = cashPayment({ lines: [{ accountNumber: '1000000002', amount: '6.15' }] });

  const first = await start();
  expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:[0-9]+$/);
  expect(first.summary).toBe(`PGlite at ${dataDir}, 24 accounts, demo mode`);
  const [posted] = await postOver(first, { payments: [payment] });
  expect(posted?.status).toBe('posted');
  await first.close();
  await first.close(); // twice is harmless

  const second = await start();
  try {
    expect(second.summary).toBe(`PGlite at ${dataDir}, 24 accounts, demo mode`);
    const [again] = await postOver(second, { payments: [payment] });
    expect(again).toEqual({ ...posted, status: 'already_posted' });
    const rows = await second.db.query<{ n: string }>('select count(*)::text as n from payments where id = $1::uuid', [payment.id]);
    expect(rows).toEqual([{ n: '1' }]);
    expect(await balanceOf(second.db, 'pwb', '1000000002')).toEqual({ balance: '90.00', pastDue: '90.00' });
  } finally {
    await second.close();
  }
});

it('keeps a second opener off a PGlite folder, and takes over a lock its process left behind', async () => {
  const folder = join(dataDir, 'locked');
  const first = await openPglite(folder);
  try {
    await expect(openPglite(folder)).rejects.toThrow(/is open in this process, and only one may open a PGlite folder/);
  } finally {
    await first.close();
  }
  // A process that ended without closing (pid_max on Linux is at most 4194304: this one never ran).
  await writeFile(join(folder, 'central.lock'), '99999999\n');
  const again = await openPglite(folder);
  expect(await again.query('select 1 as one')).toEqual([{ one: 1 }]);
  await again.close();
});

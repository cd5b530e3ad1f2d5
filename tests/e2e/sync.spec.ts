import { expect, lookUp, signIn, storeRows, TOKEN, test } from './fixtures';
import type { Page } from '@playwright/test';

async function payCash(page: Page, account: string, bills: string) {
  await lookUp(page, account);
  await page.getByLabel('Bills').fill(bills);
  await page.getByRole('button', { name: 'Post payment' }).click();
  await expect(page.getByRole('region', { name: 'Receipt' })).toBeVisible();
}

async function outboxPayments(page: Page) {
  return storeRows<{ id: string; state: string; payment: Record<string, unknown> }>(page, 'outbox');
}

test('a reply lost on the way back is resent with the same id and stored once', async ({ page, central }) => {
  await signIn(page);
  let lost = 0;
  // Central posts the batch, but the answer never reaches the station.
  await page.route(`${central.url}/v1/payments`, async (route) => {
    if (lost === 0) {
      lost += 1;
      await route.fetch();
      await route.abort('connectionreset');
    } else await route.continue();
  });
  await payCash(page, '1000000001', '200');
  await expect(page.getByRole('status')).toContainText('0 waiting', { timeout: 30_000 });
  expect(lost).toBe(1);
  expect(await central.payments()).toHaveLength(1);
});

test('the same id sent with another amount is a conflict: kept, shown, never retried', async ({ page, central }) => {
  await signIn(page);
  await page.route(`${central.url}/v1/**`, (route) => route.abort('connectionrefused'));
  await payCash(page, '1000000001', '200');
  await expect(page.getByRole('status')).toContainText('1 waiting');
  const [entry] = await outboxPayments(page);
  // Something else already stored this id at central with other contents.
  const other = { ...entry!.payment, lines: [{ accountNumber: '1000000001', amount: '100.00' }], total: '100.00', change: '100.00' };
  const res = await fetch(`${central.url}/v1/payments`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ payments: [other] }),
  });
  expect(res.status).toBe(200);
  let sends = 0;
  // The counting route first (the newest route wins), then central comes back: no send goes uncounted.
  await page.route(`${central.url}/v1/payments`, async (route) => {
    sends += 1;
    await route.continue();
  });
  await page.unroute(`${central.url}/v1/**`);
  await expect(page.getByRole('status')).toContainText('0 waiting', { timeout: 30_000 });
  await page.keyboard.press('F11');
  const panel = page.getByRole('region', { name: 'Sync' });
  await expect(panel).toContainText('Refused by central (1)');
  await expect(panel).toContainText('Conflict');
  // After Sync now the runner looks again (its health check shows it ran) and sends nothing more.
  const looked = page.waitForRequest(`${central.url}/v1/health`);
  await panel.getByRole('button', { name: 'Sync now' }).click();
  await looked;
  expect(sends).toBe(1);
  expect((await outboxPayments(page))[0]?.state).toBe('conflict');
  const rows = await central.payments();
  expect(rows).toHaveLength(1);
  expect(rows[0]?.total).toBe('100.00');
});

test('with central down, the sync panel shows what waits and since when', async ({ page, central }) => {
  await signIn(page);
  await central.stop();
  await payCash(page, '1000000001', '200');
  await expect(page.getByRole('status')).toContainText('Offline · 1 waiting · oldest under a minute');
  await page.keyboard.press('F11');
  const panel = page.getByRole('region', { name: 'Sync' });
  await expect(panel).toContainText('Waiting1');
  await expect(panel).toContainText('Offline: payments are kept on this station');
  await expect(panel).toContainText('Central cannot be reached');
  // The cache was filled from central's feed before it went down (50 demo accounts per utility here).
  await expect(panel).toContainText(/Accounts cached\d+/);
});

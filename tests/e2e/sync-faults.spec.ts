/**
 * Faults around the outbox: the page killed in the middle of a sync, two windows on one station, and a
 * proxy before central that answers with errors (page.route stands in for it).
 * Payments are put straight into the station's outbox (as the counter's commit would leave them) so the
 * tests can hold hundreds without typing each one.
 */
import { chromium } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uuidv7 } from '../../shared/ids';
import type { Payment } from '../../shared/payments/payment';
import { CHROMIUM, CHROMIUM_ARGS, expect, lookUp, queuePayments as queue, recordStatusTexts, signIn, storeRows, test } from './fixtures';

function payments(n: number): Payment[] {
  return Array.from({ length: n }, (_, i) => {
    const cents = 1000 + i;
    const amount = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
    return {
      id: uuidv7(),
      utility: 'pwb',
      stationId: 'e2e-1',
      cashier: 'cashier1',
      drawerSessionId: null,
      takenAt: new Date(Date.now() - 3_600_000).toISOString(),
      lines: [{ accountNumber: '1000000001', amount }],
      tenders: [{ kind: 'cash', bills: amount, coins: '0.00' }],
      total: amount,
      tendered: amount,
      change: '0.00',
      memo: '',
    } as Payment;
  });
}


test('the page killed in the middle of a sync of 200 payments: all arrive once after it opens again', async ({ central, renderer }) => {
  const profileDir = await mkdtemp(join(tmpdir(), 'counter-kill-'));
  const launch = () => chromium.launchPersistentContext(profileDir, { executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, viewport: { width: 1366, height: 768 } });
  try {
    let context = await launch();
    let page = context.pages()[0] ?? (await context.newPage());
    // Central unreachable while the 200 are queued.
    await page.route(`${central.url}/v1/payments`, (route) => route.abort('connectionrefused'));
    await page.goto(renderer.url);
    await signIn(page);
    const list = payments(200);
    await queue(page, list);
    await expect(page.getByRole('status')).toContainText('200 waiting');
    // Central stores the first batch, and the station dies before it hears back.
    let killed: () => void = () => undefined;
    const died = new Promise<void>((resolve) => (killed = resolve));
    await page.unroute(`${central.url}/v1/payments`);
    await page.route(`${central.url}/v1/payments`, async (route) => {
      await route.fetch();
      killed();
      await new Promise(() => undefined); // never answered: the window is closed with the request in flight
    });
    await died;
    await context.close();
    expect((await central.payments()).length).toBeGreaterThan(0);

    context = await launch();
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto(renderer.url);
    await signIn(page);
    await expect(page.getByRole('status')).toContainText('0 waiting', { timeout: 60_000 });
    const rows = await central.payments();
    expect(rows).toHaveLength(200);
    expect(new Set(rows.map((r) => r.id))).toEqual(new Set(list.map((p) => p.id)));
    await context.close();
  } finally {
    await rm(profileDir, { recursive: true, force: true });
  }
});

test('two windows on one station: one sender, every payment once', async ({ context, page, renderer, central }) => {
  await signIn(page);
  const second = await context.newPage();
  await second.goto(renderer.url);
  await signIn(second);
  const senders = new Set<string>();
  await page.route(`${central.url}/v1/payments`, async (route) => {
    senders.add('first');
    await route.continue();
  });
  await second.route(`${central.url}/v1/payments`, async (route) => {
    senders.add('second');
    await route.continue();
  });
  const list = payments(150);
  await queue(second, list);
  // Written behind the app's back, so wait for central rather than for the screen's count.
  await expect.poll(async () => (await central.payments()).length, { timeout: 30_000 }).toBe(150);
  await expect(page.getByRole('status')).toContainText('0 waiting');
  await expect(second.getByRole('status')).toContainText('0 waiting');
  expect(senders.size).toBe(1);
});

test('payments taken while a drain of 2,000 is running: none doubled or missing', async ({ page, central }) => {
  await signIn(page);
  const list = payments(2000);
  await queue(page, list);
  // Taken at the window while the station sends the backlog.
  for (const bills of ['100', '190']) {
    await page.getByLabel('Account number').fill('1000000002');
    await page.getByLabel('Account number').press('Enter');
    await page.getByLabel('Bills').fill(bills);
    await page.getByRole('button', { name: 'Post payment' }).click();
    await expect(page.getByRole('region', { name: 'Receipt' })).toBeVisible();
  }
  await expect.poll(async () => (await central.payments()).length, { timeout: 90_000 }).toBe(2002);
  await expect(page.getByRole('status')).toContainText('0 waiting', { timeout: 30_000 });
  const rows = await central.payments();
  expect(new Set(rows.map((r) => r.id)).size).toBe(2002);
  for (const p of list.slice(0, 50)) expect(rows.some((r) => r.id === p.id)).toBe(true);
});


test('a proxy answering 413, then 404, then an HTML page: nothing rejected, every payment at central once, never "Offline"', async ({ page, central }) => {
  await signIn(page);
  const statusTexts = await recordStatusTexts(page);
  const answers: number[] = [];
  await page.route(`${central.url}/v1/payments`, async (route) => {
    const n = answers.length + 1;
    if (n === 1) {
      answers.push(413);
      await route.fulfill({ status: 413, contentType: 'application/json', body: JSON.stringify({ error: 'request body is too large' }) });
    } else if (n === 2) {
      answers.push(404);
      await route.fulfill({ status: 404, contentType: 'text/html', body: '<html><body><h1>404 Not Found</h1><hr>nginx</body></html>' });
    } else if (n === 3) {
      answers.push(200);
      await route.fulfill({ status: 200, contentType: 'text/html', body: '<html><body>Sign in to the guest network</body></html>' });
    } else {
      answers.push(0);
      await route.continue();
    }
  });
  const list = payments(3);
  await queue(page, list);
  await expect.poll(async () => (await central.payments()).length, { timeout: 30_000 }).toBe(3);
  await expect(page.getByRole('status', { name: 'Sync status' })).toContainText('Online · 0 waiting', { timeout: 30_000 });

  const rows = await central.payments();
  expect(rows.map((r) => r.id).sort()).toEqual(list.map((p) => p.id).sort());
  expect(answers.slice(0, 3)).toEqual([413, 404, 200]);
  const outbox = await storeRows<{ id: string; state: string }>(page, 'outbox');
  expect(outbox.map((e) => e.state)).toEqual(['sent', 'sent', 'sent']);
  const seen = await statusTexts();
  expect(seen.filter((t) => t.includes('Offline'))).toEqual([]);
  expect(seen.some((t) => t.includes('Central error, retrying (1)') && t.includes('Central answered 404'))).toBe(true);
  expect(seen.some((t) => t.includes("Central error, retrying (2): Central's answer did not match the protocol"))).toBe(true);
});

test("a payment central holds unapplied: the receipt, today's receipts and the sync panel say why", async ({ page, central }) => {
  await signIn(page);
  const reason = 'account 1000000001 is closed';
  await page.route(`${central.url}/v1/payments`, async (route) => {
    const sent = route.request().postDataJSON() as { payments: Array<{ id: string }> };
    const results = sent.payments.map((p) => ({ id: p.id, status: 'held', reference: 'P00000042', postedAt: new Date().toISOString(), reason }));
    await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ results }) });
  });
  await lookUp(page, '1000000001');
  await page.getByLabel('Bills').fill('200');
  await page.getByRole('button', { name: 'Post payment' }).click();
  const receipt = page.getByRole('region', { name: 'Receipt' });
  await expect(receipt).toContainText(`Held at central: ${reason}`, { timeout: 30_000 });
  await expect(page.getByRole('status', { name: 'Sync status' })).toContainText('0 waiting');

  await page.keyboard.press('F2');
  await page.keyboard.press('Shift+F12');
  const today = page.getByRole('region', { name: "Today's receipts" });
  await expect(today.getByRole('row').nth(1)).toContainText(`Held at central: ${reason}`);

  await page.keyboard.press('Escape');
  await page.keyboard.press('F11');
  const panel = page.getByRole('region', { name: 'Sync' });
  await expect(panel).toContainText('Held at central1');
  const held = panel.getByRole('table', { name: 'Held at central' });
  await expect(held.getByRole('row')).toHaveCount(2);
  await expect(held.getByRole('row').nth(1)).toContainText('P00000042');
  await expect(held.getByRole('row').nth(1)).toContainText(reason);
  await expect(panel).toContainText('Refused by central (0)');
});

test('an entry waiting longer than the profile allows is listed with its attempts and last error', async ({ page, central }) => {
  await signIn(page);
  await page.route(`${central.url}/v1/payments`, (route) => route.fulfill({ status: 502, contentType: 'text/html', body: '<html>Bad Gateway</html>' }));
  // Queued an hour ago (the default profile lists entries waiting more than 15 minutes).
  const [late] = payments(1);
  await queue(page, [late!]);
  await page.keyboard.press('F11');
  const panel = page.getByRole('region', { name: 'Sync' });
  const stuck = panel.getByRole('table', { name: 'Waiting more than 15 minutes' });
  await expect(stuck.getByRole('row').nth(1)).toContainText('Central answered 502', { timeout: 30_000 });
  await expect(stuck.getByRole('row').nth(1)).toContainText(late!.id);
  await expect(stuck.getByRole('row').nth(1)).toContainText('$10.00');
  await expect(stuck.getByRole('row').nth(1)).toContainText('Payment');
  await expect(page.getByRole('status', { name: 'Sync status' })).toContainText('Central error, retrying');
  await page.screenshot({ path: 'test-results/screens/central-error-retrying.png' });
  await expect(page.getByRole('status', { name: 'Sync status' })).not.toContainText('Offline');
  expect((await storeRows<{ state: string }>(page, 'outbox')).map((e) => e.state)).toEqual(['pending']);
});

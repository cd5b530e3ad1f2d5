/**
 * Faults around the outbox: the page killed in the middle of a sync, and two windows on one station.
 * Payments are put straight into the station's outbox (as the counter's commit would leave them) so the
 * tests can hold hundreds without typing each one.
 */
import { chromium, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uuidv7 } from '../../shared/ids';
import type { Payment } from '../../shared/payments/payment';
import { CHROMIUM, CHROMIUM_ARGS, expect, signIn, test } from './fixtures';

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

async function queue(page: Page, list: Payment[]) {
  await page.evaluate(
    (items) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('counter');
        open.onsuccess = () => {
          const tx = open.result.transaction('outbox', 'readwrite');
          for (const p of items) tx.objectStore('outbox').add({ id: p.id, kind: 'payment', payment: p, state: 'pending', queuedAt: p.takenAt, attempts: 0 });
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
        open.onerror = () => reject(open.error);
      }),
    list,
  );
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

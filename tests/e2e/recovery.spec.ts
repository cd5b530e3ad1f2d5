/**
 * A reload stands in for Electron's reload after a renderer crash: the page and all its memory go, what is
 * on disk stays. The payment in hand must come back, or be plainly discarded, and never post twice.
 */
import type { Page } from '@playwright/test';
import { expect, signIn, startPayment, storeCount, storeRows, test } from './fixtures';

type StoredDraft = { paymentId: string; values: { bills: string; coins: string; tenders: unknown[] } };

/** The cashier's stored draft, read raw from the station's IndexedDB (not through the app). */
async function storedDraft(page: Page): Promise<StoredDraft | null> {
  const row = (await storeRows<{ key: string; value: string }>(page, 'meta')).find((r) => r.key.startsWith('draft:') && r.key.endsWith(':cashier1'));
  return row ? (JSON.parse(row.value) as StoredDraft) : null;
}

/** Types a payment in hand: $100 in bills, $4.99 in coin, a $50.00 check, the receipt in Spanish. */
async function typePayment(page: Page) {
  await startPayment(page, '1000000001');
  await page.getByLabel('Bills').fill('100');
  await page.getByLabel('Coins').fill('4.99');
  await page.keyboard.press('F5');
  await page.getByLabel('Check total').fill('50.00');
  await page.getByLabel('Check number').fill('1042');
  await page.getByLabel('Receipt language').selectOption('es');
  // Wait for the state, not for time: the last keystroke is on disk.
  await expect.poll(async () => (await storedDraft(page))?.values.tenders).toEqual([{ kind: 'check', amount: '50.00', checkNumber: '1042', routingNumber: '' }]);
}

test('a payment in hand comes back after a reload, posts once, and is not offered again', async ({ page, central }) => {
  await signIn(page);
  await typePayment(page);
  const paymentId = (await storedDraft(page))?.paymentId;

  await page.reload();
  await signIn(page, 'cashier1', '1111', { openDrawer: false });
  const notice = page.getByRole('region', { name: 'Payment not posted' });
  await expect(notice.getByRole('alert')).toContainText('account 1000000001 (Rosa Delgado): $154.99 typed as tendered and 1 check, money order or card');
  await expect(notice.getByRole('alert')).toContainText('It was not posted and nothing was recorded for it');
  await page.screenshot({ path: 'test-results/screens/draft-restore.png' });
  expect(await storeCount(page, 'outbox')).toBe(0);

  await notice.getByRole('button', { name: 'Resume payment' }).click();
  await expect(page.getByLabel('Bills')).toHaveValue('100');
  await expect(page.getByLabel('Coins')).toHaveValue('4.99');
  await expect(page.getByLabel('Check total')).toHaveValue('50.00');
  await expect(page.getByLabel('Check number')).toHaveValue('1042');
  await expect(page.getByLabel('Receipt language')).toHaveValue('es');
  await expect(page.getByLabel('Amount')).toHaveValue('182.40');
  await expect(page.getByRole('form', { name: 'Payment' })).toContainText('Still to pay $27.41');

  await page.getByLabel('Bills').fill('130');
  await page.keyboard.press('F9');
  const receipt = page.getByRole('region', { name: 'Receipt' });
  await expect(receipt).toContainText('Change due $2.59');
  await expect(receipt).toContainText('Recibo');
  await expect(page.getByRole('status')).toContainText('0 waiting');
  const rows = await central.payments();
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ id: paymentId, total: '182.40', change: '2.59' });
  expect(await storedDraft(page)).toBeNull();

  // Posted is posted: another restart offers nothing.
  await page.reload();
  await signIn(page, 'cashier1', '1111', { openDrawer: false });
  await expect(page.getByRole('region', { name: 'Next customer' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Payment not posted' })).toHaveCount(0);
  expect(await central.payments()).toHaveLength(1);
});

test('a payment in hand can be discarded after a reload, and nothing is recorded', async ({ page, central }) => {
  await signIn(page);
  await typePayment(page);
  await page.reload();
  await signIn(page, 'cashier1', '1111', { openDrawer: false });
  const notice = page.getByRole('region', { name: 'Payment not posted' });
  await expect(notice.getByRole('button', { name: 'Resume payment' })).toBeFocused();
  await notice.getByRole('button', { name: 'Discard it' }).click();
  await expect(notice).toHaveCount(0);
  await expect(page.getByLabel('Account number')).toBeFocused();
  await expect.poll(() => storedDraft(page)).toBeNull();

  await page.reload();
  await signIn(page, 'cashier1', '1111', { openDrawer: false });
  await expect(page.getByRole('region', { name: 'Next customer' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Payment not posted' })).toHaveCount(0);
  expect(await storeCount(page, 'outbox')).toBe(0);
  expect(await central.payments()).toHaveLength(0);
});

test('F2 for the next customer lets the payment in hand go: nothing is offered after a reload', async ({ page }) => {
  await signIn(page);
  await typePayment(page);
  await page.keyboard.press('F2');
  await expect.poll(() => storedDraft(page)).toBeNull();
  await page.reload();
  await signIn(page, 'cashier1', '1111', { openDrawer: false });
  await expect(page.getByRole('region', { name: 'Next customer' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Payment not posted' })).toHaveCount(0);
});

test('the drawer screen (F10) and back keeps what was typed', async ({ page }) => {
  await signIn(page);
  await typePayment(page);
  await page.keyboard.press('F10');
  await expect(page.getByRole('region', { name: 'Drawers' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByLabel('Bills')).toHaveValue('100');
  await expect(page.getByLabel('Check number')).toHaveValue('1042');
  await expect(page.getByLabel('Receipt language')).toHaveValue('es');
});

/**
 * "Today" is the center's business day: a station PC set to UTC in a Pacific center must not turn the day
 * at 16:00 local. The browser runs in UTC, the Portland profile's center is Pacific, and the page's clock is
 * set to the afternoon and to a minute before midnight there.
 */
import type { Page } from '@playwright/test';
import { expect, signIn, test } from './fixtures';

test.use({ profileId: 'pwb', timezoneId: 'UTC' });

/** Fri Nov 20 2026 on the center's clock; Nov 21 already in UTC from 16:00 Pacific. */
const pacific = (time: string) => new Date(`2026-11-20T${time}-08:00`);

async function payCash(page: Page, amount: string) {
  await page.getByLabel('Account number').fill('1000000001');
  await page.getByLabel('Account number').press('Enter');
  await page.getByLabel('Amount').fill(amount);
  await page.getByLabel('Bills').fill(amount);
  await page.getByRole('button', { name: 'Post payment' }).click();
  await expect(page.getByRole('region', { name: 'Receipt' })).toContainText('Change due $0.00');
  await expect(page.getByRole('status', { name: 'Sync status' })).toContainText('0 waiting');
  await page.keyboard.press('F2');
}

async function openReceipts(page: Page) {
  await page.keyboard.press('Shift+F12');
  return page.getByRole('region', { name: "Today's receipts" });
}

async function openVoids(page: Page) {
  await page.keyboard.press('F8');
  return page.getByRole('region', { name: 'Void a payment' });
}

test('at 16:30 Pacific (00:30 UTC the next day) the day has not turned: receipts, voids and the clock say so', async ({ page, renderer }) => {
  // A payment at 15:58 Pacific, 23:58 UTC: before the PC's midnight.
  await page.clock.install({ time: pacific('15:58:00') });
  await page.goto(renderer.url);
  await signIn(page);
  await payCash(page, '20.00');

  // Past the PC's midnight (16:00 Pacific) to 16:30; the screen locked meanwhile.
  await page.clock.fastForward('32:00');
  const lock = page.getByRole('dialog', { name: 'Screen locked' });
  await lock.getByLabel('PIN').fill('1111');
  await lock.getByRole('button', { name: 'Unlock' }).click();
  await expect(lock).toHaveCount(0);
  await expect(page.getByRole('banner')).toContainText('Drawer open 03:58 PM');
  await expect(page.getByRole('banner').getByLabel('Center time')).toHaveText(/^Fri, Nov 20, 2026, 4:3\d PM PST$/);

  await payCash(page, '30.00');
  const receipts = await openReceipts(page);
  // The header and both payments, newest first, at the center's time.
  const rows = receipts.getByRole('row');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(1)).toContainText(/04:3\d PM/);
  await expect(rows.nth(1)).toContainText('$30.00');
  await expect(rows.nth(2)).toContainText(/03:5\d PM/);
  await expect(rows.nth(2)).toContainText('$20.00');
  await page.keyboard.press('Escape');

  const voids = await openVoids(page);
  await expect(voids.getByRole('radio', { name: /^04:3\d PM · 1000000001 · \$30\.00 · cash$/ })).toHaveCount(1);
  await expect(voids.getByRole('radio', { name: /^03:5\d PM · 1000000001 · \$20\.00 · cash$/ })).toHaveCount(1);
});

test('at 23:59 Pacific the payment is today’s; at 00:01 the next day it is no longer in Today’s receipts', async ({ page, renderer, central }) => {
  await page.clock.install({ time: pacific('23:59:00') });
  await page.goto(renderer.url);
  await signIn(page);
  await expect(page.getByRole('banner').getByLabel('Center time')).toHaveText('Fri, Nov 20, 2026, 11:59 PM PST');

  await payCash(page, '40.00');
  // Central holds it as taken at 23:59 on the 20th in Portland (07:59 UTC on the 21st).
  const [stored] = await central.query<{ local: string }>("select to_char(taken_at at time zone 'America/Los_Angeles', 'YYYY-MM-DD HH24:MI') as local from payments");
  expect(stored?.local).toBe('2026-11-20 23:59');

  const voids = await openVoids(page);
  await expect(voids.getByRole('radio', { name: /^11:59 PM · 1000000001 · \$40\.00 · cash$/ })).toHaveCount(1);
  await page.keyboard.press('Escape');

  const receipts = await openReceipts(page);
  await expect(receipts.getByRole('row')).toHaveCount(2);
  await expect(receipts.getByRole('row').nth(1)).toContainText('11:59 PM');

  // Past the center's midnight, with the list still open: it turns to the new day.
  await page.clock.fastForward('02:00');
  await expect(receipts).toContainText('No payments taken today at this station.');
  await expect(page.getByRole('banner').getByLabel('Center time')).toHaveText(/^Sat, Nov 21, 2026, 12:0\d AM PST$/);
  await page.keyboard.press('Escape');
  const nextDayVoids = await openVoids(page);
  await expect(nextDayVoids).toContainText('No payments of today at this station can be voided.');
});

import { expect, lookUp, signIn, storeCount, test } from './fixtures';

test('payments taken while central is down survive a reload and arrive once when it is back', async ({ page, central }) => {
  await signIn(page);
  // Seen once online, so the station's cache knows both accounts.
  await lookUp(page, '1000000001');
  await expect(page.getByRole('region', { name: 'Account' })).toContainText('Rosa Delgado');
  await lookUp(page, '1000000002');
  await expect(page.getByRole('region', { name: 'Account' })).toContainText('Tran Van Minh');
  await expect(page.getByRole('region', { name: 'Account' })).toContainText('from central');

  await central.stop();

  for (const [account, bills] of [
    ['1000000001', '200'],
    ['1000000002', '100'],
  ] as const) {
    await lookUp(page, account);
    await expect(page.getByRole('region', { name: 'Account' })).toContainText('cached');
    await page.getByLabel('Bills').fill(bills);
    await page.getByRole('button', { name: 'Post payment' }).click();
    await expect(page.getByRole('region', { name: 'Receipt' })).toContainText('Pending sync');
  }
  await expect(page.getByRole('status')).toContainText('2 waiting');
  await expect(page.getByRole('status')).toContainText('Offline');

  await page.reload();
  await signIn(page);
  await expect(page.getByRole('status')).toContainText('2 waiting');
  expect(await storeCount(page, 'outbox')).toBe(2);

  await central.start();
  await expect(page.getByRole('status')).toContainText('0 waiting', { timeout: 30_000 });
  const rows = await central.payments();
  expect(rows.map((r) => r.total).sort()).toEqual(['182.40', '96.15']);
  expect(new Set(rows.map((r) => r.id)).size).toBe(2);
});

import { expect, lookUp, signIn, storeCount, test } from './fixtures';

test('a void needs a supervisor other than the cashier, is a new entry, and reaches central', async ({ page, central }) => {
  await signIn(page);
  // Sign-in and the drawer's open are journal entries too: count from here.
  const journalBefore = await storeCount(page, 'journal');
  await lookUp(page, '1000000001');
  await page.getByLabel('Bills').fill('200');
  await page.getByRole('button', { name: 'Post payment' }).click();
  await expect(page.getByRole('region', { name: 'Receipt' })).toContainText('Change due $17.60');
  await expect(page.getByRole('status')).toContainText('0 waiting');

  await page.keyboard.press('F8');
  const panel = page.getByRole('region', { name: 'Void a payment' });
  await panel.getByRole('radio', { name: /1000000001 · \$182\.40 · cash/ }).check();
  await page.getByLabel('Reason').fill('Wrong account keyed');
  await page.getByLabel('Supervisor', { exact: true }).fill('cashier1');
  await page.getByLabel('Supervisor PIN').fill('1111');
  await page.getByRole('button', { name: 'Approve void' }).click();
  await expect(page.getByRole('alert')).toContainText('a cashier cannot approve their own void');

  await page.getByLabel('Supervisor', { exact: true }).fill('supervisor1');
  await page.getByLabel('Supervisor PIN').fill('0000');
  await page.getByRole('button', { name: 'Approve void' }).click();
  await expect(page.getByRole('alert')).toContainText('Supervisor PIN: not a supervisor, or the PIN is not right');
  expect(await storeCount(page, 'journal')).toBe(journalBefore + 1);

  await page.getByLabel('Supervisor PIN').fill('9999');
  await page.getByRole('button', { name: 'Approve void' }).click();
  const slip = page.getByRole('region', { name: 'Void slip' });
  await expect(slip).toContainText('Wrong account keyed');
  await expect(slip).toContainText('approved by supervisor1');
  expect(await storeCount(page, 'journal')).toBe(journalBefore + 2);
  await expect(page.getByRole('status')).toContainText('0 waiting');
  const voids = await central.query<{ payment_id: string; approved_by: string }>('select payment_id::text as payment_id, approved_by from voids');
  expect(voids).toHaveLength(1);
  expect(voids[0]?.approved_by).toBe('supervisor1');
  // The original payment stays; the account's balance is back where it was.
  expect(await central.payments()).toHaveLength(1);
  const [balance] = await central.query<{ balance: string }>("select balance::text as balance from accounts where utility = 'pwb' and number = '1000000001'");
  expect(balance?.balance).toBe('182.40');
});

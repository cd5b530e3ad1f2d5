import { expect, lookUp, signIn, storeCount, test } from './fixtures';

test('a cash payment with $4.99 in coin posts, shows change and the receipt, and reaches central once', async ({ page, central }) => {
  await signIn(page);
  // Sign-in and the drawer's open are journal entries too: count from here.
  const journalBefore = await storeCount(page, 'journal');
  await lookUp(page, '1000000001');
  const account = page.getByRole('region', { name: 'Account' });
  await expect(account).toContainText('Rosa Delgado');
  await expect(account).toContainText('$182.40');
  await expect(page.getByLabel('Amount')).toHaveValue('182.40');
  await expect(page.getByLabel('Bills')).toBeFocused();

  await page.getByLabel('Bills').fill('180');
  await page.getByLabel('Coins').fill('4.99');
  await expect(page.getByRole('form', { name: 'Payment' })).toContainText('Change due $2.59');
  await page.screenshot({ path: 'test-results/screens/payment.png' });

  await page.getByRole('button', { name: 'Post payment' }).click();
  const receipt = page.getByRole('region', { name: 'Receipt' });
  await expect(receipt).toContainText('Change due $2.59');
  await expect(receipt).toContainText('Amount applied$182.40');
  await expect(receipt).toContainText('Cash: coins$4.99');
  await expect(receipt).toContainText('Rosa Delgado');
  await expect(page.getByLabel('Account number')).toBeFocused();
  await page.screenshot({ path: 'test-results/screens/receipt.png' });

  await expect(page.getByRole('status')).toContainText('0 waiting');
  await expect(receipt).not.toContainText('Pending sync');
  const rows = await central.payments();
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ total: '182.40', change: '2.59' });
  expect(await storeCount(page, 'journal')).toBe(journalBefore + 1);
});

test('coins of $5.01 are refused with the $5.00 rule and nothing is written', async ({ page, central }) => {
  await signIn(page);
  // Sign-in and the drawer's open are journal entries too: count from here.
  const journalBefore = await storeCount(page, 'journal');
  await lookUp(page, '1000000001');
  await page.getByLabel('Bills').fill('180');
  await page.getByLabel('Coins').fill('5.01');
  await page.getByRole('button', { name: 'Post payment' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    /Coins: at most \$5\.00 in coin per payment \(Portland Water Bureau Account Management Policy\)/,
  );
  await expect(page.getByLabel('Coins')).toHaveValue('5.01');
  expect(await storeCount(page, 'outbox')).toBe(0);
  expect(await storeCount(page, 'journal')).toBe(journalBefore);
  await expect(page.getByRole('status')).toContainText('0 waiting');
  expect(await central.payments()).toHaveLength(0);
});

test('bad input gets an error naming the field, and nothing is written', async ({ page }) => {
  await signIn(page);
  await lookUp(page, '123456789');
  await expect(page.getByRole('alert')).toContainText('Account number: must be 10 digits');
  await lookUp(page, '1000009999');
  await expect(page.getByRole('alert')).toContainText('Account number: no account 1000009999 at Portland Water Bureau');

  await lookUp(page, '1000000002');
  await expect(page.getByRole('region', { name: 'Account' })).toContainText('PAST DUE');
  await page.getByLabel('Amount').fill('12.345');
  await page.getByLabel('Bills').fill('2O');
  await page.keyboard.press('F9');
  await expect(page.getByRole('alert').filter({ hasText: 'Amount:' })).toContainText('at most two decimals');
  await expect(page.getByRole('alert').filter({ hasText: 'Bills:' })).toContainText('digits and a decimal point');

  await page.getByLabel('Amount').fill('50.00');
  await page.getByLabel('Bills').fill('40');
  await page.keyboard.press('F9');
  await expect(page.getByRole('alert')).toContainText('Bills: cash tendered $40.00 is less than the amount $50.00; take $10.00 more');
  expect(await storeCount(page, 'outbox')).toBe(0);
});

test('the whole cash flow works from the keyboard: scan, Enter, bills, Enter', async ({ page, central }) => {
  await signIn(page);
  // A keyboard-wedge scanner types the stub's scan line and Enter: account, amount due, check digit.
  await page.keyboard.type('10000000010000182409');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Amount')).toHaveValue('182.40');
  await page.keyboard.type('200');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Receipt' })).toContainText('Change due $17.60');
  await expect(page.getByRole('status')).toContainText('0 waiting');
  expect(await central.payments()).toHaveLength(1);
});

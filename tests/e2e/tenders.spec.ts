import { expect, lookUp, signIn, startPayment, storeCount, test } from './fixtures';

test('one check and cash pay two accounts, split by the cashier; the receipt shows each part', async ({ page, central }) => {
  await signIn(page);
  await startPayment(page, '1000000001');
  await page.keyboard.press('F3');
  await lookUp(page, '1000000002');
  await expect(page.getByLabel('Apply to 1000000002')).toHaveValue('96.15');

  await page.keyboard.press('F5');
  await page.getByLabel('Check total').fill('250.00');
  await page.getByLabel('Check number').fill('1042');
  await page.getByLabel('Check routing number').fill('021000021');
  await page.getByLabel('Bills').fill('30');
  await expect(page.getByRole('form', { name: 'Payment' })).toContainText('Change due $1.45');
  await page.screenshot({ path: 'test-results/screens/split-tender.png' });
  await page.getByRole('button', { name: 'Post payment' }).click();

  const receipt = page.getByRole('region', { name: 'Receipt' });
  await expect(receipt).toContainText('Change due $1.45');
  await expect(receipt).toContainText('1000000001');
  await expect(receipt).toContainText('1000000002');
  await expect(receipt).toContainText('$96.15');
  await expect(page.getByRole('status')).toContainText('0 waiting');
  const lines = await central.query<{ account_number: string; amount: string }>(
    'select account_number, amount::text as amount from payment_lines order by line_no',
  );
  expect(lines).toEqual([
    { account_number: '1000000001', amount: '182.40' },
    { account_number: '1000000002', amount: '96.15' },
  ]);
});

test('a check routing number failing its checksum and a check without a number are refused', async ({ page }) => {
  await signIn(page);
  await startPayment(page, '1000000001');
  await page.keyboard.press('F5');
  await page.getByLabel('Check total').fill('182.40');
  await page.getByLabel('Check routing number').fill('021000022');
  await page.keyboard.press('F9');
  await expect(page.getByRole('alert').filter({ hasText: 'Check number:' })).toContainText('a check needs its check number');
  await expect(page.getByRole('alert').filter({ hasText: 'Check routing number:' })).toContainText('check digit');
  expect(await storeCount(page, 'outbox')).toBe(0);
});

test('a card number pasted into the memo is refused and nothing is written', async ({ page }) => {
  await signIn(page);
  // Sign-in and the drawer's open are journal entries too: count from here.
  const journalBefore = await storeCount(page, 'journal');
  await lookUp(page, '1000000001');
  await page.getByLabel('Bills').fill('200');
  await page.getByLabel('Memo').fill('card 4111 1111 1111 1111');
  await page.getByRole('button', { name: 'Post payment' }).click();
  await expect(page.getByRole('alert')).toContainText('Memo: card numbers are not recorded here');
  expect(await storeCount(page, 'journal')).toBe(journalBefore);
});

test('a card brand the utility does not take is not offered, and change is never given from a card', async ({ page }) => {
  await signIn(page);
  await startPayment(page, '1000000001');
  await page.keyboard.press('F7');
  const brands = await page.getByLabel('Card brand').locator('option').allTextContents();
  expect(brands).toEqual(['Choose…', 'Visa', 'Mastercard']);
  await page.getByLabel('Card total').fill('200.00');
  await page.getByLabel('Card brand').selectOption('Visa');
  await page.getByLabel('Card last four').fill('4242');
  await page.getByLabel('Card approval code').fill('A1B2C3');
  await page.keyboard.press('F9');
  await expect(page.getByRole('alert')).toContainText('no cash back');
  await page.getByRole('button', { name: 'Apply $17.60 as credit' }).click();
  await expect(page.getByLabel('Amount')).toHaveValue('200.00');
  await page.keyboard.press('F9');
  await expect(page.getByRole('alert')).toContainText('Overpayment: $17.60 on 1000000001 would stay as credit');
  await page.getByLabel('Keep $17.60 on 1000000001 as credit').check();
  await page.keyboard.press('F9');
  await expect(page.getByRole('region', { name: 'Receipt' })).toContainText('Change due $0.00');
});

test('a shut-off account shows what restores service, and says after posting whether the payment met it', async ({ page }) => {
  await signIn(page);
  await lookUp(page, '1000000003');
  const account = page.getByRole('region', { name: 'Account' });
  await expect(account).toContainText('SHUT OFF');
  await expect(account).toContainText('a promise to pay $206.35 (50% of the balance) within 3 business days restores service');
  await page.getByLabel('Amount').fill('206.35');
  await page.getByLabel('Bills').fill('210');
  await page.keyboard.press('F9');
  await expect(page.getByRole('region', { name: 'Receipt' })).toContainText('Restoration: this payment meets what it takes to restore service');
});

test('a closed account takes no payment', async ({ page }) => {
  await signIn(page);
  await lookUp(page, '1000000005');
  await expect(page.getByRole('alert')).toContainText('this account is closed');
  await expect(page.getByRole('button', { name: 'Post payment' })).toHaveCount(0);
});

test.describe('City of Portsmouth', () => {
  test.use({ profileId: 'portsmouth' });
  test('an account typed with its dash is found and paid', async ({ page, central }) => {
    await signIn(page);
    await lookUp(page, '1234567890-12');
    await expect(page.getByRole('region', { name: 'Account' })).toContainText('Samuel Whitcomb');
    await expect(page.getByRole('region', { name: 'Account' })).toContainText('1234567890-12');
    await lookUp(page, '12345678-9012');
    await expect(page.getByRole('alert')).toContainText('Account number: write it as xxxxxxxxxx-xx');
    await lookUp(page, '123456789012');
    await page.getByLabel('Bills').fill('80');
    await page.keyboard.press('F9');
    await expect(page.getByRole('region', { name: 'Receipt' })).toContainText('Change due $2.70');
    await expect(page.getByRole('status')).toContainText('0 waiting');
    expect((await central.payments())[0]?.total).toBe('77.30');
  });
});

test.describe('Clackamas WES', () => {
  test.use({ profileId: 'wes' });
  test('a certified account shows the county warning before payment and needs the cashier to confirm', async ({ page }) => {
    await signIn(page);
    // Sign-in and the drawer's open are journal entries too: count from here.
    const journalBefore = await storeCount(page, 'journal');
    await lookUp(page, '200000001');
    const account = page.getByRole('region', { name: 'Account' });
    await expect(account).toContainText('CERTIFIED');
    await expect(account).toContainText('Clackamas County Tax Collector');
    await page.getByLabel('Bills').fill('150');
    await page.keyboard.press('F9');
    await expect(page.getByRole('alert')).toContainText('Certified:');
    expect(await storeCount(page, 'journal')).toBe(journalBefore);
    await page.getByLabel('Customer told: certified charges are paid to Clackamas County Tax Collector').check();
    await page.keyboard.press('F9');
    await expect(page.getByRole('region', { name: 'Receipt' })).toContainText('Change due $6.78');
  });
});

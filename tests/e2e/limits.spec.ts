import { expect, signIn, startPayment, storeCount, test } from './fixtures';

test('bills of $99,999,999,999.99 on a $10.00 payment, or $100.01 of change, are refused at the window; nothing is written', async ({ page, central }) => {
  await signIn(page);
  const journalBefore = await storeCount(page, 'journal');
  await startPayment(page, '1000000001');
  await page.getByLabel('Amount').fill('10.00');
  await page.getByLabel('Bills').fill('99999999999.99');
  await page.getByRole('button', { name: 'Post payment' }).click();
  await expect(page.getByRole('form', { name: 'Payment' }).getByRole('alert')).toHaveText('Bills: one amount can be at most $99,999,999.99; check the digits');
  await page.getByLabel('Bills').fill('110.01');
  await page.getByRole('button', { name: 'Post payment' }).click();
  await expect(page.getByRole('form', { name: 'Payment' }).getByRole('alert')).toContainText(
    'Bills: change due $100.01 is more than the $100.00 the counter gives back; check the bills and coins typed',
  );
  // A memo with a control character pasted in is refused, naming the memo.
  await page.getByLabel('Bills').fill('20');
  await page.getByLabel('Memo').fill('paid\u0007 by neighbour');
  await page.getByRole('button', { name: 'Post payment' }).click();
  await expect(page.getByRole('form', { name: 'Payment' }).getByRole('alert')).toHaveText('Memo: holds a control character (U+0007) at position 5: remove it');
  expect(await storeCount(page, 'outbox')).toBe(0);
  expect(await storeCount(page, 'journal')).toBe(journalBefore);
  expect(await central.payments()).toHaveLength(0);
});

test('a payment over the $10,000.00 window limit posts only with a supervisor’s PIN, and central holds who approved it', async ({ page, central }) => {
  await signIn(page);
  await startPayment(page, '1000000001');
  await page.getByLabel('Amount').fill('12000.00');
  const approval = page.getByRole('group', { name: 'Supervisor approval' });
  await expect(approval).toContainText("A payment over $10,000.00 needs a supervisor's approval");
  await page.keyboard.press('F5');
  await page.getByLabel('Check total').fill('12000.00');
  await page.getByLabel('Check number').fill('4410');
  await page.getByLabel('Keep $11,817.60 on 1000000001 as credit').check();
  await page.getByRole('button', { name: 'Post payment' }).click();
  await expect(page.getByRole('form', { name: 'Payment' }).getByRole('alert')).toContainText('Supervisor: a payment over $10,000.00 needs a supervisor');

  // The cashier cannot approve their own payment; a wrong PIN is refused; nothing is written until it is right.
  await approval.getByLabel('Supervisor', { exact: true }).fill('cashier1');
  await approval.getByLabel('Supervisor PIN').fill('1111');
  await page.getByRole('button', { name: 'Post payment' }).click();
  await expect(page.getByRole('form', { name: 'Payment' }).getByRole('alert')).toContainText('Supervisor: a cashier cannot approve their own payment');
  await approval.getByLabel('Supervisor', { exact: true }).fill('supervisor1');
  await approval.getByLabel('Supervisor PIN').fill('0000');
  await page.getByRole('button', { name: 'Post payment' }).click();
  await expect(page.getByRole('form', { name: 'Payment' }).getByRole('alert')).toContainText('Supervisor PIN');
  expect(await storeCount(page, 'outbox')).toBe(0);

  await approval.getByLabel('Supervisor PIN').fill('9999');
  await page.screenshot({ path: 'test-results/screens/over-limit-approval.png' });
  await page.getByRole('button', { name: 'Post payment' }).click();
  await expect(page.getByRole('region', { name: 'Receipt' })).toContainText('$12,000.00');
  await expect(page.getByRole('status', { name: 'Sync status' })).toContainText('0 waiting');
  const rows = await central.query<{ total: string; approved_by: string | null }>("select total::text, body->>'approvedBy' as approved_by from payments");
  expect(rows).toEqual([{ total: '12000.00', approved_by: 'supervisor1' }]);
});

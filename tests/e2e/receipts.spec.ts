/**
 * Receipts under the Electron host stand-in: the drawer copy a profile asks for, and any receipt of the day
 * reprinted from the list (Shift+F12), but not a voided one.
 */
import { installFakeBridge, printsSoFar } from './fake-bridge';
import { expect, signIn, startPayment, TOKEN, test } from './fixtures';

test.use({ profileId: 'portsmouth' });

test('a drawer copy follows the receipt; any receipt of the day reprints from the list; a voided one does not', async ({ page, central, renderer }) => {
  await installFakeBridge(page, { centralUrl: central.url, token: TOKEN, profileId: 'portsmouth', paperWidth: '80mm' });
  await page.goto(renderer.url);
  await signIn(page);

  await startPayment(page, '123456789012');
  await page.getByLabel('Amount').fill('40.00');
  await page.getByLabel('Bills').fill('50');
  await page.keyboard.press('F9');
  const receipt = page.getByRole('region', { name: 'Receipt' });
  await expect(receipt).toContainText('Change due $10.00');
  await expect.poll(async () => (await printsSoFar(page)).length).toBe(2);
  const [customer, drawerCopy] = await printsSoFar(page);
  expect(customer).toMatchObject({ openDrawer: true, paperWidth: '80mm' });
  expect(customer?.text).toContain('Samuel Whitcomb');
  expect(customer?.text).not.toContain('Drawer copy');
  expect(drawerCopy).toMatchObject({ openDrawer: false });
  expect(drawerCopy?.text).toContain('Drawer copy');
  expect(drawerCopy?.text).toContain('$40.00');

  // A second payment, by check: no drawer kick, still a drawer copy.
  await page.keyboard.press('F2');
  await startPayment(page, '123456789012');
  await page.getByLabel('Amount').fill('37.30');
  await page.keyboard.press('F5');
  await page.getByLabel('Check total').fill('37.30');
  await page.getByLabel('Check number').fill('3301');
  await page.keyboard.press('F9');
  await expect(receipt).toContainText('Change due $0.00');
  await expect.poll(async () => (await printsSoFar(page)).map((p) => p.openDrawer)).toEqual([true, false, false, false]);

  // Void the check payment, then open today's receipts.
  await page.keyboard.press('F8');
  const voidPanel = page.getByRole('region', { name: 'Void a payment' });
  await voidPanel.getByRole('radio', { name: /\$37\.30 · check/ }).check();
  await page.getByLabel('Reason').fill('Wrong account keyed');
  await page.getByLabel('Supervisor', { exact: true }).fill('supervisor1');
  await page.getByLabel('Supervisor PIN').fill('9999');
  await page.getByRole('button', { name: 'Approve void' }).click();
  await expect(page.getByRole('region', { name: 'Void slip' })).toBeVisible();

  await page.keyboard.press('F2');
  await page.keyboard.press('Shift+F12');
  const list = page.getByRole('region', { name: "Today's receipts" });
  const rows = list.getByRole('row');
  // The header and two payments, newest first.
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(1)).toContainText('Voided');
  await expect(rows.nth(1)).toContainText('no reprint');
  await expect(rows.nth(2)).toContainText('1234567890-12');
  await expect(rows.nth(2)).toContainText('$40.00');
  await expect(rows.nth(2)).toContainText('cash');
  await page.screenshot({ path: 'test-results/screens/receipts-today.png' });
  const reprint = list.getByRole('button', { name: /^Reprint .*1234567890-12 \$40\.00$/ });
  await expect(reprint).toHaveCount(1);
  await expect(reprint).toBeFocused();
  const before = (await printsSoFar(page)).length;
  await page.keyboard.press('Enter');

  await expect(receipt).toContainText('Change due $10.00');
  await expect.poll(async () => (await printsSoFar(page)).length).toBe(before + 1);
  const again = (await printsSoFar(page)).at(-1);
  expect(again).toMatchObject({ openDrawer: false });
  expect(again?.text).toContain('Reprint');
  expect(again?.text).toContain('Cash');
  expect(await central.payments()).toHaveLength(2);
});

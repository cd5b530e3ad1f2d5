/**
 * Money taken is never refused: a payment central cannot apply is held for the back office with its reason,
 * never blocks the payments behind it, and still counts as taken at the station.
 */
import { applyHeld } from '../../central/src/backoffice';
import { uuidv7 } from '../../shared/ids';
import { add, formatMoney, money, sub, toMoneyString } from '../../shared/money/money';
import type { Payment } from '../../shared/payments/payment';
import { expect, fillCount, lookUp, queuePayments as queue, recordStatusTexts, signIn, storeRows, test } from './fixtures';

function payment(i: number, patch: Partial<Record<keyof Payment, unknown>> = {}): Payment {
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
    ...patch,
  } as Payment;
}


test('200 queued payments, two of them poison: 198 reach central once, the two are held with their reasons, never Offline', async ({ page, central }) => {
  await signIn(page);
  const statusTexts = await recordStatusTexts(page);
  const list = Array.from({ length: 200 }, (_, i) => payment(i));
  // A NUL pasted into a memo, and an amount far over any column's old limit.
  const nul = payment(500, { memo: 'Customer note \u0000 pasted' });
  const huge = payment(501, {
    lines: [{ accountNumber: '1000000001', amount: '999999999999.99' }],
    tenders: [{ kind: 'card', amount: '999999999999.99', brand: 'Visa', last4: '1111', approvalCode: 'OK1234' }],
    total: '999999999999.99',
    tendered: '999999999999.99',
  });
  list.splice(37, 1, nul);
  list.splice(151, 1, huge);
  await queue(page, list);

  // Written behind the app's back: wait for central, then for the screen.
  await expect.poll(async () => (await central.query<{ n: number }>("select count(*)::int as n from held_items"))[0]?.n, { timeout: 60_000 }).toBe(2);
  await expect.poll(async () => (await central.payments()).length, { timeout: 60_000 }).toBe(198);
  await expect(page.getByRole('status', { name: 'Sync status' })).toContainText('Online · 0 waiting', { timeout: 30_000 });
  const rows = await central.payments();
  expect(rows).toHaveLength(198);
  expect(new Set(rows.map((r) => r.id))).toEqual(new Set(list.filter((p) => p !== nul && p !== huge).map((p) => p.id)));

  const held = await central.query<{ id: string; reason: string }>("select id::text as id, reason from held_items where kind = 'payment' order by reason");
  expect(held).toEqual([
    { id: huge.id, reason: expect.stringMatching(/^does not match the protocol: lines\.0\.amount: /) },
    { id: nul.id, reason: expect.stringMatching(/^does not match the protocol: memo: /) },
  ]);
  const outbox = await storeRows<{ id: string; state: string; lastError?: string }>(page, 'outbox');
  expect(outbox.filter((e) => e.state === 'sent')).toHaveLength(198);
  expect(outbox.filter((e) => e.state === 'held').map((e) => e.id).sort()).toEqual([nul.id, huge.id].sort());
  expect(outbox.filter((e) => e.state !== 'sent' && e.state !== 'held')).toEqual([]);

  await page.keyboard.press('F11');
  const panel = page.getByRole('region', { name: 'Sync' });
  await expect(panel).toContainText('Held at central2');
  await expect(panel).toContainText('Refused by central (0)');
  await page.screenshot({ path: 'test-results/screens/held-poison.png' });
  expect((await statusTexts()).filter((t) => t.includes('Offline'))).toEqual([]);
});

test('a payment taken offline for an account central then closes: held, counted in the drawer and the Z report, listed, applied once by the back office', async ({ page, central }) => {
  await signIn(page);
  // Offline: the station takes the payment from its cache and keeps it.
  await page.route(`${central.url}/v1/**`, (route) => route.abort('connectionrefused'));
  await lookUp(page, '1000000002');
  await page.getByLabel('Bills').fill('100');
  await page.getByRole('button', { name: 'Post payment' }).click();
  await expect(page.getByRole('region', { name: 'Receipt' })).toBeVisible();
  await expect(page.getByRole('status', { name: 'Sync status' })).toContainText('1 waiting');
  const [entry] = await storeRows<{ id: string; payment: Payment }>(page, 'outbox');
  const total = entry!.payment.total;
  const [before] = await central.query<{ balance: string }>("select balance::text as balance from accounts where utility = 'pwb' and number = '1000000002'");

  // Meanwhile the billing system closes the account; then central answers again.
  await central.query("update accounts set status = 'closed' where utility = 'pwb' and number = '1000000002'");
  await page.unroute(`${central.url}/v1/**`);
  const reason = 'account 1000000002 at pwb is closed and takes no payments';
  await expect(page.getByRole('region', { name: 'Receipt' })).toContainText(`Held at central: ${reason}`, { timeout: 60_000 });
  await expect(page.getByRole('status', { name: 'Sync status' })).toContainText('0 waiting');
  expect(await central.payments()).toEqual([]);

  // The supervisor's list of the day's held payments.
  await page.keyboard.press('F11');
  const held = page.getByRole('region', { name: 'Sync' }).getByRole('table', { name: 'Held at central' });
  await expect(held.getByRole('row')).toHaveCount(2);
  await expect(held.getByRole('row').nth(1)).toContainText(entry!.id);
  await expect(held.getByRole('row').nth(1)).toContainText(reason);
  await page.screenshot({ path: 'test-results/screens/held-at-central.png' });
  await page.keyboard.press('Escape');

  // The drawer counts it as taken: the blind count of the float plus the payment ($246.15) is even.
  expect(total).toBe('96.15');
  const expectedCash = formatMoney(add(money('150.00'), money(total)));
  const re = (text: string) => text.replace(/[$.()]/g, '\\$&');
  await page.keyboard.press('F10');
  const drawers = page.getByRole('region', { name: 'Drawers', exact: true });
  await drawers.getByRole('button', { name: 'Count and close' }).click();
  await fillCount(page, { bill_50: '1', bill_20: '7', bill_10: '5', bill_5: '1', bill_1: '1', coin_10: '1', coin_5: '1' });
  await page.getByRole('button', { name: 'Submit count' }).click();
  const overShort = page.getByRole('table', { name: 'Over and short by tender' });
  await expect(overShort.getByRole('row', { name: /^Cash/ })).toHaveText(new RegExp(`Cash\\s*${re(expectedCash)}\\s*${re(expectedCash)}\\s*even`));
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await page.keyboard.press('F10');
  await drawers.getByRole('button', { name: 'Sign off' }).click();
  await page.getByLabel('Supervisor', { exact: true }).fill('supervisor1');
  await page.getByLabel('Supervisor PIN').fill('9999');
  await page.getByRole('button', { name: 'Sign off and print Z report' }).click();
  const z = page.getByRole('document', { name: 'Z report as printed' });
  await expect(z).toContainText(new RegExp(`Payments \\(1\\)\\s*${re(formatMoney(total))}`));
  await expect(z).toContainText(new RegExp(`Expected cash\\s*${re(expectedCash)}`));

  // The back office reopens the account and applies the payment: the balance moves once.
  await central.query("update accounts set status = 'current' where utility = 'pwb' and number = '1000000002'");
  const first = await applyHeld(central.database(), entry!.id, 'backoffice1');
  expect(first.ok).toBe(true);
  const second = await applyHeld(central.database(), entry!.id, 'backoffice1');
  expect(second).toEqual({ ok: true, message: expect.stringMatching(/already applied/) });
  const [after] = await central.query<{ balance: string }>("select balance::text as balance from accounts where utility = 'pwb' and number = '1000000002'");
  expect(toMoneyString(sub(money(before!.balance), money(after!.balance)))).toBe(total);
  expect((await central.payments()).map((r) => r.id)).toEqual([entry!.id]);
});

/**
 * The counter under the Electron host, in Chromium: `window.counter` is a stand-in for the preload's bridge
 * (Electron itself cannot be downloaded on these machines), so the renderer's Electron path runs for real:
 * printing through the bridge, the drawer kick, a print failure and the reprint.
 */
import { createHmac } from 'node:crypto';
import { entryContent } from '../../shared/drawer/journal-export';
import { verifyChain } from '../../shared/journal/chain';
import { FAKE_JOURNAL_KEY, installFakeBridge, printsSoFar } from './fake-bridge';
import { expect, signIn, startPayment, storeRows, TOKEN, test } from './fixtures';

test('a print failure leaves the payment posted; F12 reprints; the drawer opens only for cash', async ({ page, central, renderer }) => {
  await installFakeBridge(page, { centralUrl: central.url, token: TOKEN, failPrints: 1 });
  await page.goto(renderer.url);
  await signIn(page);
  await startPayment(page, '1000000001');
  await page.getByLabel('Bills').fill('200');
  await page.getByRole('button', { name: 'Post payment' }).click();
  const receipt = page.getByRole('region', { name: 'Receipt' });
  await expect(receipt).toContainText('Change due $17.60');
  await expect(page.getByRole('alert')).toContainText('Receipt not printed: Printer TM-T20 is offline. The payment is recorded; press F12 to reprint.');
  await expect(page.getByRole('status')).toContainText('0 waiting');
  expect(await central.payments()).toHaveLength(1);

  await page.keyboard.press('F12');
  await expect(page.getByRole('alert')).toHaveCount(0);
  const prints = await printsSoFar(page);
  expect(prints).toHaveLength(2);
  expect(prints[0]).toMatchObject({ openDrawer: true, paperWidth: '58mm' });
  // The reprint says so and does not kick the drawer again.
  expect(prints[1]).toMatchObject({ openDrawer: false });
  expect(prints[1]?.text).toContain('Reprint');
  expect(prints[1]?.text).toContain('Rosa Delgado');

  // A check-only payment prints without opening the drawer.
  await page.keyboard.press('F2');
  await startPayment(page, '1000000002');
  await page.keyboard.press('F5');
  await page.getByLabel('Check total').fill('96.15');
  await page.getByLabel('Check number').fill('2201');
  await page.keyboard.press('F9');
  await expect(receipt).toContainText('Change due $0.00');
  await expect.poll(async () => (await printsSoFar(page)).length).toBe(3);
  expect((await printsSoFar(page))[2]).toMatchObject({ openDrawer: false });
  await page.screenshot({ path: 'test-results/screens/receipt-58mm.png' });
});

test("the journal is signed with main's key, and central keeps the station's journal head", async ({ page, central, renderer }) => {
  await installFakeBridge(page, { centralUrl: central.url, token: TOKEN });
  await page.goto(renderer.url);
  await signIn(page);
  await startPayment(page, '1000000001');
  await page.getByLabel('Bills').fill('200');
  await page.getByRole('button', { name: 'Post payment' }).click();
  // Wait for the state: central holds the payment, so the batch (and its head) has arrived.
  await expect.poll(async () => (await central.payments()).length).toBe(1);
  type Row = Record<string, unknown> & { n: number; prevHash: string; hash: string; v?: number };
  const journal = await storeRows<Row>(page, 'journal');
  expect(journal.map((e) => e.v)).toEqual(journal.map(() => 2));
  const mac = async (m: string) => createHmac('sha256', Buffer.from(FAKE_JOURNAL_KEY, 'hex')).update(m).digest('hex');
  expect(await verifyChain(journal, entryContent, { mac })).toMatchObject({ ok: true, count: journal.length, macsChecked: true });
  const last = journal.at(-1)!;
  expect(await central.query(`select n::text as n, hash from journal_heads where station_id = 'e2e-1'`)).toContainEqual({ n: String(last.n), hash: last.hash });
});

test('a receipt in Vietnamese, chosen for this payment only', async ({ page }) => {
  await signIn(page);
  await startPayment(page, '1000000001');
  await page.getByLabel('Bills').fill('200');
  await page.getByLabel('Receipt language').selectOption('vi');
  await page.getByRole('button', { name: 'Post payment' }).click();
  const receipt = page.getByRole('region', { name: 'Receipt' });
  await expect(receipt).toContainText('Biên lai');
  await expect(receipt).toContainText('182,40');
  // The cashier's screen stays in English.
  await expect(receipt).toContainText('Change due $17.60');
  await page.screenshot({ path: 'test-results/screens/receipt-vi.png' });
});

test('a token kept in plain text (no OS keychain, accepted by a supervisor) is named in the status bar; a sealed one is not', async ({ page, central, renderer }) => {
  await installFakeBridge(page, { centralUrl: central.url, token: TOKEN, tokenAtRest: 'plain' });
  await page.goto(renderer.url);
  await signIn(page, 'cashier1', '1111', { openDrawer: false });
  await expect(page.getByRole('banner')).toContainText('Token in plain text');

  const sealed = await page.context().newPage();
  await installFakeBridge(sealed, { centralUrl: central.url, token: TOKEN, tokenAtRest: 'sealed' });
  await sealed.goto(renderer.url);
  await signIn(sealed, 'cashier1', '1111', { openDrawer: false });
  await expect(sealed.getByRole('banner')).toContainText('Cashier: cashier1');
  await expect(sealed.getByRole('banner')).not.toContainText('plain text');
});

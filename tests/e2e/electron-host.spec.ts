/**
 * The counter under the Electron host, in Chromium: `window.counter` is a stand-in for the preload's bridge
 * (Electron itself cannot be downloaded on these machines), so the renderer's Electron path runs for real:
 * printing through the bridge, the drawer kick, a print failure and the reprint.
 */
import { expect, signIn, startPayment, TOKEN, test } from './fixtures';

type PrintCall = { openDrawer: boolean; paperWidth: string; text: string };

test('a print failure leaves the payment posted; F12 reprints; the drawer opens only for cash', async ({ page, central, renderer }) => {
  await page.addInitScript(
    ({ centralUrl, token }) => {
      const w = window as unknown as { counter: unknown; prints: PrintCall[] };
      w.prints = [];
      let failNext = true;
      const station = { stationId: 'e2e-1', stationName: 'Station 9', centralUrl, profileId: 'pwb', paperWidth: '58mm', printerName: 'TM-T20', openDrawerOnCash: true, kiosk: false };
      w.counter = {
        station: async () => ({ ok: true, value: { station, problem: null } }),
        saveStation: async () => ({ ok: false, error: 'not in this test' }),
        testConnection: async () => ({ ok: true, value: { ok: true, message: 'ok' } }),
        printers: async () => ({ ok: true, value: [{ name: 'TM-T20', displayName: 'Epson TM-T20', isDefault: false }] }),
        testPage: async () => ({ ok: true, value: { ok: true } }),
        central: async (req: { method: string; path: string; body?: unknown }) => {
          try {
            const res = await fetch(`${centralUrl}${req.path}`, {
              method: req.method,
              headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
              body: req.body === undefined ? undefined : JSON.stringify(req.body),
            });
            return { ok: true, value: { status: res.status, body: await res.json().catch(() => null) } };
          } catch (e) {
            return { ok: false, error: `Central cannot be reached (${String(e)})` };
          }
        },
        print: async (req: { openDrawer: boolean; paperWidth: string; items: Array<{ value: string }> }) => {
          w.prints.push({ openDrawer: req.openDrawer, paperWidth: req.paperWidth, text: req.items.map((i) => i.value).join('\n') });
          if (failNext) {
            failNext = false;
            return { ok: true, value: { ok: false, canRetry: true, reason: 'Printer TM-T20 is offline' } };
          }
          return { ok: true, value: { ok: true } };
        },
      };
    },
    { centralUrl: central.url, token: TOKEN },
  );
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
  const prints = await page.evaluate(() => (window as unknown as { prints: PrintCall[] }).prints);
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
  const after = await page.evaluate(() => (window as unknown as { prints: PrintCall[] }).prints);
  expect(after[2]).toMatchObject({ openDrawer: false });
  await page.screenshot({ path: 'test-results/screens/receipt-58mm.png' });
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

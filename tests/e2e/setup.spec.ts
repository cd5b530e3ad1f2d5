import { ruler } from '../../shared/receipt/test-page';
import { expect, lookUp, signIn, STATION_ID, TOKEN, test } from './fixtures';

test.describe('first run', () => {
  // Central has registered station e2e-1 at Portsmouth, the utility this setup chooses.
  test.use({ stationConfigured: false, profileId: 'portsmouth' });

  test('setup refuses a bad central URL and a wrong token, then saves a good one and opens sign-in', async ({ page, central }) => {
    await expect(page.getByRole('heading', { name: 'Set up this station' })).toBeVisible();
    await page.getByLabel('Central URL').fill('central.example');
    await page.getByLabel('Station token').fill(TOKEN);
    await page.getByRole('button', { name: 'Save and start' }).click();
    await expect(page.getByRole('alert')).toContainText('Central URL: must be an http:// or https:// address');

    await page.getByLabel('Central URL').fill('http://127.0.0.1:9');
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect(page.getByRole('alert')).toContainText('Central URL: nothing answered at http://127.0.0.1:9');

    await page.getByLabel('Central URL').fill(central.url);
    await page.getByLabel('Station token').fill('not-the-token');
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect(page.getByRole('alert')).toContainText('Station token: central refused it');

    // The right token, but the form still names another station, then another utility: each field is named.
    await page.getByLabel('Station token').fill(TOKEN);
    await page.getByLabel('Station ID').fill('station-9');
    await page.getByLabel('Utility').selectOption('portsmouth');
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect(page.getByRole('alert')).toContainText(`Station ID: central issued this token to station ${STATION_ID}`);
    await page.getByLabel('Station ID').fill(STATION_ID);
    await page.getByLabel('Utility').selectOption('pwb');
    await page.getByRole('button', { name: 'Save and start' }).click();
    await expect(page.getByRole('alert')).toContainText("Utility profile: this token's station is at utility portsmouth");
    await expect(page.getByRole('heading', { name: 'Set up this station' })).toBeVisible();

    await page.getByLabel('Station name').fill('Window 3');
    await page.getByLabel('Utility').selectOption('portsmouth');
    await page.getByLabel('Paper width').selectOption('58mm');
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect(page.getByText('Connected: central v1 on pglite')).toBeVisible();
    await page.screenshot({ path: 'test-results/screens/setup.png' });
    await page.getByRole('button', { name: 'Save and start' }).click();

    await expect(page.getByLabel('User')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('City of Portsmouth');
    // Kept: the next start goes straight to sign-in.
    await page.reload();
    await signIn(page);
    await expect(page.getByRole('banner')).toContainText('Window 3');
  });
});

test.describe('first run, the printer', () => {
  test.use({ stationConfigured: false });

  test('Print test page shows the page for the paper chosen, before anything is saved', async ({ page }) => {
    await expect(page.getByRole('heading', { name: 'Set up this station' })).toBeVisible();
    await page.getByLabel('Station name').fill('');
    await page.getByRole('button', { name: 'Print test page' }).click();
    await expect(page.getByRole('alert')).toContainText('Station name: ');
    await expect(page.getByRole('region', { name: 'Test page' })).toHaveCount(0);

    await page.getByLabel('Station name').fill('Window 3');
    await page.getByLabel('Paper width').selectOption('58mm');
    await page.getByRole('button', { name: 'Print test page' }).click();
    // The browser has no printer: the preview on screen is the test.
    await expect(page.getByText('Test page shown on screen')).toBeVisible();
    const preview = page.getByRole('region', { name: 'Test page' });
    await expect(preview).toContainText('Printer test page');
    await expect(preview).toContainText('Window 3');
    await expect(preview).toContainText(ruler(32));
    await expect(preview.getByRole('document')).toHaveAttribute('data-paper-width', '58mm');
    await expect(page.getByRole('button', { name: 'Save and start' })).toBeInViewport();
    await page.screenshot({ path: 'test-results/screens/setup-test-page.png' });
  });
});

test('first run under Electron: Print test page goes to the printer chosen, and an empty choice is refused by its field', async ({ page, renderer }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { counter: unknown; testPages: unknown[] };
    w.testPages = [];
    const unused = async () => ({ ok: false, error: 'not in this test' });
    w.counter = {
      station: async () => ({ ok: true, value: { station: null, problem: null } }),
      saveStation: unused,
      testConnection: unused,
      central: unused,
      print: unused,
      printers: async () => ({ ok: true, value: [{ name: 'TM-T20', displayName: 'Epson TM-T20', isDefault: false }] }),
      // As main answers: an empty printer is refused naming the field (electron/printing.ts).
      testPage: async (target: { printerName: string }) => {
        w.testPages.push(target);
        return target.printerName === ''
          ? { ok: true, value: { ok: false, canRetry: false, reason: 'Receipt printer: no printer is chosen. Choose the receipt printer in the list, then print the test page again.' } }
          : { ok: true, value: { ok: true } };
      },
    };
  });
  await page.goto(renderer.url);
  await expect(page.getByRole('heading', { name: 'Set up this station' })).toBeVisible();
  await page.getByRole('button', { name: 'Print test page' }).click();
  await expect(page.getByRole('alert')).toContainText('Receipt printer: no printer is chosen');
  await expect(page.getByRole('region', { name: 'Test page' })).toContainText('Printer test page');

  await page.getByLabel('Receipt printer').selectOption('TM-T20');
  await page.getByLabel('Paper width').selectOption('58mm');
  await page.getByRole('button', { name: 'Print test page' }).click();
  await expect(page.getByText('Test page sent to TM-T20')).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Test page' })).toContainText('TM-T20');
  const sent = await page.evaluate(() => (window as unknown as { testPages: unknown[] }).testPages);
  expect(sent).toEqual([
    { printerName: '', paperWidth: '80mm', stationName: 'Station 1' },
    { printerName: 'TM-T20', paperWidth: '58mm', stationName: 'Station 1' },
  ]);
});

test('station settings: a supervisor opens them, prints a test page, renames the station keeping its token; payments still reach central', async ({ page, central }) => {
  await expect(page.getByText('Station 2')).toBeVisible();
  // Escape goes back to sign-in with nothing changed.
  await page.getByRole('button', { name: 'Station settings' }).click();
  await expect(page.getByRole('heading', { name: 'Station settings' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByLabel('User')).toBeVisible();

  await page.getByRole('button', { name: 'Station settings' }).click();
  await page.getByLabel('Supervisor', { exact: true }).fill('supervisor1');
  await page.getByLabel('Supervisor PIN').fill('1234');
  await page.getByRole('button', { name: 'Open settings' }).click();
  // A wrong PIN counts toward the lockout, as for any approval.
  await expect(page.getByRole('alert')).toContainText('Supervisor PIN: the user name or PIN is not right');
  await expect(page.getByRole('alert')).toContainText('tries left');
  await page.screenshot({ path: 'test-results/screens/station-settings-approval.png' });
  await expect(page.getByLabel('Central URL')).toHaveCount(0);

  await page.getByLabel('Supervisor', { exact: true }).fill('cashier1');
  await page.getByLabel('Supervisor PIN').fill('1111');
  await page.getByRole('button', { name: 'Open settings' }).click();
  await expect(page.getByRole('alert')).toContainText('Supervisor: cashier1 is not a supervisor');

  await page.getByLabel('Supervisor', { exact: true }).fill('supervisor1');
  await page.getByLabel('Supervisor PIN').fill('9999');
  await page.getByRole('button', { name: 'Open settings' }).click();

  const form = page.getByRole('form', { name: 'Station settings' });
  await expect(form).toBeVisible();
  await expect(page.getByLabel('Central URL')).toHaveValue(central.url);
  await expect(page.getByLabel('Station ID')).toHaveValue('e2e-1');
  await expect(page.getByLabel('Station name')).toHaveValue('Station 2');
  await expect(page.getByLabel('Utility')).toHaveValue('pwb');
  await expect(page.getByLabel('Paper width')).toHaveValue('80mm');
  // The renderer never has the token: the field starts empty, and says what empty means.
  await expect(page.getByLabel('Station token')).toHaveValue('');
  await expect(page.getByLabel('Station token')).toHaveAccessibleDescription('leave empty to keep the current token');
  for (const name of ['Test connection', 'Print test page', 'Save', 'Cancel']) await expect(form.getByRole('button', { name, exact: name === 'Save' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/station-settings.png' });

  await page.getByRole('button', { name: 'Print test page' }).click();
  const preview = page.getByRole('region', { name: 'Test page' });
  await expect(preview).toContainText('Printer test page');
  await expect(preview).toContainText('Station 2');
  await expect(preview).toContainText(ruler(48));
  await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeInViewport();
  await page.screenshot({ path: 'test-results/screens/station-settings-test-page.png' });

  // An empty token tests the saved one.
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByText('Connected: central v1 on pglite')).toBeVisible();
  // A wrong one typed in its place is refused, and nothing is saved.
  await page.getByLabel('Station token').fill('not-the-token');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('Station token: central refused it');

  await page.getByLabel('Station token').fill('');
  await page.getByLabel('Station name').fill('Window 7');
  await page.getByRole('button', { name: 'Save', exact: true }).click();

  // The counter starts again with the new settings, at sign-in.
  await expect(page.getByLabel('User')).toBeVisible();
  await expect(page.getByText('Window 7')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/signin-after-settings.png' });
  await page.reload();
  await expect(page.getByText('Window 7')).toBeVisible();
  await signIn(page);
  await expect(page.getByRole('banner')).toContainText('Window 7');

  // The kept token still reaches central.
  await lookUp(page, '1000000001');
  await page.getByLabel('Bills').fill('200');
  await page.getByRole('button', { name: 'Post payment' }).click();
  await expect(page.getByRole('region', { name: 'Receipt' })).toBeVisible();
  await expect(page.getByRole('status')).toContainText('0 waiting', { timeout: 30_000 });
  expect(await central.payments()).toHaveLength(1);
});

test('F1 shows the keyboard shortcuts over the counter, and Escape closes them', async ({ page }) => {
  await signIn(page);
  await page.keyboard.press('F1');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help).toContainText('Post payment');
  await expect(help).toContainText('Reprint the last receipt');
  await page.screenshot({ path: 'test-results/screens/help.png' });
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);
});

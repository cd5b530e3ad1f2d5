/**
 * A whole shift at the counter: a supervisor opens cashier1's drawer with a $150.00 float, five payments of
 * mixed tenders, a void approved by a supervisor, a cash drop, a blind close $0.25 short, the Z report on
 * screen, the deposit prepared, the end of the day — figures asserted to the cent, on screen and at central.
 * And the bad input on the way: negative and fractional counts, approving one's own void, a wrong
 * supervisor PIN, closing twice, posting to a closed drawer.
 */
import type { Page } from '@playwright/test';
import { expect, fillCount, lookUp, signIn, startPayment, storeCount, test } from './fixtures';

const FLOAT = { bill_20: '4', bill_10: '3', bill_5: '4', bill_1: '15', coin_25: '12', coin_10: '10', coin_5: '10', coin_1: '50' }; // $150.00
const DROP = { bill_20: '5' }; // $100.00
const CLOSE = { bill_20: '4', bill_10: '3', bill_5: '6', bill_1: '19', coin_25: '9', coin_10: '10', coin_1: '20' }; // $162.45
const BAG = { bill_20: '4', bill_10: '2', bill_5: '2', bill_1: '2', coin_25: '1', coin_10: '2' }; // $112.45

const drawers = (page: Page) => page.getByRole('region', { name: 'Drawers', exact: true });

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByLabel('User').waitFor();
}

async function post(page: Page, change: string) {
  await page.getByRole('button', { name: 'Post payment' }).click();
  await expect(page.getByRole('region', { name: 'Receipt' })).toContainText(`Change due ${change}`);
}

test('a whole shift: open with $150.00, five payments, a void, a drop, a blind close $0.25 short, the Z report, the deposit', async ({ page, context, renderer, central }) => {
  test.setTimeout(180_000);

  // ── The supervisor opens cashier1's drawer with a counted float ─────────────────────────────────
  await signIn(page, 'supervisor1', '9999');
  await page.keyboard.press('F10');
  await drawers(page).getByRole('button', { name: 'Open a drawer' }).click();
  await page.getByLabel('Cashier').selectOption('cashier1');
  await fillCount(page, { ...FLOAT, bill_20: '-4', coin_25: '12.5' });
  await page.getByLabel('Supervisor PIN').fill('9999');
  await page.getByRole('button', { name: 'Open drawer', exact: true }).click();
  // A negative count is refused under its field, naming it; nothing is written.
  await expect(page.getByRole('alert')).toHaveText('$20 bills: a count cannot be negative; enter how many bills, 0 or more');
  await page.getByLabel('$20 bills', { exact: true }).fill('4');
  await page.getByRole('button', { name: 'Open drawer', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText('Quarters, loose: count whole coins; a count has no fractions');
  await page.getByLabel('Quarters, loose').fill('12');
  await expect(page.getByText('Float counted: $150.00')).toBeVisible();
  // A wrong supervisor PIN: refused, nothing opened.
  await page.getByLabel('Supervisor PIN').fill('0000');
  await page.getByRole('button', { name: 'Open drawer', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('Supervisor PIN: the user name or PIN is not right; try again (4 tries left before supervisor1 is locked for 30 minutes); nothing was recorded');
  await page.getByLabel('Supervisor PIN').fill('9999');
  await page.getByRole('button', { name: 'Open drawer', exact: true }).click();
  await expect(drawers(page).getByRole('status')).toHaveText('✓ Drawer opened');
  const table = drawers(page).getByRole('table', { name: 'Drawers' });
  await expect(table.getByRole('row', { name: /cashier1/ })).toContainText('Open');
  await expect(table.getByRole('row', { name: /cashier1/ })).toContainText('$150.00');
  await page.keyboard.press('Escape');
  await signOut(page);

  // ── cashier1 takes five payments of mixed tenders, into the drawer ──────────────────────────────
  await signIn(page, 'cashier1', '1111');
  await expect(page.getByRole('banner')).toContainText('Cashier: cashier1 · Drawer open');
  // 1. Cash: $182.40 with $200.00, $17.60 change.
  await startPayment(page, '1000000001');
  await page.getByLabel('Bills').fill('200');
  await post(page, '$17.60');
  // 2. A check for $96.15.
  await startPayment(page, '1000000002');
  await page.keyboard.press('F5');
  await page.getByLabel('Check total').fill('96.15');
  await page.getByLabel('Check number').fill('1042');
  await post(page, '$0.00');
  // 3. A money order for $58.00.
  await startPayment(page, '1000000004');
  await page.keyboard.press('F6');
  await page.getByLabel('Money order total').fill('58.00');
  await page.getByLabel('Money order serial number').fill('MO-55881');
  await post(page, '$0.00');
  // 4. A card for $250.00.
  await startPayment(page, '1000000006');
  await page.keyboard.press('F7');
  await page.getByLabel('Card total').fill('250.00');
  await page.getByLabel('Card brand').selectOption('Visa');
  await page.getByLabel('Card last four').fill('4242');
  await page.getByLabel('Card approval code').fill('A1B2C3');
  await post(page, '$0.00');
  // 5. $412.70 split: a $300.00 check and $120.00 cash, $7.30 change.
  await startPayment(page, '1000000003');
  await page.keyboard.press('F5');
  await page.getByLabel('Check total').fill('300.00');
  await page.getByLabel('Check number').fill('2201');
  await page.getByLabel('Check routing number').fill('021000021');
  await page.getByLabel('Bills').fill('120');
  await post(page, '$7.30');
  await expect(page.getByRole('status', { name: 'Sync status' })).toContainText('0 waiting');
  const drawerIds = await central.query<{ d: string }>('select distinct drawer_session_id as d from payments');
  expect(drawerIds).toHaveLength(1);
  expect(drawerIds[0]?.d).toMatch(/^[0-9a-f-]{36}$/);

  // ── A void of the first payment: not by the cashier, not with a wrong PIN; supervisor1 approves ──
  await page.keyboard.press('F8');
  await page.getByRole('radio', { name: /1000000001 · \$182\.40 · cash/ }).check();
  await page.getByLabel('Reason').fill('Wrong account keyed');
  await page.getByLabel('Supervisor', { exact: true }).fill('cashier1');
  await page.getByLabel('Supervisor PIN').fill('1111');
  await page.getByRole('button', { name: 'Approve void' }).click();
  await expect(page.getByRole('alert')).toContainText('a cashier cannot approve their own void');
  await page.getByLabel('Supervisor', { exact: true }).fill('supervisor1');
  await page.getByLabel('Supervisor PIN').fill('1234');
  await page.getByRole('button', { name: 'Approve void' }).click();
  await expect(page.getByRole('alert')).toContainText('Supervisor PIN: not a supervisor, or the PIN is not right');
  await page.getByLabel('Supervisor PIN').fill('9999');
  await page.getByRole('button', { name: 'Approve void' }).click();
  await expect(page.getByRole('region', { name: 'Void slip' })).toContainText('approved by supervisor1');

  // ── A $100.00 drop to the safe, seen by a second person ─────────────────────────────────────────
  await page.keyboard.press('F10');
  await drawers(page).getByRole('button', { name: 'Record a drop' }).click();
  await fillCount(page, DROP);
  await page.getByLabel('Witness', { exact: true }).fill('cashier1');
  await page.getByLabel('Witness PIN').fill('1111');
  await page.getByRole('button', { name: 'Record drop' }).click();
  await expect(page.getByRole('alert')).toHaveText('Witness: a drop needs a second person, not the cashier; call a second person');
  await page.getByLabel('Witness', { exact: true }).fill('supervisor1');
  await page.getByLabel('Witness PIN').fill('9999');
  await page.getByRole('button', { name: 'Record drop' }).click();
  await expect(drawers(page).getByRole('status')).toHaveText('✓ Drop of $100.00 to the safe recorded, witnessed by supervisor1');

  // ── The blind close ────────────────────────────────────────────────────────────────────────────
  // A supervisor's window on the same station opens the count too (to show a second close is refused).
  const other = await context.newPage();
  await other.goto(renderer.url);
  await signIn(other, 'supervisor1', '9999');
  await other.keyboard.press('F10');
  await drawers(other).getByRole('button', { name: 'Count and close cashier1' }).click();

  await drawers(page).getByRole('button', { name: 'Count and close' }).click();
  const countForm = page.getByRole('form', { name: 'Count and close' });
  // Blind: nothing on the count says what the drawer should hold.
  await expect(countForm).not.toContainText('162.70');
  await expect(countForm).not.toContainText('Expected');
  await fillCount(page, { ...CLOSE, bill_5: '-6', bill_1: '19.5' });
  await page.getByLabel('Number of checks').fill('2');
  await page.getByLabel('Checks total').fill('396.15');
  await page.getByLabel('Number of money orders').fill('1');
  await page.getByLabel('Money orders total').fill('58.00');
  await page.getByLabel('Card batch total').fill('250.00');
  const journalBefore = await storeCount(page, 'journal');
  await page.getByRole('button', { name: 'Submit count' }).click();
  await expect(countForm.getByRole('alert')).toHaveText(['$5 bills: a count cannot be negative; enter how many bills, 0 or more']);
  await page.getByLabel('$5 bills', { exact: true }).fill('6');
  await page.getByRole('button', { name: 'Submit count' }).click();
  await expect(countForm.getByRole('alert')).toHaveText(['$1 bills: count whole bills; a count has no fractions']);
  expect(await storeCount(page, 'journal')).toBe(journalBefore);
  await page.getByLabel('$1 bills', { exact: true }).fill('19');
  await expect(countForm).toContainText('Cash counted: $162.45');
  await page.getByRole('button', { name: 'Submit count' }).click();

  // Only now the figures show: $0.25 short in cash, even in the rest.
  const overShort = page.getByRole('table', { name: 'Over and short by tender' });
  await expect(overShort.getByRole('row', { name: /^Cash/ })).toHaveText(/Cash\s*\$162\.70\s*\$162\.45\s*\$0\.25 short/);
  await expect(overShort.getByRole('row', { name: /^Checks/ })).toHaveText(/Checks\s*\$396\.15\s*\$396\.15\s*even/);
  await expect(overShort.getByRole('row', { name: /^Money orders/ })).toHaveText(/Money orders\s*\$58\.00\s*\$58\.00\s*even/);
  await expect(overShort.getByRole('row', { name: /^Cards/ })).toHaveText(/Cards\s*\$250\.00\s*\$250\.00\s*even/);
  await expect(overShort.getByRole('row', { name: /^Total/ })).toContainText('$0.25 short');

  // Closing twice: the other window's count is refused, and nothing is written.
  await fillCount(other, CLOSE);
  await other.getByRole('button', { name: 'Submit count' }).click();
  await expect(other.getByRole('form', { name: 'Count and close' }).getByRole('alert')).toContainText('Close: this drawer was already counted at');
  expect(await storeCount(page, 'journal')).toBe(journalBefore + 1);
  await other.close();

  // Posting to a closed drawer: refused, nothing written.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await expect(page.getByText('Your drawer is counted for the close and takes no more payments')).toBeVisible();
  await startPayment(page, '1000000001');
  await page.getByLabel('Bills').fill('200');
  await page.getByRole('button', { name: 'Post payment' }).click();
  await expect(page.getByRole('form', { name: 'Payment' }).getByRole('alert')).toContainText('Post payment: the drawer was counted for the close at');
  expect(await storeCount(page, 'journal')).toBe(journalBefore + 1);
  await page.keyboard.press('F2');

  // ── Sign-off: not by the cashier; supervisor1 with their PIN; the Z report shows and prints ──────
  await page.keyboard.press('F10');
  await drawers(page).getByRole('button', { name: 'Sign off' }).click();
  await page.getByLabel('Supervisor', { exact: true }).fill('cashier1');
  await page.getByLabel('Supervisor PIN').fill('1111');
  await page.getByRole('button', { name: 'Sign off and print Z report' }).click();
  await expect(page.getByRole('alert')).toHaveText('Supervisor: a cashier cannot sign off their own drawer; call a supervisor');
  await page.getByLabel('Supervisor', { exact: true }).fill('supervisor1');
  await page.getByLabel('Supervisor PIN').fill('9999');
  await page.getByRole('button', { name: 'Sign off and print Z report' }).click();
  const z = page.getByRole('document', { name: 'Z report as printed' });
  for (const row of [
    /Cashier\s*cashier1/,
    /Signed off by\s*supervisor1/,
    /Payments \(4\)\s*\$816\.85/,
    /Voids \(1\)\s*\$182\.40/,
    /Opening float\s*\$150\.00/,
    /Cash taken\s*\$120\.00/,
    /Change given\s*-\$7\.30/,
    /Drops \(1\)\s*-\$100\.00/,
    /Expected cash\s*\$162\.70/,
    /Counted cash\s*\$162\.45/,
    /Cash over\/short\s*\$0\.25 short/,
    /#1042\s*\$96\.15/,
    /#2201\s*\$300\.00/,
    /Expected checks\s*\$396\.15/,
    /MO-55881\s*\$58\.00/,
    /Terminal batch\s*\$250\.00/,
    /Total\s*\$0\.25 short/,
  ]) {
    await expect(z).toContainText(row);
  }
  // Tall enough for the whole report on screen at once.
  await page.setViewportSize({ width: 1366, height: 1700 });
  await page.screenshot({ path: 'test-results/screens/z-report.png' });
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.getByRole('button', { name: 'Done' }).click();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('banner')).toContainText('Cashier: cashier1 · No drawer');
  await signOut(page);

  // ── The deposit and the end of the day ─────────────────────────────────────────────────────────
  await signIn(page, 'supervisor1', '9999');
  await page.keyboard.press('F10');
  await expect(drawers(page).getByRole('table', { name: 'Drawers' }).getByRole('row', { name: /cashier1/ })).toContainText('Closed');
  await drawers(page).getByRole('button', { name: 'Prepare deposit' }).click();
  const depositForm = page.getByRole('form', { name: 'Prepare the deposit' });
  await expect(depositForm).toContainText('Cash for the bag: $112.45 · Checks (2): $396.15 · Money orders (1): $58.00');
  await fillCount(page, { ...BAG, coin_10: '0' });
  await page.getByLabel('Bag number').fill('BAG-000123');
  await page.getByRole('button', { name: 'Prepare deposit' }).click();
  await expect(depositForm.getByRole('alert')).toHaveText("Bag cash: counted $112.25, but the closed drawers' cash receipts are $112.45 ($0.20 missing); recount the bag");
  await page.getByLabel('Dimes, loose').fill('2');
  await page.getByRole('button', { name: 'Prepare deposit' }).click();
  const summary = page.getByRole('document', { name: 'Deposit summary as printed' });
  for (const row of [/Bank bag\s*BAG-000123/, /Cash total\s*\$112\.45/, /#1042\s*\$96\.15/, /#2201\s*\$300\.00/, /Checks total\s*\$396\.15/, /MO-55881\s*\$58\.00/, /Money orders total\s*\$58\.00/, /DEPOSIT TOTAL\s*\$566\.60/]) {
    await expect(summary).toContainText(row);
  }
  await page.setViewportSize({ width: 1366, height: 1200 });
  await page.screenshot({ path: 'test-results/screens/deposit.png' });
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.getByRole('button', { name: 'Done' }).click();

  await expect(page.getByRole('status', { name: 'Sync status' })).toContainText('0 waiting', { timeout: 30_000 });
  await drawers(page).getByRole('button', { name: 'End-of-day checklist' }).click();
  const eod = page.getByRole('form', { name: 'End of day' });
  await expect(eod).toContainText('Done: every drawer is closed');
  await expect(eod).toContainText('Done: nothing is waiting to reach central');
  await expect(eod).toContainText('Done: deposit prepared (bag BAG-000123)');
  await page.getByLabel('Supervisor PIN').fill('9999');
  await page.getByRole('button', { name: 'Complete end of day' }).click();
  await expect(eod.getByRole('status')).toContainText('is complete');
  await page.getByRole('button', { name: 'Close', exact: true }).click();

  await drawers(page).getByRole('button', { name: 'Verify journal' }).click();
  await expect(drawers(page).getByRole('status')).toContainText(/Journal verified: \d+ entries, the chain is intact/);

  // ── Central holds the shift once, to the cent ──────────────────────────────────────────────────
  expect(await central.payments()).toHaveLength(5);
  expect(await central.query('select 1 from voids')).toHaveLength(1);
  const [closeout] = await central.query<Record<string, string>>(
    'select cashier, signed_off_by, float::text, expected_cash::text, counted_cash::text, over_short_cash::text, over_short_total::text from closeouts',
  );
  expect(closeout).toEqual({ cashier: 'cashier1', signed_off_by: 'supervisor1', float: '150.00', expected_cash: '162.70', counted_cash: '162.45', over_short_cash: '-0.25', over_short_total: '-0.25' });
  const [deposit] = await central.query<Record<string, string>>('select bag_number, cash_total::text, checks_total::text, money_orders_total::text, total::text from deposits');
  expect(deposit).toEqual({ bag_number: 'BAG-000123', cash_total: '112.45', checks_total: '396.15', money_orders_total: '58.00', total: '566.60' });
});

test('a cashier with no drawer open cannot post; the cash limit warns, then blocks cash until a drop', async ({ page }) => {
  await signIn(page, 'cashier1', '1111', { openDrawer: false });
  await expect(page.getByText('No drawer is open for cashier1')).toBeVisible();
  await startPayment(page, '1000000001');
  await page.getByLabel('Bills').fill('200');
  await page.getByRole('button', { name: 'Post payment' }).click();
  await expect(page.getByRole('form', { name: 'Payment' }).getByRole('alert')).toHaveText(/Post payment: no drawer is open for cashier1 at this station; a supervisor opens one \(F10\)/);
  expect(await storeCount(page, 'outbox')).toBe(0);
  await page.keyboard.press('F2');

  // Open at the station: the supervisor comes over and enters their PIN.
  await page.keyboard.press('F10');
  await drawers(page).getByRole('button', { name: 'Open drawer', exact: true }).click();
  await fillCount(page, { bill_20: '5', bill_10: '5' });
  await page.getByLabel('Supervisor', { exact: true }).fill('supervisor1');
  await page.getByLabel('Supervisor PIN').fill('9999');
  await page.getByRole('button', { name: 'Open drawer', exact: true }).click();
  await page.keyboard.press('Escape');

  // $150.00 float + $900.00 → above the $1,000.00 drop level: the counter asks for a drop.
  await startPayment(page, '1000000001');
  await page.getByLabel('Amount').fill('900.00');
  await page.getByLabel('Bills').fill('900');
  await page.getByRole('button', { name: 'Post payment' }).click();
  await page.getByLabel('Keep $717.60 on 1000000001 as credit').check();
  await page.getByRole('button', { name: 'Post payment' }).click();
  await expect(page.getByRole('region', { name: 'Receipt' })).toBeVisible();
  await expect(page.getByText('Cash limit: the drawer is above $1,000.00; call for a drop to the safe (F10)')).toBeVisible();
  // + $950.00 → $2,000.00, the maximum: no more cash.
  await startPayment(page, '1000000002');
  await page.getByLabel('Amount').fill('950.00');
  await page.getByLabel('Bills').fill('950');
  await page.getByRole('button', { name: 'Post payment' }).click();
  await page.getByLabel('Keep $853.85 on 1000000002 as credit').check();
  await page.getByRole('button', { name: 'Post payment' }).click();
  await expect(page.getByRole('region', { name: 'Receipt' })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('Cash limit: the drawer is at its $2,000.00 maximum; no more cash until a drop to the safe is recorded (F10)');
  await startPayment(page, '1000000004');
  await page.getByLabel('Bills').fill('60');
  await page.getByRole('button', { name: 'Post payment' }).click();
  await expect(page.getByRole('form', { name: 'Payment' }).getByRole('alert')).toContainText('Bills: Cash limit: the drawer is at its $2,000.00 maximum');
  // A check still goes in.
  await page.getByLabel('Bills').fill('');
  await page.keyboard.press('F5');
  await page.getByLabel('Check total').fill('58.00');
  await page.getByLabel('Check number').fill('3001');
  await post(page, '$0.00');
  // A drop of $1,000.00 with a witness; cash is taken again.
  await page.keyboard.press('F10');
  await drawers(page).getByRole('button', { name: 'Record a drop' }).click();
  await fillCount(page, { bill_100: '10' });
  await page.getByLabel('Witness', { exact: true }).fill('cashier2');
  await page.getByLabel('Witness PIN').fill('2222');
  await page.getByRole('button', { name: 'Record drop' }).click();
  await expect(drawers(page).getByRole('status')).toContainText('Drop of $1,000.00 to the safe recorded, witnessed by cashier2');
  await page.keyboard.press('Escape');
  await expect(page.getByText('Cash limit: the drawer is at its')).toHaveCount(0);
  await startPayment(page, '1000000003');
  await page.getByLabel('Bills').fill('420');
  await post(page, '$7.30');
  await lookUp(page, '1000000001');
});

test('the screen locks after the idle minutes and opens again with the PIN', async ({ page }) => {
  await page.clock.install();
  await page.reload();
  await signIn(page);
  await page.clock.fastForward('05:10');
  const lock = page.getByRole('dialog', { name: 'Screen locked' });
  await expect(lock).toBeVisible();
  await lock.getByLabel('PIN').fill('0000');
  await lock.getByRole('button', { name: 'Unlock' }).click();
  await expect(lock.getByRole('alert')).toContainText('PIN: the user name or PIN is not right');
  await lock.getByLabel('PIN').fill('1111');
  await lock.getByRole('button', { name: 'Unlock' }).click();
  await expect(lock).toHaveCount(0);
  await expect(page.getByLabel('Account number')).toBeVisible();
});

test('five wrong PINs lock the user at sign-in, even against the right PIN', async ({ page }) => {
  for (let i = 0; i < 5; i++) {
    await page.getByLabel('User').fill('cashier2');
    await page.getByLabel('PIN').fill('0000');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toContainText(i < 4 ? `${4 - i} ${4 - i === 1 ? 'try' : 'tries'} left` : 'cashier2 is locked after 5 wrong PINs until');
  }
  await page.getByLabel('PIN').fill('2222');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('cashier2 is locked after 5 wrong PINs until');
  await expect(page.getByLabel('Account number')).toHaveCount(0);
});

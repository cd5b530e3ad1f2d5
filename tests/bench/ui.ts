/** Driving the real counter screen as a cashier does, for the opening, keystroke and memory benchmarks. */
import type { Locator, Page } from '@playwright/test';

/**
 * Installed before any page script: notes performance.now() (ms since the navigation started) the moment an
 * enabled field labelled "User" has the focus, i.e. the sign-in screen takes input.
 */
export const READY_SCRIPT = `(() => {
  const check = () => {
    if (window.__benchReady !== undefined) return true;
    const el = document.activeElement;
    if (el && el.tagName === 'INPUT' && !el.disabled && el.labels && [...el.labels].some((l) => l.textContent.trim() === 'User')) {
      window.__benchReady = performance.now();
      return true;
    }
    return false;
  };
  window.addEventListener('focusin', check, true);
  const poll = () => { if (!check()) requestAnimationFrame(poll); };
  requestAnimationFrame(poll);
})();`;

/**
 * Signs in. Where the counter takes payments only into an open drawer and the status bar says none is open,
 * the start of the shift follows, as in tests/e2e/fixtures.ts: F10, a $150.00 float counted, a supervisor
 * approving with their PIN, Escape back to the counter. A counter without drawers skips it.
 */
export async function signIn(page: Page, user = 'cashier1', pin = '1111'): Promise<void> {
  await page.getByLabel('User').fill(user);
  await page.getByLabel('PIN').fill(pin);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('Account number').waitFor();
  const bar = page.getByRole('banner');
  const end = Date.now() + 3000;
  let text = '';
  while (Date.now() < end && !/No drawer|Drawer open|Drawer counted/.test(text)) {
    text = (await bar.first().textContent({ timeout: 1000 }).catch(() => '')) ?? '';
    if (!/No drawer|Drawer open|Drawer counted/.test(text)) await page.waitForTimeout(50);
  }
  if (!text.includes('No drawer')) return;
  await page.keyboard.press('F10');
  await page.getByRole('button', { name: 'Open drawer', exact: true }).click();
  await page.getByLabel('$20 bills', { exact: true }).fill('5');
  await page.getByLabel('$10 bills', { exact: true }).fill('5');
  await page.getByLabel('Supervisor', { exact: true }).fill('supervisor1');
  await page.getByLabel('Supervisor PIN').fill('9999');
  await page.getByRole('button', { name: 'Open drawer', exact: true }).click();
  await page.getByRole('banner').filter({ hasText: 'Drawer open' }).waitFor({ timeout: 10_000 });
  await page.keyboard.press('Escape');
  await page.getByLabel('Account number').waitFor();
}

const isFocused = (l: Locator) => l.evaluate((el) => el === document.activeElement).catch(() => false);

async function waitFocused(l: Locator, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  await l.waitFor({ timeout: timeoutMs }).catch(() => undefined);
  while (Date.now() < end) {
    if (await isFocused(l)) return true;
    await new Promise((r) => setTimeout(r, 5));
  }
  return false;
}

export type CashResult = { actions: number; log: string[]; receipt: boolean; change: string | null };

/**
 * One full cash payment by keyboard, counting the cashier's actions: a typed string (a scanner's burst, or
 * the bills typed) is one action, each key press one, each click one. Where the focus is not where the next
 * typing must go, a click on that field is added (and counted), so a screen that loses the focus scores worse.
 */
export async function cashByScan(page: Page, scanLine: string, bills: string, opts: { timeoutMs?: number; burst?: 'keys' | 'insert' } = {}): Promise<CashResult> {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  // 'keys': every character a key event, as a keyboard-wedge scanner sends it; 'insert': one input event (faster to drive).
  const typeText = (text: string) => (opts.burst === 'insert' ? page.keyboard.insertText(text) : page.keyboard.type(text));
  const log: string[] = [];
  let actions = 0;
  const act = async (what: string, fn: () => Promise<void>) => {
    actions++;
    log.push(what);
    await fn();
  };
  const account = page.getByLabel('Account number', { exact: true });
  if (!(await waitFocused(account, 2000))) await act('click Account number', () => account.click());
  await act(`type scan line ${scanLine}`, () => typeText(scanLine));
  await act('Enter', () => page.keyboard.press('Enter'));
  const billsField = page.getByLabel('Bills', { exact: true });
  if (!(await waitFocused(billsField, timeoutMs))) await act('click Bills', () => billsField.click());
  await act(`type bills ${bills}`, () => typeText(bills));
  await act('Enter', () => page.keyboard.press('Enter'));
  const receipt = page.getByRole('region', { name: 'Receipt' });
  let shown = await receipt.waitFor({ timeout: timeoutMs }).then(() => true, () => false);
  if (!shown) {
    await act('F9', () => page.keyboard.press('F9'));
    shown = await receipt.waitFor({ timeout: timeoutMs }).then(() => true, () => false);
  }
  const change = shown ? ((await receipt.textContent())?.match(/Change due (\$[0-9,.]+)/)?.[1] ?? null) : null;
  return { actions, log, receipt: shown, change };
}

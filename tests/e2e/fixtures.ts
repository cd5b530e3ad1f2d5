/**
 * The counter as a cashier meets it: a real central on loopback (PGlite on disk, so it can be stopped and
 * started again), the built renderer served to Debian's Chromium, and a persistent browser profile so
 * IndexedDB lives on disk as it does in Electron.
 */
import { test as base, chromium, type BrowserContext, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '../../central/src/db';
import type { Payment } from '../../shared/payments/payment';
import { startCentral } from '../../central/src/server';
import { serveRenderer, type RendererServer } from '../../scripts/renderer-server';

export const TOKEN = 'e2e-station-token';
/** The station the tests run: central knows its token, bound to it and to the test's profile (utility). */
export const STATION_ID = 'e2e-1';
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

export type CentralHandle = {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** What central's database holds: one row per stored payment. */
  payments(): Promise<Array<{ id: string; total: string; change: string; taken_at: string }>>;
  /** Any read of central's database, for what a test must see there. */
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Central's database itself, for the back office's commands run in process. */
  database(): Database;
};

type Fixtures = {
  /** The utility profile the station runs: `test.use({ profileId: 'wes' })`. */
  profileId: string;
  /** False serves no station settings: the counter opens its first-run setup. */
  stationConfigured: boolean;
  central: CentralHandle;
  renderer: RendererServer;
  context: BrowserContext;
  page: Page;
};

export const test = base.extend<Fixtures>({
  profileId: ['pwb', { option: true }],
  stationConfigured: [true, { option: true }],
  central: async ({ profileId }, use) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'counter-central-'));
    let running: Awaited<ReturnType<typeof startCentral>> | null = await startCentral({ port: 0, dataDir, demo: 50, stations: [{ id: STATION_ID, utility: profileId, token: TOKEN }], quiet: true });
    const port = new URL(running.url).port;
    const handle: CentralHandle = {
      url: running.url,
      dataDir,
      async stop() {
        await running?.close();
        running = null;
      },
      async start() {
        if (!running) running = await startCentral({ port: Number(port), dataDir, demo: 50, stations: [{ id: STATION_ID, utility: profileId, token: TOKEN }], quiet: true });
      },
      database() {
        if (!running) throw new Error('central is stopped');
        return running.db;
      },
      async query<T>(sql: string, params: unknown[] = []) {
        if (!running) throw new Error('central is stopped');
        return running.db.query<T>(sql, params);
      },
      async payments() {
        if (!running) throw new Error('central is stopped');
        return running.db.query<{ id: string; total: string; change: string; taken_at: string }>(
          "select id::text as id, total::text as total, body->>'change' as change, taken_at::text as taken_at from payments order by reference",
        );
      },
    };
    await use(handle);
    await running?.close();
    await rm(dataDir, { recursive: true, force: true });
  },
  renderer: async ({ central, profileId, stationConfigured }, use) => {
    const server = await serveRenderer({
      root: 'build/renderer',
      station: !stationConfigured
        ? null
        : {
        stationId: STATION_ID,
        stationName: 'Station 2',
        centralUrl: central.url,
        token: TOKEN,
        profileId,
        paperWidth: '80mm',
        printerName: '',
      },
    });
    await use(server);
    await server.close();
  },
  // Playwright's own `timezoneId` option (`test.use({ timezoneId: 'UTC' })`), applied to this persistent
  // context too: the station PC's zone; the machine's when unset.
  context: async ({ timezoneId }, use) => {
    const profileDir = await mkdtemp(join(tmpdir(), 'counter-chromium-'));
    const context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
      headless: true,
      viewport: { width: 1366, height: 768 },
      ...(timezoneId ? { timezoneId } : {}),
    });
    await use(context);
    await context.close();
    await rm(profileDir, { recursive: true, force: true });
  },
  page: async ({ context, renderer }, use) => {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(renderer.url);
    await use(page);
  },
});

import { expect } from '@playwright/test';
export { expect };

/**
 * Signs in. A cashier takes payments only into an open drawer, so by default a cashier's drawer is opened
 * (if none is) with a $150.00 float, a supervisor approving at the station with their PIN.
 */
export async function signIn(page: Page, user = 'cashier1', pin = '1111', opts: { openDrawer?: boolean } = {}) {
  await page.getByLabel('User').fill(user);
  await page.getByLabel('PIN').fill(pin);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('Account number').waitFor();
  if (opts.openDrawer === false || !user.startsWith('cashier')) return;
  const bar = page.getByRole('banner');
  await expect(bar).toContainText(/No drawer|Drawer open|Drawer counted/);
  if ((await bar.textContent())?.includes('No drawer')) await openOwnDrawer(page, { bill_20: '5', bill_10: '5' });
}

/** At the cashier's screen: F10, count the float, the supervisor approves with their PIN, back to the counter. */
export async function openOwnDrawer(page: Page, float: Record<string, string>, supervisor = 'supervisor1', supervisorPin = '9999') {
  await page.keyboard.press('F10');
  await page.getByRole('button', { name: 'Open drawer', exact: true }).click();
  await fillCount(page, float);
  await page.getByLabel('Supervisor', { exact: true }).fill(supervisor);
  await page.getByLabel('Supervisor PIN').fill(supervisorPin);
  await page.getByRole('button', { name: 'Open drawer', exact: true }).click();
  await expect(page.getByRole('banner')).toContainText('Drawer open');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('region', { name: 'Drawers' })).toHaveCount(0);
}

/** Labels of the count fields, by denomination id (as the drawer screens show them). */
export const DENOMINATION_LABEL: Record<string, string> = {
  bill_100: '$100 bills',
  bill_50: '$50 bills',
  bill_20: '$20 bills',
  bill_10: '$10 bills',
  bill_5: '$5 bills',
  bill_2: '$2 bills',
  bill_1: '$1 bills',
  roll_25: 'Quarter rolls ($10.00)',
  roll_10: 'Dime rolls ($5.00)',
  roll_5: 'Nickel rolls ($2.00)',
  roll_1: 'Penny rolls ($0.50)',
  coin_100: 'Dollar coins',
  coin_50: 'Half dollars',
  coin_25: 'Quarters, loose',
  coin_10: 'Dimes, loose',
  coin_5: 'Nickels, loose',
  coin_1: 'Pennies, loose',
};

/** Fills the count fields shown (one count form at a time). */
export async function fillCount(page: Page, count: Record<string, string>) {
  for (const [id, n] of Object.entries(count)) await page.getByLabel(DENOMINATION_LABEL[id] ?? id, { exact: true }).fill(n);
}

export async function lookUp(page: Page, account: string) {
  const field = page.getByLabel('Account number');
  await field.fill(account);
  await field.press('Enter');
}

/** Looks an account up and waits for the payment form, as a cashier waits to see it. */
export async function startPayment(page: Page, account: string) {
  await lookUp(page, account);
  await expect(page.getByLabel('Bills')).toBeFocused();
}

/** Counts the records of one store of the station's IndexedDB, read raw in the page (not through the app). */
export async function storeCount(page: Page, store: 'outbox' | 'journal'): Promise<number> {
  return page.evaluate(
    (name) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('counter');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const req = db.transaction(name, 'readonly').objectStore(name).count();
          req.onsuccess = () => {
            resolve(req.result);
            db.close();
          };
          req.onerror = () => reject(req.error);
        };
      }),
    store,
  );
}

/** Every record of one store of the station's IndexedDB, read raw in the page (not through the app). */
export async function storeRows<T>(page: Page, store: 'outbox' | 'journal' | 'meta'): Promise<T[]> {
  return page.evaluate(
    (name) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open('counter');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const req = db.transaction(name, 'readonly').objectStore(name).getAll();
          req.onsuccess = () => {
            resolve(req.result as T[]);
            db.close();
          };
          req.onerror = () => reject(req.error);
        };
      }),
    store,
  );
}

/** Puts payments straight into the station's outbox, as the counter's commit would leave them (raw IndexedDB). */
export async function queuePayments(page: Page, list: Payment[]): Promise<void> {
  await page.evaluate(
    (items) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('counter');
        open.onsuccess = () => {
          const tx = open.result.transaction('outbox', 'readwrite');
          for (const p of items) tx.objectStore('outbox').add({ id: p.id, kind: 'payment', payment: p, state: 'pending', queuedAt: p.takenAt, attempts: 0 });
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
        open.onerror = () => reject(open.error);
      }),
    list,
  );
}

/** Keeps every text the sync status shows from now on, in the page, so no passing state is missed. */
export async function recordStatusTexts(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const w = window as unknown as { statusTexts: string[] };
    w.statusTexts = [];
    const note = () => {
      const text = document.querySelector('[role="status"][aria-label="Sync status"]')?.textContent ?? '';
      if (w.statusTexts.at(-1) !== text) w.statusTexts.push(text);
    };
    note();
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  return () => page.evaluate(() => (window as unknown as { statusTexts: string[] }).statusTexts);
}

/**
 * A stand-in for the Electron preload's `window.counter` (Electron itself cannot be downloaded on these
 * machines), so the renderer's Electron path runs for real in Chromium. Central is reached over HTTP as main
 * would; every print is recorded in `window.prints`, and `failPrints` of them fail first as an offline printer.
 * Journal entries are signed as main signs them, HMAC-SHA-256 under `FAKE_JOURNAL_KEY` (hex).
 */
import type { Page } from '@playwright/test';

export type PrintCall = { openDrawer: boolean; paperWidth: string; text: string };
export const FAKE_JOURNAL_KEY = '5a'.repeat(32);

export async function installFakeBridge(
  page: Page,
  opts: { centralUrl: string; token: string; profileId?: string; paperWidth?: '58mm' | '80mm'; failPrints?: number; tokenAtRest?: 'sealed' | 'plain' },
): Promise<void> {
  await page.addInitScript(
    ({ centralUrl, token, profileId, paperWidth, failPrints, tokenAtRest, journalKey }) => {
      const w = window as unknown as { counter: unknown; prints: PrintCall[] };
      w.prints = [];
      let failing = failPrints;
      const station = { stationId: 'e2e-1', stationName: 'Station 9', centralUrl, profileId, paperWidth, printerName: 'TM-T20', openDrawerOnCash: true, kiosk: false };
      w.counter = {
        station: async () => ({ ok: true, value: { station, problem: null, tokenAtRest } }),
        saveStation: async () => ({ ok: false, error: 'not in this test' }),
        testConnection: async () => ({ ok: true, value: { ok: true, message: 'ok' } }),
        printers: async () => ({ ok: true, value: [{ name: 'TM-T20', displayName: 'Epson TM-T20', isDefault: false }] }),
        testPage: async () => ({ ok: true, value: { ok: true } }),
        journalMac: async (message: string) => {
          const raw = new Uint8Array(journalKey.match(/../g)!.map((h) => parseInt(h, 16)));
          const key = await crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
          const sig = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(message)));
          return { ok: true, value: [...sig].map((b) => b.toString(16).padStart(2, '0')).join('') };
        },
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
          if (failing > 0) {
            failing -= 1;
            return { ok: true, value: { ok: false, canRetry: true, reason: 'Printer TM-T20 is offline' } };
          }
          return { ok: true, value: { ok: true } };
        },
      };
    },
    {
      centralUrl: opts.centralUrl,
      token: opts.token,
      profileId: opts.profileId ?? 'pwb',
      paperWidth: opts.paperWidth ?? '58mm',
      failPrints: opts.failPrints ?? 0,
      tokenAtRest: opts.tokenAtRest ?? 'sealed',
      journalKey: FAKE_JOURNAL_KEY,
    },
  );
}

export async function printsSoFar(page: Page): Promise<PrintCall[]> {
  return page.evaluate(() => (window as unknown as { prints: PrintCall[] }).prints);
}

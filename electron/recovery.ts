/**
 * Crash and hang recovery for the counter's window.
 *
 * - The renderer process is gone (crashed, killed, out of memory): reload the counter.
 * - The renderer is unresponsive: wait (it may be busy, say importing the account feed); if it is still
 *   unresponsive after the grace period, end its process, and the "gone" that follows reloads it.
 * - After 3 renderer losses within 60 s, stop reloading (a counter that crashes at start would otherwise
 *   reload forever) and show a plain page served by main, app://counter/crashed.html, with no script.
 *
 * A reload never loses a posted payment: the renderer writes each payment to its journal (IndexedDB, on disk)
 * when it is posted, before the receipt prints, and reads the journal again at start. The unposted payment in
 * hand is kept as a draft on disk as it is typed, and offered back after sign-in (renderer/src/db/drafts.ts).
 *
 * `createCrashPolicy` is the decision alone; `superviseRenderer` wires it to a web contents (Electron's, or a fake).
 */
import { APP_URL, isAppUrl } from './protocol';
import type { Log } from './log';

export const CRASH_LIMIT = 3;
export const CRASH_WINDOW_MS = 60_000;
export const HANG_GRACE_MS = 15_000;

export const CRASH_PAGE_PATH = '/crashed.html';
export const CRASH_PAGE_URL = new URL(CRASH_PAGE_PATH, APP_URL).href;

export type CrashDecision = 'reload' | 'give-up';

/** Counts renderer losses in a sliding window: the `limit`-th within `windowMs` gives up. */
export function createCrashPolicy(options: { limit?: number; windowMs?: number } = {}): {
  record(at: number): { decision: CrashDecision; recent: number };
} {
  const limit = options.limit ?? CRASH_LIMIT;
  const windowMs = options.windowMs ?? CRASH_WINDOW_MS;
  let times: number[] = [];
  return {
    record(at) {
      times = [...times.filter((t) => at - t < windowMs), at];
      return { decision: times.length >= limit ? 'give-up' : 'reload', recent: times.length };
    },
  };
}

/** The part of `WebContents` supervision uses; Electron's own fits. */
export interface SupervisedContents {
  on(event: 'render-process-gone', listener: (event: unknown, details: { reason: string; exitCode: number }) => void): unknown;
  on(event: 'unresponsive', listener: () => void): unknown;
  on(event: 'responsive', listener: () => void): unknown;
  forcefullyCrashRenderer(): void;
  getURL(): string;
  isDestroyed(): boolean;
}

export type Timers = {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
};

export type SuperviseDeps = {
  /** Load the counter again (its start URL, so a fresh start, not whatever route it was on). */
  reload: () => void;
  showCrashPage: () => void;
  /** True while the app quits: a renderer ending then is expected. */
  isQuitting: () => boolean;
  log: Log;
  now?: () => number;
  timers?: Timers;
  hangGraceMs?: number;
  limit?: number;
  windowMs?: number;
};

export function superviseRenderer(contents: SupervisedContents, deps: SuperviseDeps): void {
  const now = deps.now ?? Date.now;
  const timers: Timers = deps.timers ?? { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) };
  const hangGraceMs = deps.hangGraceMs ?? HANG_GRACE_MS;
  const limit = deps.limit ?? CRASH_LIMIT;
  const windowMs = deps.windowMs ?? CRASH_WINDOW_MS;
  const policy = createCrashPolicy({ limit, windowMs });
  let hangTimer: unknown = null;

  function cancelHangTimer(): void {
    if (hangTimer !== null) timers.clearTimeout(hangTimer);
    hangTimer = null;
  }

  contents.on('render-process-gone', (_event, details) => {
    cancelHangTimer();
    if (deps.isQuitting() || contents.isDestroyed()) return;
    const what = `the counter's renderer is gone (${details.reason}, exit code ${details.exitCode})`;
    if (isCrashPage(contents.getURL())) {
      // The crash page has no script; if even it cannot run, reloading it would only loop.
      deps.log(`[recovery] ${what} while the crash page was shown; leaving the window as it is`);
      return;
    }
    const { decision, recent } = policy.record(now());
    if (decision === 'reload') {
      deps.log(`[recovery] ${what}; reloading the counter (${recent} of ${limit} in ${windowMs / 1000} s before giving up)`);
      deps.reload();
    } else {
      deps.log(`[recovery] ${what}, ${recent} times within ${windowMs / 1000} s; no more reloads, showing the crash page`);
      deps.showCrashPage();
    }
  });

  contents.on('unresponsive', () => {
    if (hangTimer !== null) return;
    deps.log(`[recovery] the counter's renderer is not responding; reloading in ${hangGraceMs / 1000} s unless it recovers`);
    hangTimer = timers.setTimeout(() => {
      hangTimer = null;
      if (deps.isQuitting() || contents.isDestroyed()) return;
      deps.log(`[recovery] the counter's renderer is still not responding after ${hangGraceMs / 1000} s; ending its process to reload it`);
      // Emits 'render-process-gone', whose handler counts it and reloads (Electron's advice for a hung renderer).
      contents.forcefullyCrashRenderer();
    }, hangGraceMs);
  });

  contents.on('responsive', () => {
    if (hangTimer === null) return;
    cancelHangTimer();
    deps.log("[recovery] the counter's renderer is responding again");
  });
}

function isCrashPage(url: string): boolean {
  if (!isAppUrl(url)) return false;
  return new URL(url).pathname === CRASH_PAGE_PATH;
}

/**
 * The crash page: static HTML, no script (the CSP allows none inline anyway), one link back to the counter.
 * Served by the app:// handler (a data: URL would be refused by the navigation policy).
 */
export function crashPageHtml(logFile: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>The counter stopped</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 3rem auto; max-width: 40rem; padding: 0 1.5rem; line-height: 1.5; color: #1b1b1b; }
  h1 { font-size: 1.6rem; }
  a.button { display: inline-block; padding: .6rem 1.2rem; border: 2px solid #1b4f8a; border-radius: .3rem; color: #fff; background: #1b4f8a; text-decoration: none; font-weight: 600; }
  code { word-break: break-all; }
</style>
</head>
<body>
<main>
<h1>The counter stopped working</h1>
<p>It stopped ${CRASH_LIMIT} times within a minute, so it was not started again automatically.</p>
<p>Payments that were already taken are safe: they are kept in this computer's journal and are sent to central when the counter runs again. A payment that was still being entered was not taken; enter it again.</p>
<p><a class="button" href="/">Start the counter again</a></p>
<p>If it stops again, close the counter and call IT. The log is in <code>${escapeHtml(logFile)}</code>.</p>
</main>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

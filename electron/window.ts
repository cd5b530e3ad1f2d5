/**
 * The window and its guard rails, as functions over the few Electron APIs they touch (passed in, so they are
 * tested in Node): window options, navigation and window-open refusal, permissions, the single-instance lock,
 * quitting on signals, and which URL the window loads.
 */
import type { BrowserWindowConstructorOptions } from 'electron';
import { APP_URL, originOf } from './protocol';

/**
 * The counter's window. With `kiosk` (the station setting), full screen in kiosk mode: no frame, no taskbar,
 * and (with `applicationMenu`) no menu, so the counter is the only thing on the screen.
 */
export function mainWindowOptions(preload: string, options: { kiosk: boolean } = { kiosk: false }): BrowserWindowConstructorOptions {
  return {
    width: 1366,
    height: 768,
    title: 'Counter',
    show: false, // shown on ready-to-show, so the cashier never sees a blank white frame
    autoHideMenuBar: true,
    ...(options.kiosk ? { kiosk: true, fullscreen: true } : {}),
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      preload,
    },
  };
}

/**
 * Which application menu the counter gets: none in kiosk mode, and none in an installed counter at all (Electron's
 * default menu would give a cashier reload, DevTools, zoom and close-window shortcuts, Ctrl+R and Ctrl+Shift+I
 * among them). Development keeps Electron's default menu (hidden until Alt), for DevTools and reload.
 */
export function applicationMenu(options: { kiosk: boolean; isPackaged: boolean }): 'none' | 'default' {
  return options.kiosk || options.isPackaged ? 'none' : 'default';
}

/** The parts of `BrowserWindow` kiosk switching uses. */
export interface KioskWindow {
  isKiosk(): boolean;
  setKiosk(flag: boolean): void;
}

/**
 * Applies a (newly saved) kiosk setting to the open window at once. Switching kiosk off in development does not
 * bring Electron's default menu back until the next start.
 */
export function applyKiosk(win: KioskWindow, removeMenu: () => void, options: { kiosk: boolean; isPackaged: boolean }): void {
  if (applicationMenu(options) === 'none') removeMenu();
  if (win.isKiosk() !== options.kiosk) win.setKiosk(options.kiosk);
}

type Preventable = { preventDefault(): void };

/** The part of `WebContents` the guards use; Electron's own fits. */
export interface GuardableContents {
  on(event: 'will-navigate', listener: (event: Preventable & { url: string }) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: Preventable) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export type Log = (message: string) => void;

/**
 * For every web contents (`app.on('web-contents-created')`), including electron-pos-printer's hidden window:
 * no navigation away from the counter, no new windows at all (the counter is one window; nothing in it opens
 * another, and a popup would be a window without these guards), and no <webview>.
 */
export function guardWebContents(contents: GuardableContents, isAllowedUrl: (url: string) => boolean, log: Log = (m) => console.warn(m)): void {
  contents.on('will-navigate', (event) => {
    if (isAllowedUrl(event.url)) return;
    event.preventDefault();
    log(`[window] refused navigation to ${originOf(event.url)}`);
  });
  contents.setWindowOpenHandler(({ url }) => {
    log(`[window] refused to open a window for ${originOf(url)}`);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** The part of `Session` the permission handlers use; Electron's own fits. */
export interface PermissionSession {
  setPermissionRequestHandler(
    handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void, details: { requestingUrl: string }) => void,
  ): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string, requestingOrigin: string) => boolean): void;
}

/**
 * Deny every permission (camera, notifications, geolocation, clipboard reads, ...), both the request and the
 * silent check, except one: 'persistent-storage' for the counter's own page, because without it Chromium may
 * evict the IndexedDB journal of taken payments when the disk runs low.
 */
export function denyPermissions(session: PermissionSession, isAllowedUrl: (url: string) => boolean): void {
  const allowed = (permission: string, url: string) => permission === 'persistent-storage' && isAllowedUrl(url);
  session.setPermissionRequestHandler((_contents, permission, callback, details) => callback(allowed(permission, details.requestingUrl)));
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => allowed(permission, requestingOrigin));
}

/** The parts of `app` and `BrowserWindow` the single-instance rule uses. */
export interface SingleInstanceApp {
  requestSingleInstanceLock(): boolean;
  on(event: 'second-instance', listener: () => void): unknown;
}
export interface FocusableWindow {
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
}

/**
 * One counter per station: two would post from two windows on one drawer. Returns false when another instance
 * holds the lock (the caller quits); otherwise a second start brings this instance's window forward.
 */
export function claimSingleInstance(app: SingleInstanceApp, getWindow: () => FocusableWindow | null): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', () => {
    const win = getWindow();
    if (win === null) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  });
  return true;
}

export interface SignalSource {
  once(signal: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
}

/** Ctrl+C in the terminal or a service manager's stop: quit the normal way, so windows close and storage flushes. */
export function quitOnSignals(source: SignalSource, quit: () => void): void {
  source.once('SIGINT', quit);
  source.once('SIGTERM', quit);
}

/**
 * What the window loads: app://counter/ (the built renderer), or COUNTER_RENDERER_URL (a Vite dev server) when
 * set, valid http(s) and the app is not packaged, so an installed counter can never be pointed elsewhere.
 */
export function rendererEntry(env: Record<string, string | undefined>, isPackaged: boolean): { url: string; devOrigin: string | null; problem: string | null } {
  const dev = env.COUNTER_RENDERER_URL;
  if (!dev) return { url: APP_URL, devOrigin: null, problem: null };
  if (isPackaged) return { url: APP_URL, devOrigin: null, problem: 'COUNTER_RENDERER_URL is ignored in a packaged app' };
  let parsed: URL;
  try {
    parsed = new URL(dev);
  } catch {
    return { url: APP_URL, devOrigin: null, problem: `COUNTER_RENDERER_URL is not a URL: ${dev}` };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return { url: APP_URL, devOrigin: null, problem: `COUNTER_RENDERER_URL must be http:// or https://: ${dev}` };
  }
  return { url: parsed.href, devOrigin: parsed.origin, problem: null };
}

/**
 * The main process: wiring only. Each piece with a decision in it lives in a module that takes Electron's APIs
 * as arguments and is tested in Node (station.ts, token-vault.ts, central.ts, ipc.ts, printing.ts, protocol.ts,
 * window.ts, recovery.ts, log.ts).
 *
 * Reads: userData/station.json; env COUNTER_CENTRAL_URL and COUNTER_STATION_TOKEN (dev defaults when there is
 * no station file and the app is not packaged), COUNTER_RENDERER_URL (a dev server to load instead of the build;
 * ignored when packaged). Writes: userData/station.json (setup), userData/logs/counter.log (rotated).
 * Serves build/renderer (next to build/electron) as app://counter/.
 */
import { app, BrowserWindow, ipcMain, Menu, net, protocol, safeStorage, session } from 'electron';
import { PosPrinter } from 'electron-pos-printer';
import { mkdirSync, promises as fs, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createCentralProxy, testCentralConnection, type FetchLike } from './central';
import { messageOf } from './errors';
import { registerCounterHandlers } from './ipc';
import { createJournalSigner } from './journal-key';
import { createFileLogger } from './log';
import { applyDrawerSetting, createPrinter, listPrinters } from './printing';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, contentSecurityPolicy, createAppProtocolHandler, createUrlPolicy } from './protocol';
import { CRASH_PAGE_PATH, CRASH_PAGE_URL, crashPageHtml, superviseRenderer } from './recovery';
import { createStationStore, stationFilePath, withKeptToken } from './station';
import { createTokenVault } from './token-vault';
import { applicationMenu, applyKiosk, claimSingleInstance, denyPermissions, guardWebContents, mainWindowOptions, quitOnSignals, rendererEntry } from './window';

// First, so everything after it is logged: userData/logs/counter.log, every line redacted.
const logger = createFileLogger({ dir: path.join(app.getPath('userData'), 'logs') });
process.on('uncaughtExceptionMonitor', (error) => logger.error(`[counter] uncaught exception in main: ${error.stack ?? messageOf(error)}`));
process.on('unhandledRejection', (reason) => logger.error(`[counter] unhandled rejection in main: ${reason instanceof Error ? (reason.stack ?? reason.message) : messageOf(reason)}`));

// Must happen before 'ready'; Electron ignores it afterwards.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

let mainWindow: BrowserWindow | null = null;
let quitting = false;

if (!claimSingleInstance(app, () => mainWindow)) {
  logger.info('[counter] another counter is already running on this computer; this one quits');
  app.quit();
} else {
  logger.info(`[counter] starting ${app.getVersion()} (Electron ${process.versions.electron}, ${app.isPackaged ? 'installed' : 'development'})`);
  quitOnSignals(process, () => app.quit());
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('window-all-closed', () => app.quit());
  app.on('child-process-gone', (_event, details) => logger.warn(`[counter] ${details.type} process gone (${details.reason}, exit code ${details.exitCode})`));

  const entry = rendererEntry(process.env, app.isPackaged);
  if (entry.problem) logger.warn(`[counter] ${entry.problem}`);
  const isAllowedUrl = createUrlPolicy(entry.devOrigin);
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, isAllowedUrl, logger.warn));

  app
    .whenReady()
    .then(() => start(entry.url, isAllowedUrl))
    .catch((error: unknown) => {
      logger.error(`[counter] could not start: ${messageOf(error)}`);
      app.exit(1);
    });
}

async function start(url: string, isAllowedUrl: (url: string) => boolean): Promise<void> {
  // safeStorage only after 'ready'. getSelectedStorageBackend exists on Linux only.
  const vault = createTokenVault(safeStorage, {
    storageBackend: process.platform === 'linux' ? () => safeStorage.getSelectedStorageBackend() : undefined,
  });
  const store = createStationStore({
    fs,
    file: stationFilePath(app.getPath('userData')),
    env: process.env,
    isPackaged: app.isPackaged,
    vault,
    log: logger,
  });
  // Registered before loading, so the token is masked in the log from the first line that could hold it.
  store.onChange((config) => logger.addSecret(config.token));
  const loaded = await store.load();

  denyPermissions(session.defaultSession, isAllowedUrl);
  protocol.handle(
    APP_SCHEME,
    createAppProtocolHandler({
      // This file is build/electron/electron/main.js (tsc's rootDir is the repo root), in the repo or in app.asar.
      root: path.join(__dirname, '..', '..', 'renderer'),
      readFile: (file) => fs.readFile(file),
      csp: () => contentSecurityPolicy(),
      pages: { [CRASH_PAGE_PATH]: () => crashPageHtml(logger.file) },
    }),
  );

  // Chromium's network stack: the system's proxy settings and certificate store apply to central.
  const fetchCentral: FetchLike = (target, init) => net.fetch(target, init);
  const central = createCentralProxy({ fetch: fetchCentral, getTarget: () => store.current(), log: logger.warn });
  // The printer is read at each job, so a station saved by setup prints with its printer at once.
  const printer = createPrinter({
    posPrinter: PosPrinter,
    getConfig: () => ({ printerName: store.current()?.printerName ?? '' }),
  });
  const journalSigner = createJournalSigner(app.getPath('userData'), { readFileSync, writeFileSync, mkdirSync });
  registerCounterHandlers(ipcMain, {
    station: () => store.view(),
    saveStation: (config) => store.save(config),
    testConnection: (test) => {
      // Station settings send an empty token to test the saved one, which never goes to the renderer.
      const withToken = withKeptToken(test, store.current());
      logger.addSecret(withToken.token);
      return testCentralConnection(withToken, { fetch: fetchCentral });
    },
    central,
    print: (job) => printer.print(applyDrawerSetting(job, store.current())),
    // Any web contents can list the printers; the counter's window is the one that asked.
    printers: () => listPrinters(() => (mainWindow ? mainWindow.webContents.getPrintersAsync() : Promise.reject(new Error('the counter window is not open')))),
    testPage: (target) => printer.testPage(target),
    journalMac: (message) => journalSigner.mac(message),
    isTrustedSender: (frame) => frame !== null && isAllowedUrl(frame.url),
    log: logger.warn,
  });

  const kiosk = loaded.config?.kiosk ?? false;
  if (applicationMenu({ kiosk, isPackaged: app.isPackaged }) === 'none') Menu.setApplicationMenu(null);
  const win = new BrowserWindow(mainWindowOptions(path.join(__dirname, 'preload.js'), { kiosk }));
  mainWindow = win;
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    mainWindow = null;
  });
  win.webContents.on('preload-error', (_event, preloadPath, error) => logger.error(`[counter] the preload failed (${path.basename(preloadPath)}): ${messageOf(error)}`));
  store.onChange((config) => {
    if (!win.isDestroyed()) applyKiosk(win, () => Menu.setApplicationMenu(null), { kiosk: config.kiosk, isPackaged: app.isPackaged });
  });

  const load = (target: string) =>
    win.loadURL(target).catch((error: unknown) => {
      // Show the window anyway: a blank screen with a log line beats a counter that silently never appears.
      logger.error(`[counter] could not load ${target}: ${messageOf(error)}`);
      if (!win.isDestroyed()) win.show();
    });
  superviseRenderer(win.webContents, {
    reload: () => void load(url),
    showCrashPage: () => void load(CRASH_PAGE_URL),
    isQuitting: () => quitting,
    log: logger.warn,
  });
  await load(url);
}

/**
 * The main process: wiring only. Each piece with a decision in it lives in a module that takes Electron's APIs
 * as arguments and is tested in Node (station.ts, ipc.ts, printing.ts, protocol.ts, window.ts).
 *
 * Reads: userData/station.json; env COUNTER_CENTRAL_URL and COUNTER_STATION_TOKEN (dev defaults when there is
 * no station file), COUNTER_RENDERER_URL (a dev server to load instead of the build; ignored when packaged).
 * Serves build/renderer (next to build/electron) as app://counter/.
 */
import { app, BrowserWindow, ipcMain, protocol, session } from 'electron';
import { PosPrinter } from 'electron-pos-printer';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { messageOf } from './errors';
import { registerCounterHandlers } from './ipc';
import { createPrinter, listPrinters } from './printing';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, contentSecurityPolicy, createAppProtocolHandler, createUrlPolicy } from './protocol';
import { loadStationConfig, stationFilePath } from './station';
import { claimSingleInstance, denyPermissions, guardWebContents, mainWindowOptions, quitOnSignals, rendererEntry } from './window';

// Must happen before 'ready'; Electron ignores it afterwards.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

let mainWindow: BrowserWindow | null = null;

if (!claimSingleInstance(app, () => mainWindow)) {
  app.quit();
} else {
  quitOnSignals(process, () => app.quit());
  app.on('window-all-closed', () => app.quit());

  const entry = rendererEntry(process.env, app.isPackaged);
  if (entry.problem) console.warn(`[counter] ${entry.problem}`);
  const isAllowedUrl = createUrlPolicy(entry.devOrigin);
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, isAllowedUrl));

  app
    .whenReady()
    .then(() => start(entry.url, isAllowedUrl))
    .catch((error: unknown) => {
      console.error(`[counter] could not start: ${messageOf(error)}`);
      app.exit(1);
    });
}

async function start(url: string, isAllowedUrl: (url: string) => boolean): Promise<void> {
  const station = await loadStationConfig({ fs, file: stationFilePath(app.getPath('userData')), env: process.env });
  if (station.problem) console.warn(`[counter] station settings: ${station.problem}`);
  const config = station.config;

  denyPermissions(session.defaultSession, isAllowedUrl);
  protocol.handle(
    APP_SCHEME,
    createAppProtocolHandler({
      // This file is build/electron/electron/main.js (tsc's rootDir is the repo root), in the repo or in app.asar.
      root: path.join(__dirname, '..', '..', 'renderer'),
      readFile: (file) => fs.readFile(file),
      csp: () => contentSecurityPolicy(config.centralUrl),
    }),
  );

  const printer = createPrinter({ posPrinter: PosPrinter, getConfig: () => config });
  registerCounterHandlers(ipcMain, {
    station: () => config,
    print: (job) => printer.print(job),
    // Any web contents can list the printers; the counter's window is the one that asked.
    printers: () => listPrinters(() => (mainWindow ? mainWindow.webContents.getPrintersAsync() : Promise.reject(new Error('the counter window is not open')))),
    testPage: () => printer.testPage(),
    isTrustedSender: (frame) => frame !== null && isAllowedUrl(frame.url),
  });

  const win = new BrowserWindow(mainWindowOptions(path.join(__dirname, 'preload.js')));
  mainWindow = win;
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    mainWindow = null;
  });
  win.loadURL(url).catch((error: unknown) => {
    // Show the window anyway: a blank screen with a log line beats a counter that silently never appears.
    console.error(`[counter] could not load ${url}: ${messageOf(error)}`);
    win.show();
  });
}

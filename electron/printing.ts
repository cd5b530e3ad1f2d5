/**
 * The receipt printer and its cash drawer, behind `print(job) → PrintResult`, plus the test page and the
 * printer list for setup and settings. Owns three things the library does not: one job at a time (two concurrent
 * `PosPrinter.print` calls in 1.4.0 can collide), a deadline (with `silent: true` the library sets no timeout
 * of its own, so a stuck spooler would hang the queue), and the answer whether a retry can help. The library
 * and Electron's printer list are injected, so this runs in Node under test.
 */
import type { PosPrintData, PosPrintOptions } from 'electron-pos-printer';
import type { z } from 'zod';
import { printRequestSchema, type PrinterSummary, type PrintResult, type testPageTargetSchema } from '../shared/bridge/bridge';
import type { PosPrintItem } from '../shared/receipt/print-data';
import { testPagePrintData } from '../shared/receipt/test-page';
import type { StationConfig } from '../shared/station';
import { messageOf } from './errors';

/**
 * What `counter:print` parses its payload with: the bridge's `printRequestSchema`, which carries the markup
 * rule (only bare <span>, <b>, <strong>, <br>; no url(...) in styles). The rule lives in shared/bridge so the
 * browser preview and this boundary refuse the same things.
 */
export const printJobSchema = printRequestSchema;
export type PrintJob = z.output<typeof printJobSchema>;

type Assert<T extends true> = T;
/** Compile-time guards: the shared layout type and the IPC schema must stay valid electron-pos-printer data. */
export type LayoutFitsLibrary = Assert<PosPrintItem extends PosPrintData ? true : false>;
export type SchemaFitsLayout = Assert<PrintJob['items'][number] extends PosPrintItem ? true : false>;

/** The two calls we make on electron-pos-printer's `PosPrinter` (its static methods fit). */
export interface PosPrinterLike {
  print(data: PosPrintData[], options: PosPrintOptions): Promise<unknown>;
  openCashDrawer(printerName: string): Promise<void>;
}

export type PrinterDeps = {
  posPrinter: PosPrinterLike;
  /** The station's printer, read at each job, so a changed station file applies without a restart. */
  getConfig: () => Pick<StationConfig, 'printerName'>;
  /** For the test page's date; the computer's own clock and zone unless a test fixes them. */
  now?: () => Date;
  timeZone?: string;
  /** How long a job may take; defaults to the library's own formula for non-silent jobs. */
  jobTimeoutMs?: (job: PrintJob) => number;
  drawerTimeoutMs?: number;
};

export const TIME_OUT_PER_LINE_MS = 400;

export class PrintTimeoutError extends Error {
  override name = 'PrintTimeoutError';
}

/** What `counter:test-page` parses its payload into: the printer, paper and station name the form shows. */
export type TestPageTarget = z.output<typeof testPageTargetSchema>;

/** Said when a test page names no printer: the setup form's field, and what to do. */
export const NO_TEST_PAGE_PRINTER =
  'Receipt printer: no printer is chosen. Choose the receipt printer in the list (install it on this computer first if it is not there), then print the test page again.';

export type Printer = {
  print(job: PrintJob): Promise<PrintResult>;
  /**
   * The test page, to the target's printer at its width, through the same queue: the printer the technician
   * chose in setup, before it is saved. An empty printer name is refused without queueing.
   */
  testPage(target: TestPageTarget): Promise<PrintResult>;
};

export function createPrinter(deps: PrinterDeps): Printer {
  const jobTimeoutMs = deps.jobTimeoutMs ?? ((job: PrintJob) => TIME_OUT_PER_LINE_MS * job.items.length + 2000 * job.copies + 200);
  const drawerTimeoutMs = deps.drawerTimeoutMs ?? 10_000;
  let queue: Promise<unknown> = Promise.resolve();

  async function run(job: PrintJob, printerName: string): Promise<PrintResult> {
    if (printerName.trim() === '') {
      return { ok: false, canRetry: false, reason: 'No receipt printer is set for this station: a supervisor chooses the Receipt printer in Station settings (on the sign-in screen).' };
    }
    const options: PosPrintOptions = {
      silent: true,
      preview: false,
      printerName,
      pageSize: job.paperWidth,
      margin: '0 0 0 0',
      copies: job.copies,
      timeOutPerLine: TIME_OUT_PER_LINE_MS,
    };
    try {
      // Called as a method: PosPrinter's statics are written against their class.
      await withDeadline(deps.posPrinter.print(job.items, options), jobTimeoutMs(job), 'The print job');
    } catch (error) {
      return { ok: false, ...describePrintFailure(error, printerName) };
    }
    if (job.openDrawer) {
      try {
        await withDeadline(deps.posPrinter.openCashDrawer(printerName), drawerTimeoutMs, 'The drawer kick');
      } catch (error) {
        // Not retryable: a retry would print the receipt a second time.
        return { ok: false, canRetry: false, reason: `The receipt printed, but the cash drawer did not open (${messageOf(error)}). Open it with the key.` };
      }
    }
    return { ok: true };
  }

  /** `printerName` is called when the job starts, not when it is queued. */
  function enqueue(job: PrintJob, printerName: () => string): Promise<PrintResult> {
    // Each job starts when the previous one has settled, whatever its outcome. A job past its deadline
    // counts as settled: holding the queue for it would stop all printing until the app restarts.
    const result = queue.then(() => run(job, printerName()));
    queue = result.catch(() => undefined);
    return result;
  }

  return {
    print: (job) => enqueue(job, () => deps.getConfig().printerName),
    testPage(target) {
      if (target.printerName.trim() === '') return Promise.resolve({ ok: false, canRetry: false, reason: NO_TEST_PAGE_PRINTER });
      const items = testPagePrintData({
        ...target,
        printedAt: (deps.now?.() ?? new Date()).toISOString(),
        timeZone: deps.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
      });
      return enqueue({ items, paperWidth: target.paperWidth, copies: 1, openDrawer: false }, () => target.printerName);
    },
  };
}

/**
 * The station's `openDrawerOnCash` has the last word: with it off (or no station yet), no print opens the
 * drawer, whatever the request says. With it on, the request decides, as `printRequestSchema` describes.
 */
export function applyDrawerSetting(job: PrintJob, station: Pick<StationConfig, 'openDrawerOnCash'> | null): PrintJob {
  return job.openDrawer && station?.openDrawerOnCash !== true ? { ...job, openDrawer: false } : job;
}

/** The part of Electron's `PrinterInfo` we read. `isDefault` is gone from Electron's type but read if present. */
export type PrinterInfoLike = { name: string; displayName: string; isDefault?: unknown };

/**
 * The printers `webContents.getPrintersAsync()` lists, reduced to what settings shows. A deadline, because
 * on some systems the query waits on unreachable network printers; a failure rejects, and `handle()` turns
 * it into `{ ok: false, error }` for the renderer.
 */
export async function listPrinters(getPrinters: () => Promise<PrinterInfoLike[]>, timeoutMs = 10_000): Promise<PrinterSummary[]> {
  const printers = await withDeadline(getPrinters(), timeoutMs, 'Listing the printers');
  return printers.map((p) => ({
    name: p.name,
    displayName: p.displayName.trim() === '' ? p.name : p.displayName,
    isDefault: p.isDefault === true,
  }));
}

/** Whether printing again could help, and what to tell the cashier. */
export function describePrintFailure(error: unknown, printerName: string): { canRetry: boolean; reason: string } {
  const message = messageOf(error);
  if (error instanceof PrintTimeoutError || /timed ?out/i.test(message)) {
    return { canRetry: true, reason: `The printer "${printerName}" did not answer in time. Check that it is on, has paper and is connected, then print again.` };
  }
  // Electron's words for an unknown deviceName, and for a machine without printers.
  if (/invalid device ?name|no printers? (?:are )?(?:available|found|installed)/i.test(message)) {
    return { canRetry: false, reason: `The printer "${printerName}" was not found on this computer. Choose the Receipt printer in Station settings (on the sign-in screen).` };
  }
  if (/invalid printer settings/i.test(message)) {
    return { canRetry: false, reason: `The printer "${printerName}" refused the print settings (${message}). Check the paper width in the station settings.` };
  }
  return { canRetry: true, reason: `Printing failed (${message}). Check the printer, then print again.` };
}

/** Rejects with PrintTimeoutError after `ms`; the late work is abandoned (its outcome is ignored, not unhandled). */
function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PrintTimeoutError(`${what} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

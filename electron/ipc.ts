/**
 * The only way into main from the counter: every `ipcMain.handle` goes through `handle`, which checks the
 * sender's frame, parses the payload with a zod schema and answers `{ ok: true, value } | { ok: false, error }`.
 * Nothing is thrown across IPC: Electron would turn a throw into a vague rejection in the renderer.
 */
import { z } from 'zod';
import type { BridgeResult, PrinterSummary, PrintResult } from '../shared/bridge/bridge';
import type { StationConfig } from '../shared/station';
import { CHANNELS } from './channels';
import { describeIssues, messageOf } from './errors';
import { printJobSchema, type PrintJob } from './printing';
import { originOf } from './protocol';

/** The part of Electron's `WebFrameMain` we read; null when the frame navigated away or was destroyed. */
export type SenderFrame = { readonly url: string } | null;
export type IsTrustedSender = (frame: SenderFrame) => boolean;

/** The part of an `IpcMainInvokeEvent` we read. */
export type InvokeEvent = { readonly senderFrame: SenderFrame };

/** The part of `ipcMain` we use; Electron's own fits. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEvent, payload: unknown) => Promise<unknown>): void;
}

export type Log = (message: string) => void;

export function handle<S extends z.ZodType, T>(
  ipcMain: IpcMainLike,
  channel: string,
  schema: S,
  fn: (input: z.output<S>) => T | Promise<T>,
  isTrustedSender: IsTrustedSender,
  log: Log = (message) => console.error(message),
): void {
  ipcMain.handle(channel, async (event, payload): Promise<BridgeResult<T>> => {
    if (!isTrustedSender(event.senderFrame)) {
      // Only the sender's origin is logged, never the payload: it may carry account numbers.
      log(`[ipc] ${channel}: refused a sender outside the app (${event.senderFrame ? originOf(event.senderFrame.url) : 'no frame'})`);
      return { ok: false, error: `${channel} is only answered to the counter's own page` };
    }
    const parsed = schema.safeParse(payload);
    if (!parsed.success) return { ok: false, error: describeIssues(parsed.error.issues) };
    try {
      return { ok: true, value: await fn(parsed.data) };
    } catch (error) {
      log(`[ipc] ${channel} failed: ${messageOf(error)}`);
      return { ok: false, error: `${channel} failed: ${messageOf(error)}` };
    }
  });
}

/** The counter's channels: the station's settings, printing, and the printer list and test page for settings. */
export function registerCounterHandlers(
  ipcMain: IpcMainLike,
  deps: {
    station: () => StationConfig;
    print: (job: PrintJob) => Promise<PrintResult>;
    printers: () => Promise<PrinterSummary[]>;
    testPage: () => Promise<PrintResult>;
    isTrustedSender: IsTrustedSender;
    log?: Log;
  },
): void {
  handle(ipcMain, CHANNELS.station, z.undefined(), () => deps.station(), deps.isTrustedSender, deps.log);
  handle(ipcMain, CHANNELS.print, printJobSchema, (job) => deps.print(job), deps.isTrustedSender, deps.log);
  handle(ipcMain, CHANNELS.printers, z.undefined(), () => deps.printers(), deps.isTrustedSender, deps.log);
  handle(ipcMain, CHANNELS.testPage, z.undefined(), () => deps.testPage(), deps.isTrustedSender, deps.log);
}

/**
 * The only way into main from the counter: every `ipcMain.handle` goes through `handle`, which checks the
 * sender's frame, parses the payload with a zod schema and answers `{ ok: true, value } | { ok: false, error }`.
 * Nothing is thrown across IPC: Electron would turn a throw into a vague rejection in the renderer.
 * Nothing of a payload is ever logged: payloads carry account numbers, and `counter:save-station` the token.
 */
import { z } from 'zod';
import {
  connectionTestSchema, stationSetupSchema, testPageTargetSchema,
  type BridgeResult, type CentralResponse, type ConnectionResult, type ConnectionTest, type PrinterSummary, type PrintResult, type StationLoad,
} from '../shared/bridge/bridge';
import { centralCallSchema, type CentralCall } from './central';
import { CHANNELS } from './channels';
import { journalMacRequestSchema } from './journal-key';
import { BridgeRefusal, describeIssues, messageOf } from './errors';
import { printJobSchema, type PrintJob, type TestPageTarget } from './printing';
import type { StationSetup } from './station';
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
      if (error instanceof BridgeRefusal) return { ok: false, error: error.message };
      log(`[ipc] ${channel} failed: ${messageOf(error)}`);
      return { ok: false, error: `${channel} failed: ${messageOf(error)}` };
    }
  });
}

/**
 * The counter's channels: the station's settings (read without the token, and saved by setup and settings,
 * where an empty token keeps the saved one), the connection test and the central proxy (main holds the token),
 * printing, the printer list and the test page (to the printer the form shows, saved or not), and the journal's
 * MAC (the key stays here).
 */
export function registerCounterHandlers(
  ipcMain: IpcMainLike,
  deps: {
    station: () => StationLoad;
    saveStation: (config: StationSetup) => Promise<StationLoad>;
    testConnection: (test: ConnectionTest) => Promise<ConnectionResult>;
    central: (request: CentralCall) => Promise<CentralResponse>;
    print: (job: PrintJob) => Promise<PrintResult>;
    printers: () => Promise<PrinterSummary[]>;
    testPage: (target: TestPageTarget) => Promise<PrintResult>;
    /** HMAC-SHA-256 (hex) of a journal message under the station's key, which stays in main. */
    journalMac: (message: string) => string;
    isTrustedSender: IsTrustedSender;
    log?: Log;
  },
): void {
  const on = <S extends z.ZodType, T>(channel: string, schema: S, fn: (input: z.output<S>) => T | Promise<T>) =>
    handle(ipcMain, channel, schema, fn, deps.isTrustedSender, deps.log);
  on(CHANNELS.station, z.undefined(), () => deps.station());
  on(CHANNELS.saveStation, stationSetupSchema, (config) => deps.saveStation(config));
  on(CHANNELS.testConnection, connectionTestSchema, (test) => deps.testConnection(test));
  on(CHANNELS.central, centralCallSchema, (request) => deps.central(request));
  on(CHANNELS.print, printJobSchema, (job) => deps.print(job));
  on(CHANNELS.printers, z.undefined(), () => deps.printers());
  on(CHANNELS.testPage, testPageTargetSchema, (target) => deps.testPage(target));
  on(CHANNELS.journalMac, journalMacRequestSchema, ({ message }) => deps.journalMac(message));
}

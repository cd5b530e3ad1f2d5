// The IPC helper with a fake ipcMain: sender check, payload parsing, results as data.
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { PrinterSummary, PrintRequest, PrintResult } from '../../../shared/bridge/bridge';
import type { StationConfig } from '../../../shared/station';
import { CHANNELS } from '../../../electron/channels';
import { handle, registerCounterHandlers, type InvokeEvent, type IpcMainLike, type IsTrustedSender } from '../../../electron/ipc';
import { isAppUrl } from '../../../electron/protocol';

type Listener = (event: InvokeEvent, payload: unknown) => Promise<unknown>;

function fakeIpcMain(): IpcMainLike & { invoke(channel: string, event: InvokeEvent, payload?: unknown): Promise<unknown>; channels(): string[] } {
  const handlers = new Map<string, Listener>();
  return {
    handle: (channel, listener) => void handlers.set(channel, listener),
    invoke: (channel, event, payload) => {
      const listener = handlers.get(channel);
      if (!listener) throw new Error(`no handler for ${channel}`);
      return listener(event, payload);
    },
    channels: () => [...handlers.keys()].sort(),
  };
}

const trusted: IsTrustedSender = (frame) => frame !== null && isAppUrl(frame.url);
const fromApp: InvokeEvent = { senderFrame: { url: 'app://counter/index.html' } };
const quiet = () => {};

const request: PrintRequest = { items: [{ type: 'text', value: 'Receipt' }], paperWidth: '80mm' };

describe('handle', () => {
  it.each([
    ['another origin', { senderFrame: { url: 'https://evil.example/' } }],
    ['a look-alike host', { senderFrame: { url: 'app://counter.evil/' } }],
    ['a file page', { senderFrame: { url: 'file:///tmp/index.html' } }],
    ['a destroyed frame', { senderFrame: null }],
  ])('refuses %s without calling the handler', async (_name, event: InvokeEvent) => {
    const ipcMain = fakeIpcMain();
    const fn = vi.fn(() => 'secret');
    const log = vi.fn();
    handle(ipcMain, 'counter:test', z.undefined(), fn, trusted, log);
    expect(await ipcMain.invoke('counter:test', event)).toEqual({ ok: false, error: "counter:test is only answered to the counter's own page" });
    expect(fn).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledOnce();
  });

  it('refuses a bad payload, naming the field', async () => {
    const ipcMain = fakeIpcMain();
    const fn = vi.fn();
    handle(ipcMain, 'counter:test', z.object({ paperWidth: z.enum(['80mm', '58mm']) }), fn, trusted, quiet);
    const result = await ipcMain.invoke('counter:test', fromApp, { paperWidth: '90mm' });
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/^paperWidth: /) });
    expect(fn).not.toHaveBeenCalled();
  });

  it('hands a good payload, parsed, to the handler and returns its value', async () => {
    const ipcMain = fakeIpcMain();
    handle(ipcMain, 'counter:test', z.object({ n: z.number().default(2) }), ({ n }) => n * 21, trusted, quiet);
    expect(await ipcMain.invoke('counter:test', fromApp, {})).toEqual({ ok: true, value: 42 });
  });

  it('turns a thrown error or a rejection into ok:false, and logs it', async () => {
    const ipcMain = fakeIpcMain();
    const log = vi.fn();
    handle(ipcMain, 'counter:sync', z.undefined(), () => { throw new Error('boom'); }, trusted, log);
    handle(ipcMain, 'counter:async', z.undefined(), () => Promise.reject(new Error('late boom')), trusted, log);
    expect(await ipcMain.invoke('counter:sync', fromApp)).toEqual({ ok: false, error: 'counter:sync failed: boom' });
    expect(await ipcMain.invoke('counter:async', fromApp)).toEqual({ ok: false, error: 'counter:async failed: late boom' });
    expect(log).toHaveBeenCalledTimes(2);
  });
});

describe('registerCounterHandlers', () => {
  const config: StationConfig = {
    stationId: 'wic-1', stationName: 'Walk-in window 1', centralUrl: 'http://127.0.0.1:8787',
    token: 'station-token', profileId: 'pwb', paperWidth: '80mm', printerName: 'TM-T20',
  };

  const printerList: PrinterSummary[] = [{ name: 'EPSON_TM_T20III', displayName: 'EPSON TM-T20III', isDefault: false }];

  function setup(overrides: { printers?: () => Promise<PrinterSummary[]>; testPage?: () => Promise<PrintResult> } = {}) {
    const ipcMain = fakeIpcMain();
    const print = vi.fn(() => Promise.resolve({ ok: true } as const));
    const printers = vi.fn(overrides.printers ?? (() => Promise.resolve(printerList)));
    const testPage = vi.fn(overrides.testPage ?? (() => Promise.resolve({ ok: true } as const)));
    registerCounterHandlers(ipcMain, { station: () => config, print, printers, testPage, isTrustedSender: trusted, log: quiet });
    return { ipcMain, print, printers, testPage };
  }

  it('registers exactly the four channels', () => {
    expect(setup().ipcMain.channels()).toEqual([CHANNELS.print, CHANNELS.printers, CHANNELS.station, CHANNELS.testPage].sort());
  });

  it('answers counter:printers with the list, and reports a failure to list them as data', async () => {
    expect(await setup().ipcMain.invoke(CHANNELS.printers, fromApp)).toEqual({ ok: true, value: printerList });
    const failing = setup({ printers: () => Promise.reject(new Error('print backend crashed')) });
    expect(await failing.ipcMain.invoke(CHANNELS.printers, fromApp)).toEqual({ ok: false, error: 'counter:printers failed: print backend crashed' });
  });

  it('answers counter:test-page with the print result, failure included', async () => {
    const { ipcMain, testPage } = setup({ testPage: () => Promise.resolve({ ok: false, canRetry: true, reason: 'out of paper' }) });
    expect(await ipcMain.invoke(CHANNELS.testPage, fromApp)).toEqual({ ok: true, value: { ok: false, canRetry: true, reason: 'out of paper' } });
    expect(testPage).toHaveBeenCalledOnce();
  });

  it.each([CHANNELS.printers, CHANNELS.testPage])('%s takes no payload and answers only the app', async (channel) => {
    const { ipcMain, printers, testPage } = setup();
    expect(await ipcMain.invoke(channel, fromApp, { printerName: 'elsewhere' })).toMatchObject({ ok: false });
    expect(await ipcMain.invoke(channel, { senderFrame: { url: 'https://evil.example/' } })).toMatchObject({ ok: false });
    expect(printers).not.toHaveBeenCalled();
    expect(testPage).not.toHaveBeenCalled();
  });

  it('passes openDrawer through only as the request says', async () => {
    const { ipcMain, print } = setup();
    await ipcMain.invoke(CHANNELS.print, fromApp, { ...request, openDrawer: true });
    await ipcMain.invoke(CHANNELS.print, fromApp, request);
    expect(print.mock.calls.map((call: unknown[]) => (call[0] as { openDrawer: boolean }).openDrawer)).toEqual([true, false]);
  });

  it('answers counter:station with the config, and refuses a payload it does not take', async () => {
    const { ipcMain } = setup();
    expect(await ipcMain.invoke(CHANNELS.station, fromApp)).toEqual({ ok: true, value: config });
    expect(await ipcMain.invoke(CHANNELS.station, fromApp, { stationId: 'x' })).toMatchObject({ ok: false });
  });

  it('passes a print request with its defaults filled in', async () => {
    const { ipcMain, print } = setup();
    expect(await ipcMain.invoke(CHANNELS.print, fromApp, request)).toEqual({ ok: true, value: { ok: true } });
    expect(print).toHaveBeenCalledWith({ ...request, copies: 1, openDrawer: false });
  });

  it("refuses paperWidth '90mm' by name", async () => {
    const { ipcMain, print } = setup();
    const result = await ipcMain.invoke(CHANNELS.print, fromApp, { ...request, paperWidth: '90mm' });
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/^paperWidth: /) });
    expect(print).not.toHaveBeenCalled();
  });

  it('refuses markup that would run in the printer window', async () => {
    const { ipcMain, print } = setup();
    const result = await ipcMain.invoke(CHANNELS.print, fromApp, { ...request, items: [{ type: 'text', value: '<img src=x onerror="require(`child_process`)">' }] });
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/^items\.0\.value: only <span>/) });
    expect(print).not.toHaveBeenCalled();
  });

  it('refuses a print from a foreign frame', async () => {
    const { ipcMain, print } = setup();
    expect(await ipcMain.invoke(CHANNELS.print, { senderFrame: { url: 'http://localhost:5173/' } }, request)).toMatchObject({ ok: false });
    expect(print).not.toHaveBeenCalled();
  });
});

// The IPC helper with a fake ipcMain: sender check, payload parsing, results as data.
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { NO_TOKEN_TO_KEEP, type CentralResponse, type ConnectionResult, type PrinterSummary, type PrintRequest, type PrintResult, type StationLoad } from '../../../shared/bridge/bridge';
import type { TestPageTarget } from '../../../electron/printing';
import { withKeptToken, type StationSetup } from '../../../electron/station';
import { stationView, type StationConfig } from '../../../shared/station';
import { CHANNELS } from '../../../electron/channels';
import { BridgeRefusal } from '../../../electron/errors';
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

  it('passes a BridgeRefusal through as it is, without a prefix or a log line', async () => {
    const ipcMain = fakeIpcMain();
    const log = vi.fn();
    handle(ipcMain, 'counter:test', z.undefined(), () => Promise.reject(new BridgeRefusal('Central cannot be reached (ECONNREFUSED)')), trusted, log);
    expect(await ipcMain.invoke('counter:test', fromApp)).toEqual({ ok: false, error: 'Central cannot be reached (ECONNREFUSED)' });
    expect(log).not.toHaveBeenCalled();
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
    token: 'station-token', profileId: 'pwb', paperWidth: '80mm', printerName: 'TM-T20', openDrawerOnCash: true, kiosk: false, plainTokenAccepted: false,
  };
  const loaded: StationLoad = { station: stationView(config), problem: null };
  const foreign: InvokeEvent = { senderFrame: { url: 'https://evil.example/' } };

  const printerList: PrinterSummary[] = [{ name: 'EPSON_TM_T20III', displayName: 'EPSON TM-T20III', isDefault: false }];

  function setup(overrides: { printers?: () => Promise<PrinterSummary[]>; testPage?: (target: TestPageTarget) => Promise<PrintResult>; central?: () => Promise<CentralResponse> } = {}) {
    const ipcMain = fakeIpcMain();
    const print = vi.fn(() => Promise.resolve({ ok: true } as const));
    const printers = vi.fn(overrides.printers ?? (() => Promise.resolve(printerList)));
    const testPage = vi.fn(overrides.testPage ?? ((_target: TestPageTarget) => Promise.resolve<PrintResult>({ ok: true })));
    const station = vi.fn(() => loaded);
    const saveStation = vi.fn((saved: StationSetup) => Promise.resolve<StationLoad>({ station: stationView(saved), problem: null }));
    const testConnection = vi.fn(() => Promise.resolve<ConnectionResult>({ ok: true, message: 'Connected: central 1.0.0 on pglite' }));
    const central = vi.fn(overrides.central ?? (() => Promise.resolve<CentralResponse>({ status: 200, body: { ok: true } })));
    const journalMac = vi.fn((message: string) => `mac of ${message}`);
    registerCounterHandlers(ipcMain, { station, saveStation, testConnection, central, print, printers, testPage, journalMac, isTrustedSender: trusted, log: quiet });
    return { ipcMain, print, printers, testPage, station, saveStation, testConnection, central, journalMac };
  }

  it('registers exactly the eight channels of the bridge', () => {
    expect(setup().ipcMain.channels()).toEqual(Object.values(CHANNELS).sort());
    expect(Object.values(CHANNELS)).toHaveLength(8);
  });

  it('answers counter:journal-mac with main\'s MAC of the message, and refuses a payload without one, naming the field', async () => {
    const { ipcMain, journalMac } = setup();
    expect(await ipcMain.invoke(CHANNELS.journalMac, fromApp, { message: '1|000|{}' })).toEqual({ ok: true, value: 'mac of 1|000|{}' });
    const refused = (await ipcMain.invoke(CHANNELS.journalMac, fromApp, { text: 'x' })) as { ok: boolean; error: string };
    expect(refused.ok).toBe(false);
    expect(refused.error).toContain('message');
    expect(journalMac).toHaveBeenCalledTimes(1);
  });

  it('answers every channel to the app only: a foreign sender reaches no handler', async () => {
    const fake = setup();
    for (const channel of Object.values(CHANNELS)) {
      expect(await fake.ipcMain.invoke(channel, foreign, undefined)).toEqual({ ok: false, error: `${channel} is only answered to the counter's own page` });
    }
    for (const fn of [fake.station, fake.saveStation, fake.testConnection, fake.central, fake.print, fake.printers, fake.testPage, fake.journalMac]) {
      expect(fn).not.toHaveBeenCalled();
    }
  });

  describe('counter:station', () => {
    it('answers the station without its token, and refuses a payload it does not take', async () => {
      const { ipcMain } = setup();
      const answer = await ipcMain.invoke(CHANNELS.station, fromApp);
      expect(answer).toEqual({ ok: true, value: loaded });
      expect(JSON.stringify(answer)).not.toContain('station-token');
      expect(await ipcMain.invoke(CHANNELS.station, fromApp, { stationId: 'x' })).toMatchObject({ ok: false });
    });
  });

  describe('counter:save-station', () => {
    it('saves good settings, with the schema defaults filled in, and answers the new station', async () => {
      const { ipcMain, saveStation } = setup();
      const { openDrawerOnCash: _o, kiosk: _k, paperWidth: _p, printerName: _n, ...input } = config;
      const answer = await ipcMain.invoke(CHANNELS.saveStation, fromApp, input);
      expect(saveStation).toHaveBeenCalledWith({ ...input, paperWidth: '80mm', printerName: '', openDrawerOnCash: true, kiosk: false });
      expect(answer).toMatchObject({ ok: true, value: { station: { stationId: 'wic-1', kiosk: false }, problem: null } });
    });

    it.each([
      ['a non-http central URL', { centralUrl: 'file:///etc/passwd' }, /^centralUrl: must be an http/],
      ['a short token', { token: 'short' }, /^token: must be the station token/],
      ['a bad paper width', { paperWidth: '90mm' }, /^paperWidth: /],
      ['a kiosk flag that is not a boolean', { kiosk: 'yes' }, /^kiosk: /],
    ])('refuses %s by field, saving nothing', async (_name, change, error) => {
      const { ipcMain, saveStation } = setup();
      expect(await ipcMain.invoke(CHANNELS.saveStation, fromApp, { ...config, ...change })).toEqual({ ok: false, error: expect.stringMatching(error) });
      expect(saveStation).not.toHaveBeenCalled();
    });

    it('passes an empty token on (the store keeps the saved one), and answers its refusal as it stands', async () => {
      const { ipcMain, saveStation } = setup();
      await ipcMain.invoke(CHANNELS.saveStation, fromApp, { ...config, token: '' });
      expect(saveStation).toHaveBeenCalledWith({ ...config, token: '' });

      const ipcMain2 = fakeIpcMain();
      registerCounterHandlers(ipcMain2, {
        station: () => loaded, saveStation: (input) => Promise.resolve(withKeptToken(input, null)).then(() => loaded),
        testConnection: vi.fn(), central: vi.fn(), print: vi.fn(), printers: vi.fn(), testPage: vi.fn(), journalMac: vi.fn(), isTrustedSender: trusted, log: quiet,
      });
      expect(await ipcMain2.invoke(CHANNELS.saveStation, fromApp, { ...config, token: '' })).toEqual({ ok: false, error: NO_TOKEN_TO_KEEP });
    });

    it('reports a failed write as data', async () => {
      const ipcMain = fakeIpcMain();
      registerCounterHandlers(ipcMain, {
        station: () => loaded, saveStation: () => Promise.reject(new Error('EACCES: permission denied')),
        testConnection: vi.fn(), central: vi.fn(), print: vi.fn(), printers: vi.fn(), testPage: vi.fn(), journalMac: vi.fn(), isTrustedSender: trusted, log: quiet,
      });
      expect(await ipcMain.invoke(CHANNELS.saveStation, fromApp, config)).toEqual({ ok: false, error: 'counter:save-station failed: EACCES: permission denied' });
    });
  });

  describe('counter:test-connection', () => {
    it('tests a good address and token', async () => {
      const { ipcMain, testConnection } = setup();
      const test = { centralUrl: 'https://central.example.org', token: 'station-token' };
      expect(await ipcMain.invoke(CHANNELS.testConnection, fromApp, test)).toEqual({ ok: true, value: { ok: true, message: 'Connected: central 1.0.0 on pglite' } });
      expect(testConnection).toHaveBeenCalledWith(test);
    });

    it('passes an empty token on, to test the saved one', async () => {
      const { ipcMain, testConnection } = setup();
      await ipcMain.invoke(CHANNELS.testConnection, fromApp, { centralUrl: 'https://central.example.org', token: '' });
      expect(testConnection).toHaveBeenCalledWith({ centralUrl: 'https://central.example.org', token: '' });
    });

    it.each([
      ['a non-http central URL', { centralUrl: 'ftp://central.example.org', token: 'station-token' }, /^centralUrl: /],
      ['a javascript: URL', { centralUrl: 'javascript:alert(1)', token: 'station-token' }, /^centralUrl: /],
      ['no token', { centralUrl: 'https://central.example.org' }, /^token: /],
      ['no payload', undefined, /\(whole value\)/],
    ])('refuses %s', async (_name, payload, error) => {
      const { ipcMain, testConnection } = setup();
      expect(await ipcMain.invoke(CHANNELS.testConnection, fromApp, payload)).toEqual({ ok: false, error: expect.stringMatching(error) });
      expect(testConnection).not.toHaveBeenCalled();
    });
  });

  describe('counter:central', () => {
    it('passes a good request to the proxy and answers its status and body', async () => {
      const { ipcMain, central } = setup({ central: () => Promise.resolve({ status: 404, body: { error: 'no such account' } }) });
      const request = { method: 'GET', path: '/v1/accounts/pwb/1000000001' };
      expect(await ipcMain.invoke(CHANNELS.central, fromApp, request)).toEqual({ ok: true, value: { status: 404, body: { error: 'no such account' } } });
      expect(central).toHaveBeenCalledWith(request);
    });

    it('answers a network failure as ok:false with the proxy\'s words', async () => {
      const { ipcMain } = setup({ central: () => Promise.reject(new BridgeRefusal('Central cannot be reached (fetch failed)')) });
      expect(await ipcMain.invoke(CHANNELS.central, fromApp, { method: 'GET', path: '/v1/health' })).toEqual({ ok: false, error: 'Central cannot be reached (fetch failed)' });
    });

    it.each([
      ['a path outside /v1/', { method: 'GET', path: '/admin' }, /^path: must be a \/v1\/ path/],
      ['a dot segment', { method: 'GET', path: '/v1/../admin' }, /^path: /],
      ['an encoded dot segment', { method: 'GET', path: '/v1/%2e%2e/admin' }, /^path: /],
      ['an absolute URL', { method: 'GET', path: 'https://evil.example/v1/' }, /^path: /],
      ['DELETE', { method: 'DELETE', path: '/v1/payments' }, /^method: /],
      ['a body on a GET', { method: 'GET', path: '/v1/health', body: { x: 1 } }, /^body: a GET carries no body/],
    ])('refuses %s', async (_name, request, error) => {
      const { ipcMain, central } = setup();
      expect(await ipcMain.invoke(CHANNELS.central, fromApp, request)).toEqual({ ok: false, error: expect.stringMatching(error) });
      expect(central).not.toHaveBeenCalled();
    });
  });

  it('answers counter:printers with the list, and reports a failure to list them as data', async () => {
    expect(await setup().ipcMain.invoke(CHANNELS.printers, fromApp)).toEqual({ ok: true, value: printerList });
    const failing = setup({ printers: () => Promise.reject(new Error('print backend crashed')) });
    expect(await failing.ipcMain.invoke(CHANNELS.printers, fromApp)).toEqual({ ok: false, error: 'counter:printers failed: print backend crashed' });
  });

  describe('counter:test-page', () => {
    const target = { printerName: 'EPSON_TM_T20III', paperWidth: '58mm', stationName: 'Window 3' };

    it('prints to the target the form shows, parsed, and answers the print result, failure included', async () => {
      const { ipcMain, testPage } = setup({ testPage: () => Promise.resolve({ ok: false, canRetry: true, reason: 'out of paper' }) });
      expect(await ipcMain.invoke(CHANNELS.testPage, fromApp, target)).toEqual({ ok: true, value: { ok: false, canRetry: true, reason: 'out of paper' } });
      expect(testPage).toHaveBeenCalledExactlyOnceWith(target);
    });

    it('fills in the schema defaults (an unsaved form may send no printer yet)', async () => {
      const { ipcMain, testPage } = setup();
      await ipcMain.invoke(CHANNELS.testPage, fromApp, { stationName: 'Window 3' });
      expect(testPage).toHaveBeenCalledWith({ printerName: '', paperWidth: '80mm', stationName: 'Window 3' });
    });

    it.each([
      ['no payload', undefined, /\(whole value\)/],
      ['a bad paper width', { ...target, paperWidth: '90mm' }, /^paperWidth: /],
      ['no station name', { ...target, stationName: '' }, /^stationName: /],
      ['a printer name that is not text', { ...target, printerName: 42 }, /^printerName: /],
    ])('refuses %s by field, printing nothing', async (_name, payload, error) => {
      const { ipcMain, testPage } = setup();
      expect(await ipcMain.invoke(CHANNELS.testPage, fromApp, payload)).toEqual({ ok: false, error: expect.stringMatching(error) });
      expect(testPage).not.toHaveBeenCalled();
    });

    it('refuses a foreign sender', async () => {
      const { ipcMain, testPage } = setup();
      expect(await ipcMain.invoke(CHANNELS.testPage, foreign, target)).toEqual({ ok: false, error: "counter:test-page is only answered to the counter's own page" });
      expect(testPage).not.toHaveBeenCalled();
    });
  });

  it('counter:printers takes no payload', async () => {
    const { ipcMain, printers } = setup();
    expect(await ipcMain.invoke(CHANNELS.printers, fromApp, { printerName: 'elsewhere' })).toMatchObject({ ok: false });
    expect(printers).not.toHaveBeenCalled();
  });

  it('passes openDrawer through only as the request says', async () => {
    const { ipcMain, print } = setup();
    await ipcMain.invoke(CHANNELS.print, fromApp, { ...request, openDrawer: true });
    await ipcMain.invoke(CHANNELS.print, fromApp, request);
    expect(print.mock.calls.map((call: unknown[]) => (call[0] as { openDrawer: boolean }).openDrawer)).toEqual([true, false]);
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

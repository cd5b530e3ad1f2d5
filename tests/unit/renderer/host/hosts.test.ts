// Both hosts' station settings: an empty token keeps the saved one (the renderer never sees it), and the test page.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NO_TOKEN_TO_KEEP, type CounterBridge, type StationSetupInput } from '../../../../shared/bridge/bridge';
import type { StationConfig } from '../../../../shared/station';
import { browserHost } from '../../../../renderer/src/host/browser';
import { electronHost } from '../../../../renderer/src/host/electron';

const TOKEN = 'saved-station-token';
const saved: StationConfig = {
  stationId: 'wic-1', stationName: 'Window 1', centralUrl: 'http://central.test', token: TOKEN, profileId: 'pwb',
  paperWidth: '80mm', printerName: '', openDrawerOnCash: true, kiosk: false,
  plainTokenAccepted: false,
};
const { token: _token, ...view } = saved;
const KEY = 'counter.station';

function memoryStorage(initial: Record<string, string> = {}): Storage & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    get length() { return data.size; },
    clear: () => data.clear(),
    getItem: (key) => data.get(key) ?? null,
    key: (i) => [...data.keys()][i] ?? null,
    removeItem: (key) => void data.delete(key),
    setItem: (key, value) => void data.set(key, value),
  };
}

type Call = { url: string; authorization: string | null };

/** A central that is healthy and accepts only `accepted`; /station.json answers `station` (404 when null). */
function fakeFetch(station: unknown, accepted = TOKEN) {
  const calls: Call[] = [];
  const fetch = vi.fn(async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input);
    const authorization = new Headers(init?.headers).get('Authorization');
    calls.push({ url, authorization });
    if (url === '/station.json') return station === null ? new Response('', { status: 404 }) : Response.json(station);
    if (url.endsWith('/v1/health')) return Response.json({ ok: true, version: 'v1', database: 'pglite' });
    if (authorization !== `Bearer ${accepted}`) return new Response('{}', { status: 401 });
    return Response.json({ stationId: 'station-1', utility: 'pwb' });
  });
  vi.stubGlobal('fetch', fetch);
  return { fetch, calls };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('browser host: station settings', () => {
  it('saves with an empty token, keeping the token it loaded from /station.json', async () => {
    fakeFetch(saved);
    const storage = memoryStorage();
    const host = browserHost(storage);
    expect(await host.loadStation()).toEqual({ station: view, problem: null });
    expect(await host.saveStation({ ...view, stationName: 'Window 3', token: '' })).toEqual({ ok: true });
    expect(JSON.parse(storage.getItem(KEY) ?? 'null')).toEqual({ ...saved, stationName: 'Window 3' });
    // The next start reads it back, token and all.
    expect(await browserHost(storage).loadStation()).toEqual({ station: { ...view, stationName: 'Window 3' }, problem: null });
  });

  it('saves a token that was typed in place of the stored one', async () => {
    fakeFetch(null);
    const storage = memoryStorage({ [KEY]: JSON.stringify(saved) });
    const host = browserHost(storage);
    await host.loadStation();
    expect(await host.saveStation({ ...view, token: 'a-new-station-token' })).toEqual({ ok: true });
    expect(JSON.parse(storage.getItem(KEY) ?? 'null')).toMatchObject({ token: 'a-new-station-token' });
  });

  it('with no station (first run), refuses an empty token naming "Station token", and stores nothing', async () => {
    fakeFetch(null);
    const storage = memoryStorage();
    const host = browserHost(storage);
    expect(await host.loadStation()).toEqual({ station: null, problem: null });
    expect(await host.saveStation({ ...view, token: '' } satisfies StationSetupInput)).toEqual({ ok: false, error: NO_TOKEN_TO_KEEP });
    expect(storage.data.size).toBe(0);
  });

  it('refuses a short token by field, as setup does', async () => {
    fakeFetch(saved);
    const host = browserHost(memoryStorage());
    await host.loadStation();
    expect(await host.saveStation({ ...view, token: 'short' })).toEqual({ ok: false, error: expect.stringMatching(/^token: must be the station token/) });
  });

  it('tests the connection with the stored token when the field is empty', async () => {
    const { calls } = fakeFetch(saved);
    const host = browserHost(memoryStorage());
    await host.loadStation();
    expect(await host.testConnection({ centralUrl: 'http://central.test', token: '' })).toEqual({ ok: true, message: 'Connected: central v1 on pglite' });
    expect(calls.at(-1)).toEqual({ url: 'http://central.test/v1/station', authorization: `Bearer ${TOKEN}` });
    expect(await host.testConnection({ centralUrl: 'http://central.test', token: 'not-the-token' })).toMatchObject({ ok: false, message: expect.stringMatching(/^Station token: central refused it/) });
  });

  it('does not send the stored token to another central, by a test or a save', async () => {
    const { calls } = fakeFetch(saved);
    const storage = memoryStorage();
    const host = browserHost(storage);
    await host.loadStation();
    const refusal = expect.stringMatching(/^Station token: the saved token is only sent to http:\/\/central\.test; enter the token/);
    expect(await host.testConnection({ centralUrl: 'http://elsewhere.test', token: '' })).toEqual({ ok: false, message: refusal });
    expect(await host.saveStation({ ...view, centralUrl: 'http://elsewhere.test', token: '' })).toEqual({ ok: false, error: refusal });
    expect(calls.filter((c) => c.url.startsWith('http://elsewhere.test'))).toEqual([]);
    expect(storage.data.size).toBe(0);
  });

  it('with no stored token, says so for an empty field without calling central', async () => {
    const { calls } = fakeFetch(null);
    const host = browserHost(memoryStorage());
    await host.loadStation();
    expect(await host.testConnection({ centralUrl: 'http://central.test', token: '' })).toEqual({ ok: false, message: NO_TOKEN_TO_KEEP });
    expect(calls.filter((c) => c.url.startsWith('http://central.test'))).toEqual([]);
  });

  it('has no printer: the test page is the preview on screen', async () => {
    expect(await browserHost(memoryStorage()).testPage({ printerName: '', paperWidth: '58mm', stationName: 'Window 1' })).toEqual({ ok: true });
  });
});

describe('electron host', () => {
  function bridge(overrides: Partial<CounterBridge> = {}): CounterBridge {
    const unused = () => Promise.reject(new Error('not in this test'));
    return { station: unused, saveStation: unused, testConnection: unused, central: unused, print: unused, printers: unused, testPage: unused, journalMac: unused, ...overrides };
  }

  it("sends the test page's target to main and answers the print result", async () => {
    const testPage = vi.fn<CounterBridge['testPage']>(async () => ({ ok: true, value: { ok: false, canRetry: true, reason: 'out of paper' } }));
    const host = electronHost(bridge({ testPage }));
    const target = { printerName: 'TM-T20', paperWidth: '58mm', stationName: 'Window 3' } as const;
    expect(await host.testPage(target)).toEqual({ ok: false, canRetry: true, reason: 'out of paper' });
    expect(testPage).toHaveBeenCalledWith(target);
  });

  it('turns a refused payload into a failure that a retry will not mend', async () => {
    const host = electronHost(bridge({ testPage: async () => ({ ok: false, error: 'paperWidth: Invalid option' }) }));
    expect(await host.testPage({ printerName: 'TM-T20', paperWidth: '80mm', stationName: 'W' })).toEqual({ ok: false, canRetry: false, reason: 'paperWidth: Invalid option' });
  });

  it('passes an empty token to main, which keeps the saved one, and shows its refusal', async () => {
    const saveStation = vi.fn<CounterBridge['saveStation']>(async () => ({ ok: false, error: NO_TOKEN_TO_KEEP }));
    const testConnection = vi.fn<CounterBridge['testConnection']>(async () => ({ ok: false, error: NO_TOKEN_TO_KEEP }));
    const host = electronHost(bridge({ saveStation, testConnection }));
    expect(await host.saveStation({ ...view, token: '' })).toEqual({ ok: false, error: NO_TOKEN_TO_KEEP });
    expect(saveStation).toHaveBeenCalledWith({ ...view, token: '' });
    expect(await host.testConnection({ centralUrl: 'http://central.test', token: '' })).toEqual({ ok: false, message: NO_TOKEN_TO_KEEP });
    expect(testConnection).toHaveBeenCalledWith({ centralUrl: 'http://central.test', token: '' });
  });
});

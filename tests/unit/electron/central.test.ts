// Central from main: the proxy (bearer header added here, network failures mapped, nothing logged but reachability)
// and the setup screen's connection test; with a fake fetch, then with Node's fetch against a local HTTP server.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { centralCallSchema, createCentralProxy, describeNetworkError, testCentralConnection, type FetchInit, type FetchLike } from '../../../electron/central';
import { BridgeRefusal } from '../../../electron/errors';

const TOKEN = 'station-token-0123456789';
const target = { centralUrl: 'https://central.example.org/', token: TOKEN };
const HEALTH = { ok: true, version: '1.4.0', database: 'postgres' };

function answer(status: number, body: unknown) {
  return { status, ok: status >= 200 && status < 300, text: () => Promise.resolve(typeof body === 'string' ? body : JSON.stringify(body)) };
}

function fakeFetch(respond: (url: string, init: FetchInit) => ReturnType<typeof answer> | Promise<ReturnType<typeof answer>>) {
  return vi.fn<FetchLike>(async (url, init) => respond(url, init));
}

describe('the central proxy', () => {
  it('calls central at the station URL with the bearer token and the JSON body, and answers status and parsed body', async () => {
    const fetch = fakeFetch(() => answer(200, { results: [] }));
    const proxy = createCentralProxy({ fetch, getTarget: () => target, log: vi.fn() });
    const response = await proxy({ method: 'POST', path: '/v1/payments', body: { payments: [] } });
    expect(response).toEqual({ status: 200, body: { results: [] } });
    const [url, init] = fetch.mock.calls[0] ?? [];
    expect(url).toBe('https://central.example.org/v1/payments');
    expect(init).toMatchObject({
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json', Accept: 'application/json' },
      body: '{"payments":[]}',
      redirect: 'error',
    });
    expect(init?.signal).toBeInstanceOf(AbortSignal);
  });

  it('sends a GET without a body or content type, and keeps a path prefix of the central URL', async () => {
    const fetch = fakeFetch(() => answer(404, { error: 'not found' }));
    const proxy = createCentralProxy({ fetch, getTarget: () => ({ centralUrl: 'https://host.example/counter', token: TOKEN }), log: vi.fn() });
    expect(await proxy({ method: 'GET', path: '/v1/accounts/pwb/1000000001' })).toEqual({ status: 404, body: { error: 'not found' } });
    const [url, init] = fetch.mock.calls[0] ?? [];
    expect(url).toBe('https://host.example/counter/v1/accounts/pwb/1000000001');
    expect(init).not.toHaveProperty('body');
    expect(init?.headers).not.toHaveProperty('Content-Type');
  });

  it('answers a body that is not JSON as null, with its status (the renderer decides what a 502 page means)', async () => {
    const proxy = createCentralProxy({ fetch: fakeFetch(() => answer(502, '<html>Bad gateway</html>')), getTarget: () => target, log: vi.fn() });
    expect(await proxy({ method: 'GET', path: '/v1/health' })).toEqual({ status: 502, body: null });
  });

  it('reads the token at each call, so a station saved by setup applies at once', async () => {
    let current = target;
    const fetch = fakeFetch(() => answer(200, {}));
    const proxy = createCentralProxy({ fetch, getTarget: () => current, log: vi.fn() });
    await proxy({ method: 'GET', path: '/v1/health' });
    current = { centralUrl: 'http://10.0.0.9:8787', token: 'new-token-abcdefgh' };
    await proxy({ method: 'GET', path: '/v1/health' });
    expect(fetch.mock.calls.map(([url, init]) => [url, init.headers.Authorization])).toEqual([
      ['https://central.example.org/v1/health', `Bearer ${TOKEN}`],
      ['http://10.0.0.9:8787/v1/health', 'Bearer new-token-abcdefgh'],
    ]);
  });

  it('maps a network failure to a BridgeRefusal "Central cannot be reached (...)", with the cause', async () => {
    const failure = new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 10.0.0.9:8787') });
    const proxy = createCentralProxy({ fetch: fakeFetch(() => Promise.reject(failure)), getTarget: () => target, log: vi.fn() });
    const error = await proxy({ method: 'GET', path: '/v1/health' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BridgeRefusal);
    expect((error as Error).message).toBe('Central cannot be reached (fetch failed: connect ECONNREFUSED 10.0.0.9:8787)');
  });

  it('gives up at the deadline even when fetch ignores the signal, and aborts the signal', async () => {
    let seen: AbortSignal | undefined;
    const fetch = fakeFetch((_url, init) => {
      seen = init.signal;
      return new Promise(() => {}); // never answers, never looks at the signal
    });
    const proxy = createCentralProxy({ fetch, getTarget: () => target, timeoutMs: 30, log: vi.fn() });
    await expect(proxy({ method: 'GET', path: '/v1/health' })).rejects.toThrow('Central cannot be reached (no answer within 0.03 s)');
    expect(seen?.aborted).toBe(true);
  });

  it('refuses before setup: there is no token to call with', async () => {
    const fetch = fakeFetch(() => answer(200, {}));
    const proxy = createCentralProxy({ fetch, getTarget: () => null, log: vi.fn() });
    await expect(proxy({ method: 'GET', path: '/v1/health' })).rejects.toThrow(BridgeRefusal);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('logs when central becomes unreachable and when it is back, once each, and never the path or token', async () => {
    const log = vi.fn();
    let up = false;
    const fetch = fakeFetch(() => (up ? answer(200, {}) : Promise.reject(new TypeError('fetch failed'))));
    const proxy = createCentralProxy({ fetch, getTarget: () => target, log });
    const call = () => proxy({ method: 'GET', path: '/v1/accounts/pwb/1000000001' }).catch(() => undefined);
    await call();
    await call();
    up = true;
    await call();
    await call();
    expect(log.mock.calls).toEqual([['[central] cannot be reached: fetch failed'], ['[central] reachable again']]);
    expect(JSON.stringify(log.mock.calls)).not.toMatch(/1000000001|station-token/);
  });
});

describe('centralCallSchema', () => {
  it.each([
    { method: 'GET', path: '/v1/health' },
    { method: 'GET', path: '/v1/accounts/pwb?after=0&limit=1000' },
    { method: 'POST', path: '/v1/voids', body: { voids: [] } },
  ])('accepts %j', (request) => {
    expect(centralCallSchema.safeParse(request).success).toBe(true);
  });
  it.each([
    { method: 'DELETE', path: '/v1/payments' },
    { method: 'GET', path: '/admin' },
    { method: 'GET', path: '/v1/../admin' },
    { method: 'GET', path: '/v1/./health' },
    { method: 'GET', path: '/v1/%2E%2e/admin' },
    { method: 'GET', path: '/v1//health' },
    { method: 'GET', path: '//evil.example/v1/' },
    { method: 'GET', path: '/v1/health', body: {} },
  ])('refuses %j', (request) => {
    expect(centralCallSchema.safeParse(request).success).toBe(false);
  });
});

describe('testCentralConnection', () => {
  const test = { centralUrl: 'https://central.example.org/', token: TOKEN };

  it('says connected when health answers and the token is this station\'s at this utility', async () => {
    const fetch = fakeFetch((url) => (url.endsWith('/v1/health') ? answer(200, HEALTH) : answer(200, { stationId: 'station-7', utility: 'wes' })));
    expect(await testCentralConnection(test, { fetch })).toEqual({ ok: true, message: 'Connected: central 1.4.0 on postgres' });
    expect(await testCentralConnection({ ...test, stationId: 'station-7', profileId: 'wes' }, { fetch })).toEqual({ ok: true, message: 'Connected: central 1.4.0 on postgres' });
    expect(fetch.mock.calls.slice(0, 2).map(([url, init]) => [url, init.headers.Authorization ?? null])).toEqual([
      ['https://central.example.org/v1/health', null],
      ['https://central.example.org/v1/station', `Bearer ${TOKEN}`],
    ]);
  });

  it("says which field is wrong when the token is another station's, or another utility's", async () => {
    const fetch = fakeFetch((url) => (url.endsWith('/v1/health') ? answer(200, HEALTH) : answer(200, { stationId: 'station-7', utility: 'wes' })));
    expect(await testCentralConnection({ ...test, stationId: 'station-8', profileId: 'wes' }, { fetch })).toEqual({
      ok: false,
      message: 'Station ID: central issued this token to station station-7; enter station-7, or the token issued for station-8',
    });
    expect(await testCentralConnection({ ...test, stationId: 'station-7', profileId: 'pwb' }, { fetch })).toEqual({
      ok: false,
      message: "Utility profile: this token's station is at utility wes; choose that profile, or use a token issued for pwb",
    });
  });

  it('says the token was refused on 401', async () => {
    const fetch = fakeFetch((url) => (url.endsWith('/v1/health') ? answer(200, HEALTH) : answer(401, { error: 'bad token' })));
    expect(await testCentralConnection(test, { fetch })).toEqual({
      ok: false,
      message: 'Station token: central refused it; check the token central issued for this station',
    });
  });

  it('says when something answered that is not a counter central service', async () => {
    const fetch = fakeFetch(() => answer(200, '<html>router login</html>'));
    expect(await testCentralConnection(test, { fetch })).toEqual({
      ok: false,
      message: 'Central URL: https://central.example.org answered, but not as a counter central service (HTTP 200)',
    });
  });

  it('says when nothing answered, and why', async () => {
    const fetch = fakeFetch(() => Promise.reject(new Error('net::ERR_NAME_NOT_RESOLVED')));
    expect(await testCentralConnection(test, { fetch })).toEqual({
      ok: false,
      message: 'Central URL: nothing answered at https://central.example.org (net::ERR_NAME_NOT_RESOLVED); check the address and the network',
    });
  });

  it('times out', async () => {
    const fetch = fakeFetch(() => new Promise(() => {}));
    const result = await testCentralConnection(test, { fetch, timeoutMs: 20 });
    expect(result).toEqual({ ok: false, message: expect.stringContaining('(no answer within 0.02 s)') });
  });
});

describe('describeNetworkError', () => {
  it("adds Node's cause, and leaves Chromium's message as it is", () => {
    expect(describeNetworkError(new TypeError('fetch failed', { cause: new Error('getaddrinfo ENOTFOUND central') }))).toBe('fetch failed: getaddrinfo ENOTFOUND central');
    expect(describeNetworkError(new Error('net::ERR_CONNECTION_REFUSED'))).toBe('net::ERR_CONNECTION_REFUSED');
  });
});

describe('against a real HTTP server, with Node’s fetch', () => {
  let server: Server;
  let base: string;
  const seen: Array<{ method?: string; url?: string; authorization?: string; body: string }> = [];

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, authorization: req.headers.authorization, body });
        if (req.url === '/v1/health') return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(HEALTH));
        if (req.url === '/v1/slow') return; // never answers
        if (req.url === '/v1/moved') return void res.writeHead(302, { location: 'http://127.0.0.1:1/v1/health' }).end();
        if (req.headers.authorization !== `Bearer ${TOKEN}`) return void res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"bad token"}');
        if (req.url === '/v1/station') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"stationId":"station-1","utility":"pwb"}');
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ echo: body ? (JSON.parse(body) as unknown) : null }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const nodeFetch: FetchLike = (url, init) => fetch(url, init);

  it('the proxy posts with the bearer token', async () => {
    const proxy = createCentralProxy({ fetch: nodeFetch, getTarget: () => ({ centralUrl: base, token: TOKEN }), log: vi.fn() });
    expect(await proxy({ method: 'POST', path: '/v1/payments', body: { payments: [1] } })).toEqual({ status: 200, body: { echo: { payments: [1] } } });
    expect(seen.at(-1)).toMatchObject({ method: 'POST', url: '/v1/payments', authorization: `Bearer ${TOKEN}` });
  });

  it('the proxy does not follow a redirect with the token on it', async () => {
    const proxy = createCentralProxy({ fetch: nodeFetch, getTarget: () => ({ centralUrl: base, token: TOKEN }), log: vi.fn() });
    await expect(proxy({ method: 'GET', path: '/v1/moved' })).rejects.toThrow(/^Central cannot be reached \(/);
  });

  it('the proxy times out on a server that never answers', async () => {
    const proxy = createCentralProxy({ fetch: nodeFetch, getTarget: () => ({ centralUrl: base, token: TOKEN }), timeoutMs: 100, log: vi.fn() });
    await expect(proxy({ method: 'GET', path: '/v1/slow' })).rejects.toThrow('Central cannot be reached (no answer within 0.1 s)');
  });

  it('the proxy maps a refused connection', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const proxy = createCentralProxy({ fetch: nodeFetch, getTarget: () => ({ centralUrl: `http://127.0.0.1:${port}`, token: TOKEN }), log: vi.fn() });
    await expect(proxy({ method: 'GET', path: '/v1/health' })).rejects.toThrow(/^Central cannot be reached \(fetch failed: .*ECONNREFUSED/);
  });

  it('the connection test passes with the right token and says so with a wrong one', async () => {
    expect(await testCentralConnection({ centralUrl: base, token: TOKEN }, { fetch: nodeFetch })).toEqual({ ok: true, message: 'Connected: central 1.4.0 on postgres' });
    expect(await testCentralConnection({ centralUrl: base, token: 'wrong-token-000000' }, { fetch: nodeFetch })).toMatchObject({ ok: false, message: expect.stringMatching(/^Station token: /) });
  });
});

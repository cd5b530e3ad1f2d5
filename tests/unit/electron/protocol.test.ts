// app://counter/: which URLs are ours, the CSP, and the file handler (over a real folder, plus Windows paths).
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  APP_SCHEME_PRIVILEGES, APP_URL, contentSecurityPolicy, createAppProtocolHandler, createUrlPolicy, isAppUrl,
} from '../../../electron/protocol';
import { CRASH_PAGE_PATH, CRASH_PAGE_URL, crashPageHtml } from '../../../electron/recovery';

describe('isAppUrl', () => {
  it.each(['app://counter/', 'app://counter/index.html', 'APP://COUNTER/assets/x.js?v=1#top'])('accepts %s', (url) => {
    expect(isAppUrl(url)).toBe(true);
  });
  it.each([
    'app://counter.evil/', 'app://evil/counter/', 'app://counter@evil/', 'app://x:y@counter/', 'app://counter:8080/',
    'https://counter/', 'file:///counter/index.html', 'http://localhost:5173/', 'not a url', '',
  ])('refuses %s', (url) => {
    expect(isAppUrl(url)).toBe(false);
  });
});

describe('createUrlPolicy', () => {
  it('allows only the app origin without a dev server', () => {
    const allowed = createUrlPolicy(null);
    expect(allowed(APP_URL)).toBe(true);
    expect(allowed('http://localhost:5173/')).toBe(false);
  });
  it("adds the dev server's origin, not its neighbours", () => {
    const allowed = createUrlPolicy('http://localhost:5173');
    expect(allowed('http://localhost:5173/src/main.tsx')).toBe(true);
    expect(allowed('http://localhost:5174/')).toBe(false);
    expect(allowed('https://localhost:5173/')).toBe(false);
    expect(allowed(APP_URL)).toBe(true);
  });
});

describe('the scheme privileges', () => {
  it('are standard, secure and fetchable, and not readable cross-origin', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } });
  });
});

describe('contentSecurityPolicy', () => {
  it("allows connections to the app's own origin only: central is reached through main", () => {
    expect(contentSecurityPolicy()).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
    );
  });
  it('names no other origin anywhere', () => {
    expect(contentSecurityPolicy()).not.toMatch(/https?:|\*/);
  });
});

describe('the app:// handler over a real folder', () => {
  let dir: string;
  let root: string;
  const csp = "default-src 'self'";
  let handler: (request: { url: string }) => Promise<Response>;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'counter-protocol-'));
    root = path.join(dir, 'build', 'renderer');
    await fs.mkdir(path.join(root, 'assets'), { recursive: true });
    await fs.writeFile(path.join(root, 'index.html'), '<!doctype html><title>Counter</title>');
    await fs.writeFile(path.join(root, 'assets', 'index-abc.js'), 'console.log(1)');
    await fs.writeFile(path.join(root, 'assets', 'two words.css'), 'body{}');
    await fs.writeFile(path.join(dir, 'build', 'secret.txt'), 'outside the renderer');
    await fs.writeFile(path.join(dir, 'build', 'renderer-other.txt'), 'a sibling with the same prefix');
    handler = createAppProtocolHandler({ root, readFile: (file) => fs.readFile(file), csp: () => csp });
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('serves index.html for / with its type and the CSP', async () => {
    const response = await handler({ url: 'app://counter/' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(csp);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>Counter</title>');
  });

  it('serves assets with a JavaScript type (module scripts need it) and decodes names', async () => {
    const js = await handler({ url: 'app://counter/assets/index-abc.js?v=2' });
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toBe('console.log(1)');
    expect((await handler({ url: 'app://counter/assets/two%20words.css' })).status).toBe(200);
  });

  it('answers 404 for a missing file, a folder, and another host', async () => {
    expect((await handler({ url: 'app://counter/nope.js' })).status).toBe(404);
    expect((await handler({ url: 'app://counter/assets' })).status).toBe(404);
    expect((await handler({ url: 'app://other/index.html' })).status).toBe(404);
  });

  it.each([
    'app://counter/..%2fsecret.txt',
    'app://counter/..%2F..%2F..%2F..%2Fetc%2Fpasswd',
    'app://counter/assets/..%2f..%2fsecret.txt',
    'app://counter/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://counter/..%2frenderer-other.txt',
  ])('refuses to leave the renderer folder: %s', async (url) => {
    const response = await handler({ url });
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain('outside');
  });

  it('says how to build the renderer when index.html is missing', async () => {
    const empty = createAppProtocolHandler({ root: path.join(dir, 'nothing-here'), readFile: (file) => fs.readFile(file), csp: () => csp });
    const response = await empty({ url: 'app://counter/' });
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('npm run build:renderer');
  });

  it('answers 500, not a crash, when a file cannot be read', async () => {
    const failing = createAppProtocolHandler({ root, readFile: () => Promise.reject(Object.assign(new Error('EACCES'), { code: 'EACCES' })), csp: () => csp });
    expect((await failing({ url: 'app://counter/index.html' })).status).toBe(500);
  });

  it('refuses bad escapes and NUL bytes', async () => {
    expect((await handler({ url: 'app://counter/%E0%A4%A' })).status).toBe(400);
    expect((await handler({ url: 'app://counter/index.html%00.js' })).status).toBe(400);
  });
});

describe("the app:// handler's own pages (the crash page)", () => {
  const readFile = vi.fn((_file: string) => Promise.resolve(new TextEncoder().encode('from disk') as Uint8Array<ArrayBuffer>));
  const handler = createAppProtocolHandler({
    root: '/app/build/renderer',
    readFile,
    csp: () => contentSecurityPolicy(),
    pages: { [CRASH_PAGE_PATH]: () => crashPageHtml('/home/cashier/.config/Counter/logs/counter.log') },
  });

  it('serves the crash page from main, as HTML, with the CSP, without reading a file', async () => {
    readFile.mockClear();
    const response = await handler({ url: CRASH_PAGE_URL });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy());
    const html = await response.text();
    expect(html).toContain('The counter stopped working');
    expect(html).toContain('/home/cashier/.config/Counter/logs/counter.log');
    expect(html).not.toMatch(/<script|javascript:|on\w+=/i);
    expect(readFile).not.toHaveBeenCalled();
  });

  it('its one link goes back to the counter, on the app origin', async () => {
    const html = await (await handler({ url: CRASH_PAGE_URL })).text();
    expect([...html.matchAll(/href="([^"]*)"/g)].map((m) => new URL(m[1] ?? '', CRASH_PAGE_URL).href)).toEqual([APP_URL]);
  });

  it('escapes the log path it shows', () => {
    expect(crashPageHtml('C:\\Users\\<b>x</b>\\counter.log')).toContain('&#60;b&#62;x&#60;/b&#62;');
  });

  it('is served only at its path; the rest still comes from disk', async () => {
    expect(await (await handler({ url: 'app://counter/index.html' })).text()).toBe('from disk');
    expect((await handler({ url: 'app://counter/constructor' })).status).toBe(200); // from disk, not Object.prototype
    expect(readFile).toHaveBeenLastCalledWith('/app/build/renderer/constructor');
  });
});

describe('the app:// handler with Windows paths', () => {
  const root = 'C:\\Program Files\\Counter\\resources\\app.asar\\build\\renderer';
  const readFile = vi.fn((_file: string) => Promise.resolve(new TextEncoder().encode('ok') as Uint8Array<ArrayBuffer>));
  const handler = createAppProtocolHandler({ root, readFile, csp: () => '', path: path.win32 });

  it('reads a file under the root', async () => {
    expect((await handler({ url: 'app://counter/assets/a.js' })).status).toBe(200);
    expect(readFile).toHaveBeenLastCalledWith(`${root}\\assets\\a.js`);
  });

  it.each(['app://counter/..%5C..%5Csecret.txt', 'app://counter/assets%5C..%5C..%5C..%5Cwin.ini', 'app://counter/..%5Crenderer2%5Cx'])(
    'refuses backslash traversal: %s',
    async (url) => {
      readFile.mockClear();
      expect((await handler({ url })).status).toBe(403);
      expect(readFile).not.toHaveBeenCalled();
    },
  );
});

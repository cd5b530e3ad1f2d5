/**
 * The counter's own origin, `app://counter/`: the renderer build served from disk through a privileged custom
 * scheme (not file://, which would give the page every file on the disk as its origin), with a CSP on every
 * response. Also the one definition of "our page", used by navigation, permissions and IPC checks.
 */
import nodePath from 'node:path';
import { errorCode } from './errors';

export const APP_SCHEME = 'app';
export const APP_HOST = 'counter';
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/`;

/**
 * For `protocol.registerSchemesAsPrivileged`, before the app is ready. `standard` gives the page a real origin
 * (so IndexedDB and localStorage work and relative URLs resolve), `secure` makes it a secure context, and
 * `supportFetchAPI` lets it fetch its own files. No `corsEnabled`: other origins may not read app:// files.
 */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
} as const;

/**
 * True for app://counter/... only; a parser, not a prefix test (`app://counter.evil/`, `app://counter@evil/`).
 * Chromium lower-cases a standard scheme's host; Node's parser does not, hence the toLowerCase.
 */
export function isAppUrl(url: string): boolean {
  const parsed = parseUrl(url);
  return (
    parsed !== null &&
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host.toLowerCase() === APP_HOST &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/** The pages the counter may show: its own origin, plus the dev server's origin when one is in use. */
export function createUrlPolicy(devOrigin: string | null): (url: string) => boolean {
  return (url) => isAppUrl(url) || (devOrigin !== null && parseUrl(url)?.origin === devOrigin);
}

/**
 * The CSP of every app:// response. `connect-src 'self'`: the counter talks to central only through main
 * (`counter:central`), so the page may not open a connection anywhere but its own origin. A dev server
 * (COUNTER_RENDERER_URL) serves its own headers; this applies to the built app and the crash page.
 */
export function contentSecurityPolicy(): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export type AppProtocolDeps = {
  /** The renderer build folder (build/renderer). */
  root: string;
  readFile: (file: string) => Promise<Uint8Array<ArrayBuffer>>;
  /** Asked per response. */
  csp: () => string;
  /** Pages main makes itself, by path (the crash page): HTML, served with the same headers. */
  pages?: Readonly<Record<string, () => string>>;
  /** node:path by default; tests pass path.win32 to prove the Windows separators too. */
  path?: typeof nodePath.posix;
};

/** The `protocol.handle('app', ...)` handler: files under `root` only, index.html for '/'. */
export function createAppProtocolHandler(deps: AppProtocolDeps): (request: { url: string }) => Promise<Response> {
  const path = deps.path ?? nodePath;
  const root = path.resolve(deps.root);

  return async (request) => {
    const url = parseUrl(request.url);
    if (url === null || !isAppUrl(request.url)) return plain(404, 'Not found');
    let relative: string;
    try {
      // Decoded so that %2e%2e%2f and %5c are judged as the file system will see them.
      relative = decodeURIComponent(url.pathname);
    } catch {
      return plain(400, 'Bad request');
    }
    if (relative.includes('\0')) return plain(400, 'Bad request');
    const page = deps.pages && Object.hasOwn(deps.pages, relative) ? deps.pages[relative] : undefined;
    if (page) return new Response(page(), { status: 200, headers: headers(deps.csp(), 'text/html; charset=utf-8') });
    if (relative === '/' || relative === '') relative = '/index.html';
    const file = path.resolve(root, `.${relative}`);
    if (!file.startsWith(root + path.sep)) return plain(403, 'Forbidden');

    try {
      const body = await deps.readFile(file);
      return new Response(body, {
        status: 200,
        headers: headers(deps.csp(), CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream'),
      });
    } catch (error) {
      const code = errorCode(error);
      if (code === 'ENOENT' && relative === '/index.html') return plain(404, 'The counter is not built: run `npm run build:renderer`.');
      return code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR' ? plain(404, 'Not found') : plain(500, 'Could not read the file');
    }
  };
}

/** For logs: where a refused URL pointed, without its path or query, which could carry data. */
export function originOf(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.origin === 'null' ? `${parsed.protocol}//${parsed.host}` : parsed.origin;
  } catch {
    return '(not a URL)';
  }
}

function headers(csp: string, contentType: string): Record<string, string> {
  return { 'content-type': contentType, 'content-security-policy': csp, 'x-content-type-options': 'nosniff' };
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

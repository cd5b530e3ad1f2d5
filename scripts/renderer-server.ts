/**
 * Serves the built renderer to a browser (the browser host) with the station's settings beside it as
 * /station.json. Used by `npm run web`, the fallback of `npm start`, and the end-to-end tests.
 */
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { StationConfigInput } from '../shared/station';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

export type RendererServer = { url: string; close(): Promise<void> };

/** `station: null` serves no /station.json: the counter opens its first-run setup screen. */
export async function serveRenderer(opts: { root: string; station: StationConfigInput | null; port?: number; host?: string }): Promise<RendererServer> {
  const root = resolve(opts.root);
  await stat(join(root, 'index.html')).catch(() => {
    throw new Error(`The renderer is not built: ${join(root, 'index.html')} is missing (run npm run build:renderer)`);
  });
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    // The browser host calls central itself, wherever setup points it.
    "connect-src 'self' http: https:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      if (path === '/station.json') {
        if (!opts.station) {
          res.writeHead(404, { 'Content-Type': 'text/plain' }).end('No station settings: run setup');
          return;
        }
        res.writeHead(200, { 'Content-Type': TYPES['.json'], 'Cache-Control': 'no-store' });
        res.end(JSON.stringify(opts.station));
        return;
      }
      const file = normalize(join(root, path === '/' ? 'index.html' : path));
      if (file !== root && !file.startsWith(root + sep)) {
        res.writeHead(403).end('Forbidden');
        return;
      }
      const body = await readFile(file).catch(() => null);
      if (!body) {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
        return;
      }
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Security-Policy': csp });
      res.end(body);
    })().catch(() => res.writeHead(500).end('Server error'));
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => ok());
  });
  const addr = server.address();
  if (!addr || typeof addr === 'string') throw new Error('The renderer server has no address');
  return {
    url: `http://${opts.host ?? '127.0.0.1'}:${addr.port}`,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

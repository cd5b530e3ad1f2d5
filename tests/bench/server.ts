/**
 * The benchmarks' one origin: the built counter at `/` (with /station.json beside it, as the renderer server
 * gives it), the bench page at `/bench/` (cross-origin isolated, for a precise clock), and the limit's raw
 * endpoints on node:http with no framework:
 *   GET  /raw/accounts?after=&limit=  one SELECT of central's accounts, keyset-paged, as JSON
 *   POST /raw/payments                the body (a JSON array of payments) into one set-based INSERT
 * One origin, so the counter opened after the bench page finds the store the bench page filled.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Queryable } from '../../central/src/db';
import { RAW_ACCOUNTS_SQL, RAW_INSERT_SQL } from './central';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export type BenchServer = { url: string; close(): Promise<void> };

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startBenchServer(opts: { appRoot: string; pageRoot: string; /** Served as /station.json, as the renderer server does. */
  station: object; db: Queryable; utility: string }): Promise<BenchServer> {
  const appRoot = resolve(opts.appRoot);
  const pageRoot = resolve(opts.pageRoot);

  async function file(res: ServerResponse, root: string, path: string, headers: Record<string, string>) {
    const f = normalize(join(root, path === '' || path === '/' ? 'index.html' : path));
    if (f !== root && !f.startsWith(root + sep)) return void res.writeHead(403).end();
    const data = await readFile(f).catch(() => null);
    if (!data) return void res.writeHead(404).end('Not found');
    res.writeHead(200, { 'Content-Type': TYPES[extname(f)] ?? 'application/octet-stream', ...headers }).end(data);
  }

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const path = decodeURIComponent(url.pathname);
      if (path === '/raw/accounts') {
        const limit = Number(url.searchParams.get('limit') ?? '5000');
        const rows = await opts.db.query<Record<string, unknown> & { cursor: string }>(RAW_ACCOUNTS_SQL, [opts.utility, url.searchParams.get('after') ?? '0', limit + 1]);
        const page = rows.slice(0, limit);
        const cursor = page.at(-1)?.cursor ?? url.searchParams.get('after') ?? '0';
        for (const r of page) delete (r as { cursor?: string }).cursor;
        res.writeHead(200, { 'Content-Type': TYPES['.json'] as string }).end(JSON.stringify({ rows: page, cursor, more: rows.length > limit }));
        return;
      }
      if (path === '/raw/payments' && req.method === 'POST') {
        const rows = await opts.db.query<{ n: number }>(RAW_INSERT_SQL, [await body(req)]);
        res.writeHead(200, { 'Content-Type': TYPES['.json'] as string }).end(JSON.stringify({ inserted: rows[0]?.n ?? 0 }));
        return;
      }
      if (path === '/station.json') {
        res.writeHead(200, { 'Content-Type': TYPES['.json'] as string, 'Cache-Control': 'no-store' }).end(JSON.stringify(opts.station));
        return;
      }
      if (path.startsWith('/bench/')) {
        await file(res, pageRoot, path.slice('/bench/'.length), {
          'Cross-Origin-Opener-Policy': 'same-origin',
          'Cross-Origin-Embedder-Policy': 'require-corp',
        });
        return;
      }
      await file(res, appRoot, path, {});
    })().catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(String(e));
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok());
  });
  const addr = server.address();
  if (!addr || typeof addr === 'string') throw new Error('the bench server has no address');
  return {
    url: `http://127.0.0.1:${addr.port}`,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

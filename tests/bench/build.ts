/**
 * Builds what the browser runs, with Vite's own API, into .tmp/bench (never build/, which the end-to-end
 * tests and `npm start` use): the counter as `vite build` makes it, and the bench page.
 */
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { build } from 'vite';

export type Built = { appRoot: string; pageRoot: string; ms: number };

/** The least page that takes input: what "opening the counter" is measured against. */
const BLANK = `<!doctype html>
<html lang="en"><head><meta charset="UTF-8" /><title>blank</title></head>
<body><label for="u">User</label> <input id="u" autofocus /></body></html>
`;

/** `readable`: the bench page unminified, so CPU profiles name the app's functions. */
export async function buildForBench(outDir: string, readable = false): Promise<Built> {
  const t0 = performance.now();
  const appRoot = resolve(outDir, 'renderer');
  const pageRoot = resolve(outDir, 'page');
  // The counter's own config (root, base, plugins, target), only the output folder moved.
  await build({ configFile: resolve('vite.config.ts'), logLevel: 'warn', build: { outDir: appRoot, emptyOutDir: true } });
  await writeFile(join(appRoot, 'blank.html'), BLANK);
  await build({
    configFile: false,
    root: resolve('tests/bench/page'),
    base: './',
    logLevel: 'warn',
    build: { outDir: pageRoot, emptyOutDir: true, target: 'chrome120', sourcemap: true, minify: !readable, chunkSizeWarningLimit: 2048 },
  });
  return { appRoot, pageRoot, ms: performance.now() - t0 };
}

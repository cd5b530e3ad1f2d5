/**
 * `npm start`: the embedded central service with demo data, then the Electron counter.
 * Where Electron's binary cannot be had (it is fetched on first start), says so in one line and serves the
 * counter to a browser instead, as `npm run web` does. Ctrl-C stops everything cleanly.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { build } from 'vite';
import { z } from 'zod';
import { startCentral } from '../central/src/server';
import { serveRenderer } from './renderer-server';
import { stationConfigSchema } from '../shared/station';

const args = z
  .object({
    web: z.boolean(),
    centralPort: z.coerce.number().int().min(1).max(65535),
    webPort: z.coerce.number().int().min(1).max(65535),
  })
  .parse({
    web: process.argv.includes('--web'),
    centralPort: process.env.COUNTER_CENTRAL_PORT ?? 8787,
    webPort: process.env.COUNTER_WEB_PORT ?? 5173,
  });

const TOKEN = process.env.COUNTER_STATION_TOKEN ?? 'demo-station-token';
const stops: Array<() => Promise<void>> = [];
let stopping = false;

async function stopAll(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  }
  process.exit(code);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

/** Resolving `electron` fetches its binary on first use; run that apart so its noise stays out of the way. */
function electronBinary(): string | null {
  const require = createRequire(import.meta.url);
  let pkgDir: string;
  try {
    pkgDir = require.resolve('electron');
  } catch {
    return null;
  }
  const r = spawnSync(process.execPath, ['-e', `process.stdout.write(require(${JSON.stringify(pkgDir)}))`], {
    encoding: 'utf8',
    timeout: 120_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return r.status === 0 && r.stdout ? r.stdout : null;
}

async function main() {
  console.log('counter: building the renderer…');
  await build({ configFile: 'vite.config.ts', logLevel: 'warn' });

  const profileId = process.env.COUNTER_PROFILE ?? 'pwb';
  // Demo mode, with the demo station bound to the profile this counter runs.
  const central = await startCentral({ port: args.centralPort, dataDir: '.data/central', demo: true, stations: [{ id: 'station-1', utility: profileId, token: TOKEN }] });
  stops.push(() => central.close());
  const station = stationConfigSchema.parse({
    stationId: 'station-1',
    stationName: 'Station 1',
    centralUrl: central.url,
    token: TOKEN,
    profileId,
    paperWidth: '80mm',
  });

  if (!args.web) {
    const bin = electronBinary();
    if (bin) {
      const tsc = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'electron/tsconfig.json'], { stdio: 'inherit' });
      spawnSync(process.execPath, ['scripts/mark-commonjs.mjs', 'build/electron'], { stdio: 'inherit' });
      if (tsc.status !== 0) throw new Error('The Electron shell did not compile');
      const child: ChildProcess = spawn(bin, ['.'], {
        stdio: 'inherit',
        env: { ...process.env, COUNTER_CENTRAL_URL: central.url, COUNTER_STATION_TOKEN: TOKEN },
      });
      stops.push(async () => {
        if (child.exitCode === null) child.kill('SIGTERM');
      });
      child.on('exit', (code) => void stopAll(code ?? 0));
      return;
    }
    console.log('counter: Electron is not available here (its binary could not be downloaded); serving the counter to a browser instead.');
  }

  const web = await serveRenderer({ root: 'build/renderer', station, port: args.webPort });
  stops.push(() => web.close());
  console.log(`counter: open ${web.url} in Chromium (central at ${central.url}; Ctrl-C stops)`);
}

main().catch((e: unknown) => {
  console.error(`counter: ${e instanceof Error ? e.message : String(e)}`);
  void stopAll(1);
});

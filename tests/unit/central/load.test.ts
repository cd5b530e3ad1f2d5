/**
 * Issue 5's load test on PGlite (the same on PostgreSQL is in postgres.test.ts): 20 stations posting at once
 * over real HTTP on loopback, with seeded random resends → every payment stored once, totals to the cent.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startCentral, type RunningCentral } from '../../../central/src/server';
import { STATIONS } from './helpers';
import { runLoad } from './load';

/** PGlite is one connection: every batch waits its turn. See central/README.md for the figures. */
const PGLITE_LOAD = { stations: 20, perStation: 500, batchSize: 100, seed: 20250602, label: 'PGlite in memory' };

let central: RunningCentral;
beforeAll(async () => {
  central = await startCentral({ port: 0, host: '127.0.0.1', demo: 20, stations: STATIONS, quiet: true });
});
afterAll(async () => {
  await central?.close();
});

it(`stores ${PGLITE_LOAD.stations * PGLITE_LOAD.perStation} payments from ${PGLITE_LOAD.stations} stations at once exactly once, totals to the cent`, async () => {
  const figures = await runLoad(central.url, central.db, PGLITE_LOAD);
  expect(figures.rows).toBe(PGLITE_LOAD.stations * PGLITE_LOAD.perStation);
  expect(figures.resentBatches).toBeGreaterThan(0);
}, 180_000);

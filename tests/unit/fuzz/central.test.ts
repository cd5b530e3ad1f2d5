/** Central's endpoints under hostile requests at a fixed seed: never a 500, never an invalid record taken. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENDPOINTS, fuzzEndpoint } from '../../fuzz/central';
import { openTestCentral, type TestCentral } from '../central/helpers';

const SEED = 20_261_122;
const RUNS = 30;

let central: TestCentral;
beforeAll(async () => {
  central = await openTestCentral();
});
afterAll(async () => {
  await central.close();
});

describe(`central's endpoints under ${RUNS} hostile requests each (seed ${SEED})`, () => {
  it.each(ENDPOINTS.map((e) => [e.name, e] as const))('%s: no 500, no crash, nothing invalid taken', async (_name, endpoint) => {
    const stats = await fuzzEndpoint(endpoint, { seed: SEED, runs: RUNS }, central);
    expect(stats.examples).toEqual([]);
    expect({ serverErrors: stats.serverErrors, crashes: stats.crashes, invalidAccepted: stats.invalidAccepted }).toEqual({ serverErrors: 0, crashes: 0, invalidAccepted: 0 });
    expect(stats.refused).toBeGreaterThan(0);
  });
});

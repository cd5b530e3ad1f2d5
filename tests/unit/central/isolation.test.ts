/** Per-item isolation on PGlite; the same cases run on PostgreSQL in postgres.test.ts. */
import { afterAll, beforeAll } from 'vitest';
import { openTestCentral, type TestCentral } from './helpers';
import { isolationTests } from './isolation-suite';

let c: TestCentral;
beforeAll(async () => {
  c = await openTestCentral(0);
});
afterAll(async () => {
  await c.close();
});

isolationTests(() => c.db);

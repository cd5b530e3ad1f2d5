/**
 * `npm run fuzz`: generated hostile input for every boundary parser and central's endpoints. Prints a table
 * (parser | tried | accepted | refused | invalid accepted | crashes | 500s) and the first failures of each,
 * and exits 1 if any invalid value was accepted, any parser threw, or central answered 500.
 *
 *   FUZZ_RUNS       inputs per parser (default 10,000)
 *   FUZZ_HTTP_RUNS  requests per central endpoint (default FUZZ_RUNS / 10)
 *   FUZZ_SEED       the seed (default: random, printed so a run can be repeated)
 *   FUZZ_ONLY       only the parsers and endpoints whose name contains this text
 */
import { openTestCentral } from '../tests/unit/central/helpers';
import { ENDPOINTS, fuzzEndpoint } from '../tests/fuzz/central';
import { failed, fuzzTarget, renderTable, type Stats } from '../tests/fuzz/run';
import { TARGETS } from '../tests/fuzz/targets';

function count(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name}: must be a whole number of runs, 1 or more (got ${JSON.stringify(raw)})`);
  return n;
}

const runs = count('FUZZ_RUNS', 10_000);
const httpRuns = count('FUZZ_HTTP_RUNS', Math.max(1, Math.round(runs / 10)));
const seed = count('FUZZ_SEED', Math.floor(Math.random() * 2 ** 31) + 1);
const only = process.env.FUZZ_ONLY ?? '';
const chosen = <T extends { name: string }>(xs: readonly T[]) => xs.filter((x) => x.name.includes(only));

console.log(`FUZZ_SEED=${seed} FUZZ_RUNS=${runs} FUZZ_HTTP_RUNS=${httpRuns}${only ? ` FUZZ_ONLY=${only}` : ''}`);
const started = Date.now();
const rows: Stats[] = [];
for (const target of chosen(TARGETS)) {
  rows.push(fuzzTarget(target, { seed, runs }));
  process.stdout.write('.');
}
const endpoints = chosen(ENDPOINTS);
if (endpoints.length > 0) {
  const central = await openTestCentral();
  try {
    for (const endpoint of endpoints) {
      rows.push(await fuzzEndpoint(endpoint, { seed, runs: httpRuns }, central));
      process.stdout.write('.');
    }
  } finally {
    await central.close();
  }
}
console.log(`\n\n${renderTable(rows)}\n`);
for (const r of rows) for (const e of r.examples) console.log(`- ${r.name}: ${e}`);
const bad = rows.filter(failed);
console.log(`${bad.length === 0 ? 'No' : bad.length} parser${bad.length === 1 ? '' : 's'} failed; ${((Date.now() - started) / 1000).toFixed(0)} s. Repeat with FUZZ_SEED=${seed}.`);
process.exit(bad.length === 0 ? 0 : 1);

/**
 * `npm test`: typecheck, lint, unit tests, end-to-end tests; then one line with the total.
 * Every step runs even when an earlier one fails, so one run shows everything that is wrong.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

type Step = { name: string; passed: number; failed: number };
const steps: Step[] = [];
mkdirSync('.tmp', { recursive: true });

function run(cmd: string, args: string[]): boolean {
  console.log(`\n▶ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  return r.status === 0;
}

const npx = (bin: string) => `node_modules/.bin/${bin}`;

for (const [name, cmd, args] of [
  ['typecheck', npx('tsc'), ['-p', 'tsconfig.json', '--noEmit']],
  ['typecheck electron', npx('tsc'), ['-p', 'electron/tsconfig.json', '--noEmit']],
  ['lint', npx('eslint'), ['--max-warnings=0', '.']],
] as const) {
  const ok = run(cmd, [...args]);
  steps.push({ name, passed: ok ? 1 : 0, failed: ok ? 0 : 1 });
}

function counts(file: string, read: (json: unknown) => { passed: number; failed: number }, ok: boolean): { passed: number; failed: number } {
  if (!existsSync(file)) return { passed: 0, failed: 1 };
  const c = read(JSON.parse(readFileSync(file, 'utf8')));
  // A runner that failed without a failing test (a crash, a compile error) still counts as a failure.
  return !ok && c.failed === 0 ? { ...c, failed: 1 } : c;
}

rmSync('.tmp/vitest.json', { force: true });
const unitOk = run(npx('vitest'), ['run', '--reporter=default', '--reporter=json', '--outputFile.json=.tmp/vitest.json']);
steps.push({
  name: 'unit',
  ...counts(
    '.tmp/vitest.json',
    (j) => {
      const v = j as { numPassedTests: number; numFailedTests: number };
      return { passed: v.numPassedTests, failed: v.numFailedTests };
    },
    unitOk,
  ),
});

rmSync('.tmp/playwright.json', { force: true });
const built = run(npx('vite'), ['build', '--logLevel', 'warn']);
const e2eOk = built && run(npx('playwright'), ['test']);
steps.push({
  name: 'e2e',
  ...counts(
    '.tmp/playwright.json',
    (j) => {
      const s = (j as { stats: { expected: number; unexpected: number; flaky: number } }).stats;
      return { passed: s.expected, failed: s.unexpected + s.flaky };
    },
    e2eOk,
  ),
});

const passed = steps.reduce((a, s) => a + s.passed, 0);
const failed = steps.reduce((a, s) => a + s.failed, 0);
console.log(`\n${steps.map((s) => `${s.name}: ${s.passed} passed, ${s.failed} failed`).join(' · ')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

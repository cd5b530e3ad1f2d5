/** The command line: flags parsed with their names in the errors, one line when listening, a clean stop. */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../../central/src/cli-args';
import { runImport } from '../../../central/src/commands';

describe('parseCliArgs', () => {
  it('has the documented defaults', () => {
    expect(parseCliArgs(['serve'])).toEqual({ ok: true, value: { command: 'serve', port: 8787, host: '127.0.0.1', dataDir: '.data/central', demo: true } });
    expect(parseCliArgs(['serve', '--port', '0', '--host', '0.0.0.0', '--data', '/tmp/x', '--no-demo'])).toEqual({
      ok: true,
      value: { command: 'serve', port: 0, host: '0.0.0.0', dataDir: '/tmp/x', demo: false },
    });
    expect(parseCliArgs(['import-accounts', 'a.csv'])).toEqual({ ok: true, value: { command: 'import-accounts', file: 'a.csv', dataDir: '.data/central' } });
    expect(parseCliArgs(['export-postings', '--date', '2025-06-02', '--out', 'o.csv', '--data', 'd'])).toEqual({
      ok: true,
      value: { command: 'export-postings', date: '2025-06-02', out: 'o.csv', dataDir: 'd' },
    });
    expect(parseCliArgs(['export-postings', '--date', '2024-02-29'])).toMatchObject({ ok: true, value: { out: null } });
  });

  it.each([
    [['serve', '--port', 'eighty'], /^--port: must be a port number/],
    [['serve', '--port', '70000'], /^--port: must be a port number/],
    [['serve', '--data', ''], /^--data: /],
    [['serve', '--colour'], /--colour/],
    [['serve', '--port'], /--port/],
    [[], /serve, import-accounts, export-postings/],
    [['start'], /unknown command "start"/],
    [['import-accounts'], /name the CSV file/],
    [['import-accounts', 'a.csv', 'b.csv'], /unexpected argument "b.csv"/],
    [['export-postings'], /^--date: is required/],
    [['export-postings', '--date', '2025-02-30'], /^--date: must be a real day/],
    [['export-postings', '--date', '06/02/2025'], /^--date: must be a day written YYYY-MM-DD/],
    [['export-postings', '--date', '2025-06-02', '--port', '1'], /--port/],
  ])('refuses %j naming the flag', (argv, message) => {
    const r = parseCliArgs(argv);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.message).toMatch(message);
  });
});

describe('tsx central/src/cli.ts serve', () => {
  it('prints one line when listening and exits 0 on SIGTERM', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'central-cli-'));
    try {
      const { DATABASE_URL: _, ...rest } = process.env;
      // Outside demo mode central needs a station: one given the legacy way.
      const env = { ...rest, COUNTER_STATION_TOKENS: 'cli-1:pwb:cli-station-token' };
      const child = spawn(process.execPath, ['--import', 'tsx', 'central/src/cli.ts', 'serve', '--port', '0', '--data', dataDir, '--no-demo'], { env });
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      const deadline = Date.now() + 30_000;
      while (!out.includes('\n') && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 100));
      expect(out, err).toMatch(new RegExp(`^central: listening on http://127\\.0\\.0\\.1:[0-9]+ \\(PGlite at ${dataDir}, 0 accounts, 1 station registered\\)\\n$`));
      const url = /http:\/\/[0-9.:]+/.exec(out)?.[0];
      expect((await fetch(`${url}/v1/health`)).status).toBe(200);
      // While it serves, no other process may open its PGlite folder (an import would corrupt it).
      await expect(runImport({ command: 'import-accounts', file: 'central/README.md', dataDir }, undefined, env)).rejects.toThrow(
        new RegExp(`^PGlite at ${dataDir} is open in process ${child.pid}`),
      );
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(out.trim().split('\n')).toHaveLength(1);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

/** Runs the CLI to its end (bounded): exit code, stdout, stderr. */
function runCli(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const { DATABASE_URL: _, ...env } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'central/src/cli.ts', ...args], { env, timeout: 60_000 });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out, err })));
}

describe('tsx central/src/cli.ts import-accounts', () => {
  it('exits 1 naming every bad line on stderr, nothing on stdout', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'central-cli-import-'));
    try {
      const header = 'utility,number,name,service_address,balance,past_due,due_date,status,shut_offs_12m,beyond_shut_off,certified_amount';
      const good = 'pwb,1000000001,"Delgado, Rosa",1 A St,1.00,0.00,,current,0,false,';
      await writeFile(join(dir, 'bad.csv'), [header, good, 'pwb,1000000002,B,2 B St,1,0.00,,current,0,false,', 'pwb,1000000003,C,3 C St,1.00,0.00,,asleep,0,false,'].join('\n'));
      const data = join(dir, 'data');

      const bad = await runCli(['import-accounts', join(dir, 'bad.csv'), '--data', data]);
      expect(bad.code, bad.err).toBe(1);
      expect(bad.out).toBe('');
      expect(bad.err).toMatch(/^line 3: balance: .*\nline 4: status: .*\nimport-accounts: nothing imported: 2 bad lines in .*bad\.csv\n$/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

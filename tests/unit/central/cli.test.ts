/** The command line: flags parsed with their names in the errors, one line when listening, a clean stop. */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseServeArgs } from '../../../central/src/cli-args';

describe('parseServeArgs', () => {
  it('has the documented defaults', () => {
    expect(parseServeArgs(['serve'])).toEqual({ ok: true, value: { port: 8787, host: '127.0.0.1', dataDir: '.data/central', demo: true } });
    expect(parseServeArgs(['serve', '--port', '0', '--host', '0.0.0.0', '--data', '/tmp/x', '--no-demo'])).toEqual({
      ok: true,
      value: { port: 0, host: '0.0.0.0', dataDir: '/tmp/x', demo: false },
    });
  });

  it.each([
    [['serve', '--port', 'eighty'], /^--port: must be a port number/],
    [['serve', '--port', '70000'], /^--port: must be a port number/],
    [['serve', '--data', ''], /^--data: /],
    [['serve', '--colour'], /--colour/],
    [['serve', '--port'], /--port/],
    [[], /serve/],
    [['start'], /unknown command "start"/],
  ])('refuses %j naming the flag', (argv, message) => {
    const r = parseServeArgs(argv);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.message).toMatch(message);
  });
});

describe('tsx central/src/cli.ts serve', () => {
  it('prints one line when listening and exits 0 on SIGTERM', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'central-cli-'));
    try {
      const { DATABASE_URL: _, ...env } = process.env;
      const child = spawn(process.execPath, ['--import', 'tsx', 'central/src/cli.ts', 'serve', '--port', '0', '--data', dataDir, '--no-demo'], { env });
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      const deadline = Date.now() + 30_000;
      while (!out.includes('\n') && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 100));
      expect(out, err).toMatch(new RegExp(`^central: listening on http://127\\.0\\.0\\.1:[0-9]+ \\(PGlite at ${dataDir}, 0 accounts\\)\\n$`));
      const url = /http:\/\/[0-9.:]+/.exec(out)?.[0];
      expect((await fetch(`${url}/v1/health`)).status).toBe(200);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(out.trim().split('\n')).toHaveLength(1);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

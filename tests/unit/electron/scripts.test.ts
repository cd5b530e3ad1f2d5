// The two build scripts of the shell: mark-commonjs.mjs and make-icon.mjs, run as npm runs them.
import { execFile } from 'node:child_process';
import { promises as fs, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repo = fileURLToPath(new URL('../../../', import.meta.url));

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'counter-scripts-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('scripts/mark-commonjs.mjs', () => {
  it('writes {"type":"commonjs"} into the folder, creating it if needed', async () => {
    const target = path.join(dir, 'build', 'electron');
    await run(process.execPath, [path.join(repo, 'scripts', 'mark-commonjs.mjs'), target]);
    expect(JSON.parse(await fs.readFile(path.join(target, 'package.json'), 'utf8'))).toEqual({ type: 'commonjs' });
  });

  it('fails loudly without a folder', async () => {
    await expect(run(process.execPath, [path.join(repo, 'scripts', 'mark-commonjs.mjs')])).rejects.toMatchObject({ code: 2 });
  });
});

/** The decoded image data of a PNG (its IDAT chunks inflated), which does not depend on the zlib build. */
function pixels(png: Buffer): Buffer {
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    if (png.toString('ascii', at + 4, at + 8) === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  return zlib.inflateSync(Buffer.concat(idat));
}

describe('scripts/make-icon.mjs', () => {
  it('draws the committed assets/icon.png', async () => {
    const out = path.join(dir, 'icon.png');
    await run(process.execPath, [path.join(repo, 'scripts', 'make-icon.mjs'), out]);
    const drawn = pixels(await fs.readFile(out));
    expect(drawn.length).toBe(512 * (512 * 4 + 1));
    expect(drawn.equals(pixels(readFileSync(path.join(repo, 'assets', 'icon.png'))))).toBe(true);
  });
});

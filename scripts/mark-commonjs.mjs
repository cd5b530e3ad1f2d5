// Marks a compiled folder as CommonJS: the root package.json says "type": "module", and Node (and Electron's
// main process) would otherwise read tsc's CommonJS output in build/electron as ES modules and fail.
// Usage: node scripts/mark-commonjs.mjs build/electron
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import process from 'node:process';

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('usage: node scripts/mark-commonjs.mjs <folder>\n');
  process.exit(2);
}
await mkdir(dir, { recursive: true });
await writeFile(path.join(dir, 'package.json'), `${JSON.stringify({ type: 'commonjs' })}\n`);

// Draws assets/icon.png (512x512): a white drop of water on a blue rounded square. Written with node:zlib
// alone, so the icon is reproducible without an image package; rerun after changing the drawing.
// Usage: node scripts/make-icon.mjs [output.png]
import { writeFile } from 'node:fs/promises';
import { URL, fileURLToPath } from 'node:url';
import process from 'node:process';
import { Buffer } from 'node:buffer';
import zlib from 'node:zlib';

const SIZE = 512;
const SAMPLES = 4; // 4x4 samples a pixel, for smooth edges

const CORNER = 96;
const TOP = [42, 134, 240]; // background gradient, top to bottom
const BOTTOM = [18, 84, 176];
const DROP = [255, 255, 255];
const SHINE = [196, 224, 255];

// The drop: a circle with a point above it, joined by the circle's tangents through the point.
const cx = 256;
const cy = 300;
const r = 120;
const tipY = 88;
const d = cy - tipY;
const tanHalf = r / Math.sqrt(d * d - r * r); // tan of the half-angle at the point
const tangentY = tipY + (d * d - r * r) / d; // where the straight sides meet the circle

function inRoundedSquare(x, y) {
  const dx = Math.max(CORNER - x, 0, x - (SIZE - CORNER));
  const dy = Math.max(CORNER - y, 0, y - (SIZE - CORNER));
  return dx * dx + dy * dy <= CORNER * CORNER;
}

function inDrop(x, y) {
  if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r) return true;
  return y >= tipY && y <= tangentY && Math.abs(x - cx) <= (y - tipY) * tanHalf;
}

function inShine(x, y) {
  // A tilted ellipse on the drop's lower left, the light catching it.
  const u = x - 206;
  const v = y - 318;
  const c = Math.cos(-0.6);
  const s = Math.sin(-0.6);
  const a = (u * c - v * s) / 22;
  const b = (u * s + v * c) / 46;
  return a * a + b * b <= 1;
}

function sample(x, y) {
  if (!inRoundedSquare(x, y)) return null;
  if (inShine(x, y)) return SHINE;
  if (inDrop(x, y)) return DROP;
  const t = y / SIZE;
  return TOP.map((top, i) => top + (BOTTOM[i] - top) * t);
}

function pixels() {
  const stride = SIZE * 4 + 1; // each row starts with its filter byte (0: none)
  const raw = Buffer.alloc(stride * SIZE);
  for (let y = 0; y < SIZE; y++) {
    raw[y * stride] = 0;
    for (let x = 0; x < SIZE; x++) {
      let covered = 0;
      const sum = [0, 0, 0];
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const color = sample(x + (sx + 0.5) / SAMPLES, y + (sy + 0.5) / SAMPLES);
          if (color === null) continue;
          covered++;
          for (let i = 0; i < 3; i++) sum[i] += color[i];
        }
      }
      const at = y * stride + 1 + x * 4;
      for (let i = 0; i < 3; i++) raw[at + i] = covered === 0 ? 0 : Math.round(sum[i] / covered);
      raw[at + 3] = Math.round((covered / (SAMPLES * SAMPLES)) * 255);
    }
  }
  return raw;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

function png() {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(pixels(), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const output = process.argv[2] ?? fileURLToPath(new URL('../assets/icon.png', import.meta.url));
await writeFile(output, png());
process.stdout.write(`wrote ${output}\n`);

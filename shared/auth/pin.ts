/**
 * PINs are kept only as salted PBKDF2-SHA-256 hashes (Web Crypto, present in Chromium and Node alike).
 */
const ITERATIONS = 210_000;

export type PinHash = { salt: string; hash: string; iterations: number };

const toHex = (b: ArrayBuffer | Uint8Array) =>
  [...(b instanceof Uint8Array ? b : new Uint8Array(b))].map((x) => x.toString(16).padStart(2, '0')).join('');
const fromHex = (h: string) => new Uint8Array((h.match(/../g) ?? []).map((x) => parseInt(x, 16)));

async function derive(pin: string, salt: Uint8Array, iterations: number): Promise<string> {
  const key = await globalThis.crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits']);
  const bits = await globalThis.crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
    key,
    256,
  );
  return toHex(bits);
}

export async function hashPin(pin: string, iterations = ITERATIONS): Promise<PinHash> {
  const salt = new Uint8Array(16);
  globalThis.crypto.getRandomValues(salt);
  return { salt: toHex(salt), hash: await derive(pin, salt, iterations), iterations };
}

/** Compares in constant time over the hash text so a wrong PIN takes as long as a right one. */
export async function verifyPin(pin: string, stored: PinHash): Promise<boolean> {
  const candidate = await derive(pin, fromHex(stored.salt), stored.iterations);
  let diff = candidate.length ^ stored.hash.length;
  for (let i = 0; i < Math.min(candidate.length, stored.hash.length); i++) {
    diff |= candidate.charCodeAt(i) ^ stored.hash.charCodeAt(i);
  }
  return diff === 0;
}

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { UUID_RE, uuidv7 } from '../../../shared/ids';

/** The 48-bit millisecond timestamp in a UUIDv7's first 12 hex digits. */
const timeOf = (id: string) => parseInt(id.replace(/-/g, '').slice(0, 12), 16);

describe('uuidv7', () => {
  it('is a lowercase UUID with version 7 and the RFC 9562 variant', () => {
    for (let i = 0; i < 200; i++) {
      const id = uuidv7();
      expect(id).toMatch(UUID_RE);
      expect(id[14]).toBe('7');
      expect('89ab').toContain(id[19]);
    }
  });

  it('carries the time it was made, in milliseconds, big-endian', () => {
    const now = Date.parse('2025-03-14T17:05:00.000Z');
    const id = uuidv7(now);
    expect(id.slice(0, 13)).toBe(`${now.toString(16).padStart(12, '0').slice(0, 8)}-${now.toString(16).padStart(12, '0').slice(8)}`);
    expect(timeOf(id)).toBe(now);
    expect(uuidv7(0).startsWith('00000000-0000-7')).toBe(true);
  });

  it('uses the clock by default', () => {
    const before = Date.now();
    const id = uuidv7();
    const after = Date.now();
    expect(timeOf(id)).toBeGreaterThanOrEqual(before);
    expect(timeOf(id)).toBeLessThanOrEqual(after);
  });

  it('two ids made in the same millisecond differ', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => uuidv7(1_741_971_900_000)));
    expect(ids.size).toBe(1000);
  });

  it('ids made at increasing times sort in the same order as strings (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 2 ** 48 - 1 }), { minLength: 2, maxLength: 30 }), (times) => {
        const ascending = [...times].sort((a, b) => a - b);
        const ids = ascending.map((t) => uuidv7(t));
        expect([...ids].sort()).toEqual(ids);
        ids.forEach((id, i) => {
          expect(id).toMatch(UUID_RE);
          expect(timeOf(id)).toBe(ascending[i]);
        });
      }),
      { numRuns: 300 },
    );
  });
});

describe('UUID_RE', () => {
  it.each(['0195939A-6F40-7ABC-8DEF-0123456789AB', '0195939a6f407abc8def0123456789ab', ' 0195939a-6f40-7abc-8def-0123456789ab', '0195939a-6f40-7abc-8def-0123456789ab\n'])(
    'refuses %j',
    (s) => {
      expect(UUID_RE.test(s)).toBe(false);
    },
  );
});

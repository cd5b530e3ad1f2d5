import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../../renderer/src/features/sync/backoff';

describe('backoff: exponential with full jitter, capped at a minute', () => {
  it('the first failure waits up to a second, each next one up to twice as long', () => {
    const top = () => 0.999_999;
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, top))).toEqual([999, 1999, 3999, 7999, 15_999, 31_999]);
  });

  it('full jitter: the draw spreads the wait from zero to the ceiling', () => {
    expect(backoffDelay(3, () => 0)).toBe(0);
    expect(backoffDelay(3, () => 0.5)).toBe(2000);
    expect(backoffDelay(3, () => 0.25)).toBe(1000);
  });

  it('never waits a minute or more, however many failures in a row', () => {
    for (const n of [7, 10, 30, 100, 10_000]) expect(backoffDelay(n, () => 0.999_999)).toBeLessThan(60_000);
    expect(backoffDelay(10_000, () => 0.5)).toBe(30_000);
  });
});

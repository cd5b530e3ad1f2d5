import { describe, expect, it } from 'vitest';
import { routingNumberProblem } from '../../../../shared/payments/routing-number';

/**
 * ABA routing numbers (reliability.md, validation anchors): 9 digits, weights 3-7-1 repeated, sum divisible
 * by 10; first two digits in 00-12, 21-32, 61-72 or 80. Known good: 021000021, 111000025.
 */
const CHECKSUM = 'fails its check digit (3-7-1); read it again from the bottom of the check';
const PREFIX = 'its first two digits must be 00-12, 21-32, 61-72 or 80';
const LENGTH = 'must be 9 digits';

/** The 3-7-1 sum, computed here without the code under test. */
function abaSum(digits: string): number {
  const w = [3, 7, 1, 3, 7, 1, 3, 7, 1];
  return [...digits].reduce((s, d, i) => s + Number(d) * (w[i] ?? 0), 0);
}

/** A routing number with this two-digit prefix and a correct ninth digit (weight 1: it closes the sum). */
function withValidChecksum(prefix: number): string {
  const body = `${String(prefix).padStart(2, '0')}123456`;
  const check = (10 - (abaSum(`${body}0`) % 10)) % 10;
  const r = `${body}${check}`;
  expect(abaSum(r) % 10).toBe(0);
  return r;
}

const inRange = (p: number) => p <= 12 || (p >= 21 && p <= 32) || (p >= 61 && p <= 72) || p === 80;

describe('routingNumberProblem', () => {
  it.each(['021000021', '111000025'])('accepts the known good %s', (r) => {
    expect(abaSum(r) % 10).toBe(0);
    expect(routingNumberProblem(r)).toBeNull();
  });

  it('refuses every one-digit change of 021000021 (all 9 positions × the 9 other digits)', () => {
    const good = '021000021';
    let tried = 0;
    for (let pos = 0; pos < 9; pos++) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === good[pos]) continue;
        const changed = `${good.slice(0, pos)}${d}${good.slice(pos + 1)}`;
        const prefixOk = inRange(Number(changed.slice(0, 2)));
        // The changed number fails the checksum; where its prefix is still allowed, that is the reason given.
        expect(abaSum(changed) % 10, changed).not.toBe(0);
        expect(routingNumberProblem(changed), changed).toBe(prefixOk ? CHECKSUM : PREFIX);
        tried++;
      }
    }
    expect(tried).toBe(81);
  });

  it('refuses every one-digit change of 111000025 as well', () => {
    const good = '111000025';
    for (let pos = 0; pos < 9; pos++) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === good[pos]) continue;
        const changed = `${good.slice(0, pos)}${d}${good.slice(pos + 1)}`;
        expect(routingNumberProblem(changed), changed).not.toBeNull();
      }
    }
  });

  it.each([
    ...Array.from({ length: 8 }, (_, i) => 13 + i), // 13-20
    ...Array.from({ length: 28 }, (_, i) => 33 + i), // 33-60
    ...Array.from({ length: 7 }, (_, i) => 73 + i), // 73-79
    ...Array.from({ length: 19 }, (_, i) => 81 + i), // 81-99
  ])('refuses the prefix %i even with a valid checksum', (prefix) => {
    expect(routingNumberProblem(withValidChecksum(prefix))).toBe(PREFIX);
  });

  it.each([
    ...Array.from({ length: 13 }, (_, i) => i), // 00-12
    ...Array.from({ length: 12 }, (_, i) => 21 + i), // 21-32
    ...Array.from({ length: 12 }, (_, i) => 61 + i), // 61-72
    80,
  ])('accepts the prefix %i with a valid checksum', (prefix) => {
    expect(routingNumberProblem(withValidChecksum(prefix))).toBeNull();
  });

  it('the allowed prefixes are exactly 00-12, 21-32, 61-72 and 80', () => {
    const accepted = Array.from({ length: 100 }, (_, p) => p).filter((p) => routingNumberProblem(withValidChecksum(p)) === null);
    expect(accepted).toEqual(Array.from({ length: 100 }, (_, p) => p).filter(inRange));
    expect(accepted).toHaveLength(38);
  });

  it.each([
    '',
    '02100002',
    '0210000210',
    '21000021',
    ' 021000021',
    '021000021 ',
    '021-000-021',
    '021 000 021',
    '02100002a',
    '٠٢١٠٠٠٠٢١', // Arabic-Indic digits
    '０２１００００２１', // full-width digits
    '2.1000021e8',
    '+21000021',
  ])('refuses %j: must be 9 digits', (r) => {
    expect(routingNumberProblem(r)).toBe(LENGTH);
  });
});

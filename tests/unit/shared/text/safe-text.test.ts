import { describe, expect, it } from 'vitest';
import { idProblem, idText, safeText, textProblem } from '../../../../shared/text/safe-text';
import { describeZodError } from '../../../../shared/sync/protocol';
import { z } from 'zod';

describe('safeText', () => {
  const memo = z.object({ memo: safeText(10) });
  const refusal = (v: string) => {
    const r = memo.safeParse({ memo: v });
    return r.success ? null : describeZodError(r.error).error;
  };

  it('takes plain text in any script, with emoji and accents', () => {
    expect(refusal('Đặng Thị ✓')).toBeNull();
    expect(refusal('Петрова 👍')).toBeNull();
    expect(refusal('')).toBeNull();
  });

  it('refuses text over the limit, naming the field and the limit', () => {
    expect(refusal('12345678901')).toBe('memo: must be at most 10 characters');
  });

  it('refuses a NUL, a tab, a newline, DEL and C1 controls with their position', () => {
    expect(refusal('ab\u0000c')).toBe('memo: holds a control character (U+0000) at position 3: remove it');
    expect(refusal('a\tb')).toMatch(/U\+0009/);
    expect(refusal('a\nb')).toMatch(/U\+000A/);
    expect(refusal('a\u007f')).toMatch(/U\+007F/);
    expect(refusal('a\u0085')).toMatch(/U\+0085/);
    expect(refusal('a\u2028')).toMatch(/U\+2028/);
  });

  it('refuses lone surrogates but takes a proper pair', () => {
    expect(refusal('a\uD83D')).toMatch(/lone surrogate/);
    expect(refusal('\uDC4Dab')).toMatch(/lone surrogate/);
    expect(refusal('\uD83D\uDC4D')).toBeNull();
  });

  it('refuses bidirectional overrides and isolates', () => {
    for (const c of ['\u202E', '\u202A', '\u2066', '\u2069', '\u200F']) expect(refusal(`ab${c}`)).toMatch(/text-direction/);
  });

  it('a required field says it must not be empty', () => {
    const r = safeText(5, 1).safeParse('');
    expect(r.success).toBe(false);
    expect(textProblem('plain')).toBeNull();
  });
});

describe('lengths and ids (cases the fuzz found)', () => {
  it('counts UTF-16 units, as an input does: 33 mathematical digits are 66 units, too long for a 64-character id', () => {
    const digits = '𝟖'.repeat(33);
    expect(digits.length).toBe(66);
    expect(safeText(64).safeParse(digits).success).toBe(false);
    expect(safeText(64).safeParse('𝟖'.repeat(32)).success).toBe(true);
  });

  it.each([
    ['   jdoe  ', 'must not start or end with a space'],
    ['jdoe\u200B', 'holds an invisible character (U+200B) at position 5: remove it'],
    ['j\u00ADdoe', 'holds an invisible character (U+00AD) at position 2: remove it'],
    ['ｊｄｏｅ', 'holds full-width or compatibility characters: type it with ordinary letters and digits'],
  ])('refuses the id %j, which looks like "jdoe"', (id, message) => {
    const r = z.object({ cashier: idText }).safeParse({ cashier: id });
    expect(r.success ? null : describeZodError(r.error)).toEqual({ error: `cashier: ${message}`, field: 'cashier' });
    expect(idProblem(id)).toBe(message);
  });

  it('keeps ordinary ids, accented names included', () => {
    for (const id of ['jdoe', 'wic-1', 'drawer-2025-03-14-wic-1', 'Zoë O’Brien']) expect(idText.safeParse(id).success).toBe(true);
  });
});

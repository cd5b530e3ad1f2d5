import { describe, expect, it } from 'vitest';
import { safeText, textProblem } from '../../../../shared/text/safe-text';
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

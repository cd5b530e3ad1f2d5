import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MoneyString } from '../../../../shared/money/money';
import { formatAmount, formatCalendarDate, formatDateTime, LABELS, LANGUAGES, LOCALES } from '../../../../shared/receipt/i18n';
import { centsToString } from '../fixtures';

const m = (s: string) => s as MoneyString;
/** Intl's no-break spaces, shown as plain spaces so the expectations read as printed. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('formatAmount', () => {
  it.each([
    ['en', '$182.40', '-$32.40', '$1,234,567.89'],
    ['es', '$182.40', '-$32.40', '$1,234,567.89'],
    ['vi', '182,40 US$', '-32,40 US$', '1.234.567,89 US$'],
    ['ru', '182,40 $', '-32,40 $', '1 234 567,89 $'],
    ['zh', 'US$182.40', '-US$32.40', 'US$1,234,567.89'],
  ] as const)('%s: %s, %s, %s', (language, a, b, c) => {
    expect(plain(formatAmount(m('182.40'), language))).toBe(a);
    expect(plain(formatAmount(m('-32.40'), language))).toBe(b);
    expect(plain(formatAmount(m('1234567.89'), language))).toBe(c);
  });

  it('property: the digits printed are exactly the digits of the two-decimal string (no float in between)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 14n) + 1n, max: 10n ** 14n - 1n }), fc.constantFrom(...LANGUAGES), (cents, language) => {
        const s = centsToString(cents);
        if (s === '-0.00') return;
        const printed = formatAmount(m(s), language);
        expect(printed.replace(/\D/g, '')).toBe(s.replace(/\D/g, ''));
        expect(printed.startsWith('-')).toBe(cents < 0n);
      }),
    );
  });

  it('refuses anything but a two-decimal string', () => {
    for (const bad of ['182.4', '1e3', '', '0.1000000000000000055', ' 1.00']) expect(() => formatAmount(m(bad), 'en')).toThrow(/two-decimal/);
  });
});

describe('formatDateTime', () => {
  const at = '2025-03-14T17:05:00.000Z';

  it.each([
    ['en', '03/14/2025, 10:05 AM'],
    ['es', '14/03/2025, 10:05 a.m.'],
    ['vi', '10:05 14/03/2025'],
    ['ru', '14.03.2025, 10:05'],
    ['zh', '2025/03/14 10:05'],
  ] as const)('%s writes the time in the utility’s zone: %s', (language, expected) => {
    expect(plain(formatDateTime(at, language, 'America/Los_Angeles'))).toBe(expected);
  });

  it('Portsmouth’s zone, passed by the caller, is three hours on; the computer’s zone plays no part', () => {
    expect(plain(formatDateTime(at, 'en', 'America/New_York'))).toBe('03/14/2025, 01:05 PM');
    expect(plain(formatDateTime(at, 'en'))).toBe('03/14/2025, 10:05 AM');
  });

  it('names a mistyped zone instead of throwing a bare RangeError', () => {
    expect(() => formatDateTime(at, 'en', 'America/Portland')).toThrow(/Unknown time zone "America\/Portland"/);
  });
});

describe('formatCalendarDate', () => {
  it('writes the due date with the month in words, the same day in every zone', () => {
    expect(formatCalendarDate('2025-03-21', 'en')).toBe('March 21, 2025');
    expect(formatCalendarDate('2025-03-21', 'vi')).toBe('21 tháng 3, 2025');
    expect(formatCalendarDate('2025-03-21', 'zh')).toBe('2025年3月21日');
    expect(() => formatCalendarDate('03/21/2025', 'en')).toThrow(/YYYY-MM-DD/);
  });
});

describe('LABELS', () => {
  it('has every label in every language (the type makes a missing one a compile error; this checks none is empty)', () => {
    const keys = Object.keys(LABELS.en).sort();
    for (const language of LANGUAGES) {
      expect(Object.keys(LABELS[language]).sort()).toEqual(keys);
      for (const [key, value] of Object.entries(LABELS[language])) {
        const text = typeof value === 'function' ? String((value as (...a: string[]) => string)('X1', 'X2')) : value;
        expect(text.trim(), `${language}.${key}`).not.toBe('');
      }
    }
    expect(Object.keys(LOCALES).sort()).toEqual([...LANGUAGES].sort());
  });

  it('prints of a card only the brand and the last four', () => {
    for (const language of LANGUAGES) expect(LABELS[language].card('Visa', '4242')).toMatch(/^\D*Visa\D*4242\D*$/);
  });
});

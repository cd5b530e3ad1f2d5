import { describe, expect, it } from 'vitest';
import { printRequestSchema } from '../../../../shared/bridge/bridge';
import { profiles, portlandWaterBureau } from '../../../../shared/profiles';
import { LANGUAGES } from '../../../../shared/receipt/i18n';
import { columns, PAPER } from '../../../../shared/receipt/layout';
import { voidSlipPrintData, voidSlipText, type VoidSlipInput } from '../../../../shared/receipt/receipt';
import { PAYMENT_ID } from '../fixtures';
import { missingWords, richCase, sampleVoid, splitCase, VOID_ID, visibleText } from './helpers';

function input(overrides: Partial<VoidSlipInput> = {}): VoidSlipInput {
  return { void: sampleVoid(), payment: splitCase().payment, profile: portlandWaterBureau, stationName: 'Walk-in window 1', paperWidth: '80mm', ...overrides };
}

const row = (label: string, value: string, width = 48) => `${label}${' '.repeat(width - columns(label) - columns(value))}${value}`;

describe('voidSlipPrintData', () => {
  const text = voidSlipText(input());

  it('says VOID, when, where, who voided it and which supervisor approved', () => {
    expect(text.map((l) => l.trim())).toContain('VOID');
    expect(text).toContain(row('Date', '03/14/2025, 10:20 AM'));
    expect(text).toContain(row('Station', 'Walk-in window 1'));
    expect(text).toContain(row('Cashier', 'jdoe'));
    expect(text).toContain(row('Approved by', 'msmith'));
    expect(text).toContain(row('Transaction', VOID_ID));
  });

  it('names the original transaction and its date, and the amounts reversed per account and in total', () => {
    const at = text.indexOf('Voided transaction');
    expect(text[at + 1]?.trim()).toBe(PAYMENT_ID);
    expect(text).toContain(row('Original date', '03/14/2025, 10:05 AM'));
    expect(text).toContain('Account 1000000001');
    expect(text).toContain(row('Reversed', '$100.00'));
    expect(text).toContain(row('Reversed', '$82.40'));
    expect(text).toContain(row('Total reversed', '$182.40'));
  });

  it('lists how the payment had been made, without routing numbers or approval codes', () => {
    const t = voidSlipText(input({ payment: richCase(portlandWaterBureau).payment })).join('\n');
    expect(t).toContain(row('Check #1234567890', '$100.00'));
    expect(t).toContain(row('Visa ending 4242', '$112.40'));
    expect(t).not.toContain('011000015');
    expect(t).not.toContain('APPR77');
  });

  it('gives the reason, wrapped', () => {
    expect(text.join(' ').replace(/\s+/g, ' ')).toContain('Reason: Applied to the wrong account; the customer pays 1000000002.');
  });

  it('refuses a void of another payment', () => {
    expect(() => voidSlipPrintData(input({ void: sampleVoid({ paymentId: '0195939a-6f40-7abc-8def-000000000000' }) }))).toThrow(/cancels payment/);
  });

  it('escapes the reason and the names', () => {
    const items = voidSlipPrintData(input({ void: sampleVoid({ reason: '<img src=x onerror=alert(1)>', cashier: '<b>jd</b>', approvedBy: '<script>x</script>' }) }));
    const values = items.map((i) => i.value).join('\n');
    expect(values).toContain('Reason: &lt;img src=x onerror=alert(1)&gt;');
    expect(values).not.toContain('<img');
    expect(values).not.toContain('<script');
    expect(printRequestSchema.safeParse({ items, paperWidth: '80mm' }).success).toBe(true);
  });

  it.each(Object.values(profiles).flatMap((p) => LANGUAGES.flatMap((l) => (['58mm', '80mm'] as const).map((w) => [p.id, l, w] as const))))(
    'fits %s %s %s',
    (profileId, language, paperWidth) => {
      const profile = profiles[profileId] ?? portlandWaterBureau;
      const i = input({ profile, language, paperWidth, payment: richCase(profile).payment });
      const width = PAPER[paperWidth].columns;
      for (const item of voidSlipPrintData(i)) expect(columns(visibleText(item))).toBeLessThanOrEqual(width);
      const lines = voidSlipText(i);
      expect(missingWords([i.void.reason, ...profile.receipt.headerLines, ...profile.center.addressLines], lines, width, columns)).toEqual([]);
    },
  );
});

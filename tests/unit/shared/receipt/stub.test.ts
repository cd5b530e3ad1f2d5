import JsBarcode from 'jsbarcode';
import { describe, expect, it } from 'vitest';
import { parseAccountEntry } from '../../../../shared/accounts/account-number';
import { printRequestSchema } from '../../../../shared/bridge/bridge';
import type { MoneyString } from '../../../../shared/money/money';
import { portlandWaterBureau, portsmouth, profiles } from '../../../../shared/profiles';
import { LANGUAGES } from '../../../../shared/receipt/i18n';
import { BAR_CODE_MODULE_PX, columns, PAPER } from '../../../../shared/receipt/layout';
import { billStubPrintData, billStubText, type BillStubInput } from '../../../../shared/receipt/stub';
import { accountFor, missingWords, visibleText } from './helpers';

const m = (s: string) => s as MoneyString;

function input(overrides: Partial<BillStubInput> = {}): BillStubInput {
  return { account: accountFor(portlandWaterBureau, 1), profile: portlandWaterBureau, amountDue: m('182.40'), dueDate: '2025-03-21', paperWidth: '80mm', ...overrides };
}

const barCodeOf = (i: BillStubInput) => {
  const item = billStubPrintData(i).find((x) => x.type === 'barCode');
  if (!item) throw new Error('no bar code');
  return item;
};

describe('billStubPrintData', () => {
  it('shows the account number as the profile writes it, the name, service address, amount due and due date', () => {
    const text = billStubText(input()).join('\n');
    expect(text).toContain('Payment stub');
    expect(text).toMatch(/Account +1000000001/);
    expect(text).toMatch(/Name +Maria Delgado/);
    expect(text).toContain('1234 NE Alberta St, Portland, OR 97211');
    expect(text).toMatch(/Amount due +\$182\.40/);
    expect(text).toMatch(/Due date +March 21, 2025/);
    const ports = billStubText(input({ profile: portsmouth, account: accountFor(portsmouth, 1), dueDate: null })).join('\n');
    expect(ports).toMatch(/Account +1000000000-01/);
    expect(ports).toMatch(/Due date +Due on receipt/);
  });

  it.each(Object.values(profiles).map((p) => [p.id, p] as const))('%s: the bar code reads back, through the scan-line parser, as the same account and amount due', (_id, profile) => {
    for (const amountDue of ['0.01', '182.40', '9999999.99']) {
      const account = accountFor(profile, 7);
      const value = barCodeOf(input({ profile, account, amountDue: m(amountDue) })).value;
      expect(parseAccountEntry(value, profile.accountNumber)).toEqual({ ok: true, kind: 'scan', account: account.number, amountDue });
    }
  });

  it('is drawn as Code 128, one px per module with its quiet zones, within the narrower paper', () => {
    for (const profile of Object.values(profiles)) {
      const item = barCodeOf(input({ profile, account: accountFor(profile, 1), amountDue: m('9999999.99'), paperWidth: '58mm' }));
      // electron-pos-printer 1.4.0 calls JsBarcode with these options and no `format` (renderer.js, "barCode").
      const drawn: { encodings?: Array<{ data: string; options: { format: string; marginLeft: number; marginRight: number } }> } = {};
      JsBarcode(drawn, item.value, { lineColor: '#000', textMargin: 0, fontOptions: 'bold', fontSize: item.fontsize ?? 12, width: Number(item.width), height: Number(item.height), displayValue: Boolean(item.displayValue) });
      const encodings = drawn.encodings ?? [];
      expect(encodings.map((e) => e.options.format)).toEqual(['CODE128']);
      const modules = encodings.reduce((n, e) => n + e.data.length, 0);
      const first = encodings[0];
      expect(first?.options.marginLeft).toBeGreaterThanOrEqual(10); // Code 128 wants 10 modules of quiet zone each side.
      expect(modules * BAR_CODE_MODULE_PX + (first?.options.marginLeft ?? 0) + (first?.options.marginRight ?? 0)).toBeLessThanOrEqual(PAPER['58mm'].pagePx);
    }
  });

  it.each(Object.values(profiles).flatMap((p) => LANGUAGES.flatMap((l) => (['58mm', '80mm'] as const).map((w) => [p.id, l, w] as const))))('fits %s %s %s', (profileId, language, paperWidth) => {
    const profile = profiles[profileId] ?? portlandWaterBureau;
    const account = accountFor(profile, 1, { name: 'Dmitri Alexandrovich Sokolov-Petrov', serviceAddress: '8812 SE Foster Rd, Apt 14B, Portland, OR 97266' });
    const i = input({ profile, account, language, paperWidth });
    const width = PAPER[paperWidth].columns;
    for (const item of billStubPrintData(i)) expect(columns(visibleText(item))).toBeLessThanOrEqual(width);
    expect(missingWords([account.name, account.serviceAddress], billStubText(i), width, columns)).toEqual([]);
    expect(printRequestSchema.safeParse({ items: billStubPrintData(i), paperWidth }).success).toBe(true);
  });

  it('prints a name with markup as text', () => {
    const items = billStubPrintData(input({ account: accountFor(portlandWaterBureau, 1, { name: '<img src=x onerror=alert(1)>' }) }));
    const values = items.map((x) => x.value).join('\n');
    expect(values).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(values).not.toContain('<img');
    expect(printRequestSchema.safeParse({ items, paperWidth: '80mm' }).success).toBe(true);
  });
});

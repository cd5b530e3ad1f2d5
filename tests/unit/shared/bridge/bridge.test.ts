import { describe, expect, it } from 'vitest';
import {
  reasonClause,
  connectionTestSchema, hasForeignMarkup, keepSavedToken, MARKUP_RULE_MESSAGE, NO_TOKEN_TO_KEEP, posPrintItemSchema, printRequestSchema, stationSetupSchema,
  testPageTargetSchema,
} from '../../../../shared/bridge/bridge';

const items = [{ type: 'text', value: 'Receipt' }];

describe('printRequestSchema', () => {
  it('defaults to one copy and a closed drawer', () => {
    expect(printRequestSchema.parse({ items, paperWidth: '80mm' })).toEqual({ items, paperWidth: '80mm', copies: 1, openDrawer: false });
  });

  it.each([
    [{ items: [], paperWidth: '80mm' }, 'items'],
    [{ items: Array.from({ length: 501 }, () => items[0]), paperWidth: '80mm' }, 'items'],
    [{ items, paperWidth: 'A4' }, 'paperWidth'],
    [{ items, paperWidth: '80mm', copies: 4 }, 'copies'],
    [{ items, paperWidth: '80mm', copies: 0 }, 'copies'],
    [{ items, paperWidth: '80mm', copies: 1.5 }, 'copies'],
    [{ items: [{ type: 'text', value: 'x'.repeat(4001) }], paperWidth: '80mm' }, 'items.0.value'],
    [{ items: [{ type: 'image', path: '/etc/passwd' }], paperWidth: '80mm' }, 'items.0.type'],
  ])('refuses %#: %s', (request, path) => {
    const r = printRequestSchema.safeParse(request);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual([path]);
  });
});

describe('posPrintItemSchema: bar codes', () => {
  it('accepts 1-80 printable ASCII characters', () => {
    expect(posPrintItemSchema.safeParse({ type: 'barCode', value: '0195939a-6f40', position: 'center' }).success).toBe(true);
  });

  it.each(['', 'x'.repeat(81), 'Nguyễn', 'a\nb'])('refuses %j with the rule', (value) => {
    const r = posPrintItemSchema.safeParse({ type: 'barCode', value });
    expect(r.error?.issues.map((i) => ({ path: i.path, message: i.message }))).toEqual([
      { path: ['value'], message: 'must be 1-80 printable ASCII characters' },
    ]);
  });

  it('refuses a font size outside 6-40', () => {
    expect(posPrintItemSchema.safeParse({ type: 'barCode', value: 'x', fontsize: 41 }).success).toBe(false);
    expect(posPrintItemSchema.safeParse({ type: 'barCode', value: 'x', fontsize: 6 }).success).toBe(true);
  });
});

describe('the markup rule (shared by the browser preview and counter:print)', () => {
  it.each([
    'Receipt',
    '<span>Total</span><span>$182.40</span>',
    '<b>Change</b><br><strong>$17.60</strong><br/>',
    'Water &amp; &lt;Sewer&gt;',
  ])('accepts %j', (value) => {
    expect(posPrintItemSchema.safeParse({ type: 'text', value }).success).toBe(true);
    expect(hasForeignMarkup(value)).toBe(false);
  });

  it.each([
    '<img src=x onerror=alert(1)>',
    '<span onclick="x()">a</span>',
    '<script>require("child_process")</script>',
    '<svg/onload=alert(1)>',
    '<SPAN style="x">a</SPAN>',
    '<iframe src="file:///etc/passwd">',
    'a > b',
    'a < b',
  ])('refuses %j with the rule, on the item value', (value) => {
    const r = printRequestSchema.safeParse({ items: [{ type: 'text', value: 'Receipt' }, { type: 'text', value }], paperWidth: '80mm' });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => ({ path: i.path, message: i.message }))).toEqual([{ path: ['items', 1, 'value'], message: MARKUP_RULE_MESSAGE }]);
  });

  it('refuses url(...) in any style, by its key', () => {
    const r = printRequestSchema.safeParse({ items: [{ type: 'text', value: 'x', style: { fontSize: '12px', backgroundImage: 'URL("https://evil.example/?d=1")' } }], paperWidth: '80mm' });
    expect(r.error?.issues.map((i) => i.path)).toEqual([['items', 0, 'style', 'backgroundImage']]);
    expect(posPrintItemSchema.safeParse({ type: 'text', value: 'x', style: { background: 'url (x)' } }).success).toBe(false);
  });

  it('takes only the styles receipts use, with plain values: no image-set(), escapes or cssText', () => {
    const style = (s: Record<string, string>) => posPrintItemSchema.safeParse({ type: 'text', value: 'x', style: s });
    expect(style({ fontFamily: 'monospace', fontSize: '12px', borderTop: '1px dashed #000', margin: '4px 0', textAlign: 'right' }).success).toBe(true);
    for (const bad of <Array<Record<string, string>>>[
      { fontFamily: 'image-set("http://evil.example/a.png" 1x)' },
      { fontFamily: 'u\\72l(http://evil.example/)' },
      { fontFamily: 'x; background: red' },
      { fontSize: "12px'" },
      { cssText: 'background: url(http://evil.example/)' },
      { backgroundImage: 'none' },
      { fontFamily: 'a'.repeat(61) },
    ]) {
      expect(style(bad).success, JSON.stringify(bad)).toBe(false);
    }
    const r = printRequestSchema.safeParse({ items: [{ type: 'text', value: 'x', style: { cssText: 'color: red' } }], paperWidth: '80mm' });
    expect(r.error?.issues.map((i) => i.path)).toEqual([['items', 0, 'style', 'cssText']]);
  });
});

describe('the station token in setup and settings', () => {
  const settings = { stationId: 'wic-1', stationName: 'Window 1', centralUrl: 'https://central.example.org', profileId: 'pwb' };

  it('takes an empty token (keep the saved one) or a whole one', () => {
    expect(stationSetupSchema.parse({ ...settings, token: '' }).token).toBe('');
    expect(stationSetupSchema.parse({ ...settings, token: 'station-token' }).token).toBe('station-token');
    expect(connectionTestSchema.parse({ centralUrl: settings.centralUrl, token: '' })).toEqual({ centralUrl: settings.centralUrl, token: '' });
  });

  it("refuses a short one with setup's own words, on the token", () => {
    const r = stationSetupSchema.safeParse({ ...settings, token: 'short' });
    expect(r.error?.issues.map((i) => ({ path: i.path, message: i.message }))).toEqual([
      { path: ['token'], message: 'must be the station token central issued (8 characters or more)' },
    ]);
    expect(connectionTestSchema.safeParse({ centralUrl: settings.centralUrl }).error?.issues[0]?.path).toEqual(['token']);
  });

  it('keepSavedToken: empty takes the saved token; a typed one stays; with none saved, refused naming the field', () => {
    const stored = { centralUrl: 'https://central.example.org', token: 'saved-token-123' };
    expect(keepSavedToken({ ...settings, token: '' }, stored)).toEqual({ ok: true, value: { ...settings, token: 'saved-token-123' } });
    expect(keepSavedToken({ centralUrl: 'https://new.example.org', token: 'typed-token-456' }, stored)).toEqual({ ok: true, value: { centralUrl: 'https://new.example.org', token: 'typed-token-456' } });
    expect(keepSavedToken({ centralUrl: 'https://new.example.org', token: 'typed-token-456' }, null)).toMatchObject({ ok: true });
    expect(keepSavedToken({ ...settings, token: '' }, null)).toEqual({ ok: false, error: NO_TOKEN_TO_KEEP });
    expect(NO_TOKEN_TO_KEEP).toMatch(/^Station token: /);
  });

  it('keepSavedToken sends the saved token only to the central it was saved for', () => {
    const stored = { centralUrl: 'https://central.example.org/', token: 'saved-token-123' };
    expect(keepSavedToken({ centralUrl: 'https://central.example.org', token: '' }, stored)).toMatchObject({ ok: true, value: { token: 'saved-token-123' } });
    for (const centralUrl of ['https://evil.example', 'http://central.example.org', 'https://central.example.org.evil.example']) {
      expect(keepSavedToken({ centralUrl, token: '' }, stored)).toEqual({
        ok: false,
        error: `Station token: the saved token is only sent to https://central.example.org; enter the token central issued for ${new URL(centralUrl).origin}`,
      });
    }
  });
});

describe('testPageTargetSchema', () => {
  it("is the station's printer, paper width and name, with setup's defaults", () => {
    expect(testPageTargetSchema.parse({ stationName: 'Window 3' })).toEqual({ stationName: 'Window 3', printerName: '', paperWidth: '80mm' });
    expect(testPageTargetSchema.parse({ stationName: 'Window 3', printerName: 'TM-T20', paperWidth: '58mm', token: 'dropped' })).toEqual({
      stationName: 'Window 3', printerName: 'TM-T20', paperWidth: '58mm',
    });
  });

  it.each([
    [{ stationName: '', printerName: 'TM-T20' }, 'stationName'],
    [{ stationName: 'W', paperWidth: 'A4' }, 'paperWidth'],
    [{ stationName: 'W', printerName: null }, 'printerName'],
  ])('refuses %j on %s', (target, path) => {
    expect(testPageTargetSchema.safeParse(target).error?.issues.map((i) => i.path.join('.'))).toEqual([path]);
  });
});

describe('reasonClause', () => {
  it('drops the closing full stop so the screen sentence reads once', () => {
    expect(`Receipt not printed: ${reasonClause('The printer "TM-T20" was not found on this computer.')}. The payment is recorded.`).toBe(
      'Receipt not printed: The printer "TM-T20" was not found on this computer. The payment is recorded.',
    );
    expect(reasonClause('Printer TM-T20 is offline')).toBe('Printer TM-T20 is offline');
  });
});

describe('print items with hostile text (cases the fuzz found)', () => {
  it.each(['Paid \u202E04.281$', 'Paid\t$182.40', 'Paid \uD800'])('refuses the text %j', (value) => {
    const r = printRequestSchema.safeParse({ items: [{ type: 'text', value }], paperWidth: '80mm' });
    expect(r.success ? [] : r.error.issues.map((i) => i.path.join('.'))).toEqual(['items.0.value']);
  });

  it('refuses a bar code size that is not a plain value', () => {
    const r = printRequestSchema.safeParse({ items: [{ type: 'barCode', value: '123', height: '40;background:url(x)' }], paperWidth: '80mm' });
    expect(r.success ? [] : r.error.issues.map((i) => i.path.join('.'))).toEqual(['items.0.height']);
  });
});

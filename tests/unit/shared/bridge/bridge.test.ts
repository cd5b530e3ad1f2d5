import { describe, expect, it } from 'vitest';
import { hasForeignMarkup, MARKUP_RULE_MESSAGE, posPrintItemSchema, printRequestSchema } from '../../../../shared/bridge/bridge';

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
});

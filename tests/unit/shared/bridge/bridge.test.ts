import { describe, expect, it } from 'vitest';
import { posPrintItemSchema, printRequestSchema } from '../../../../shared/bridge/bridge';

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

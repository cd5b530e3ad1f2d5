import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { printRequestSchema } from '../../../../shared/bridge/bridge';
import { columns, LineBuilder, MONOSPACE_ADVANCE_EM, normalizeText, PAPER, toPlainText, toPrintItems, wrap } from '../../../../shared/receipt/layout';
import { ruler, testPageLines, testPagePrintData } from '../../../../shared/receipt/test-page';

describe('PAPER', () => {
  it.each(Object.entries(PAPER))('%s: its columns of monospace fit the page electron-pos-printer lays out', (_width, paper) => {
    expect(paper.columns * paper.fontSizePx * MONOSPACE_ADVANCE_EM).toBeLessThanOrEqual(paper.pagePx);
  });

  it('is the thermal printers’ 32 and 48 columns', () => {
    expect(PAPER['58mm'].columns).toBe(32);
    expect(PAPER['80mm'].columns).toBe(48);
  });
});

describe('columns', () => {
  it.each([
    ['', 0],
    ['Receipt', 7],
    ['$182.40', 7],
    ['Nguyễn Thị Minh Khai', 20],
    // The same name decomposed (NFD): combining marks take no column.
    ['Nguyễn Thị Minh Khai'.normalize('NFD'), 20],
    ['收据', 4],
    ['本次入账 US$182.40', 18],
    ['（余额的 50%）', 14],
    ['Квитанция', 9],
  ])('%j takes %i columns', (text, n) => {
    expect(columns(text)).toBe(n);
  });
});

describe('normalizeText', () => {
  it('makes whitespace runs and line breaks one space, keeps no-break spaces, drops bidi overrides', () => {
    expect(normalizeText('  a\t\n b  ')).toBe('a b');
    expect(normalizeText('182,40\u00a0US$')).toBe('182,40\u00a0US$');
    expect(normalizeText('10:05\u202fAM')).toBe('10:05\u00a0AM');
    expect(normalizeText('Ana \u202eacirémA\u202c')).toBe('Ana acirémA');
  });
});

describe('wrap', () => {
  it('breaks at spaces and keeps words whole', () => {
    expect(wrap('1234 NE Alberta St, Portland, OR 97211', 32)).toEqual(['1234 NE Alberta St, Portland, OR', '97211']);
    expect(wrap('Thank you.', 32)).toEqual(['Thank you.']);
    expect(wrap('', 32)).toEqual(['']);
  });

  it('splits a word longer than the line after its hyphens, never inside a group', () => {
    expect(wrap('0195939a-6f40-7abc-8def-0123456789ab', 32)).toEqual(['0195939a-6f40-7abc-8def-', '0123456789ab']);
    expect(wrap('Transaction 0195939a-6f40-7abc-8def-0123456789ab', 48)).toEqual(['Transaction 0195939a-6f40-7abc-8def-0123456789ab']);
  });

  it('cuts a word only when it has no hyphen and is longer than a whole line', () => {
    expect(wrap('x'.repeat(40), 32)).toEqual(['x'.repeat(32), 'x'.repeat(8)]);
  });

  it('breaks Chinese between characters, never before closing or after opening punctuation', () => {
    const lines = wrap('恢复服务须先入账 US$206.35（余额的 50%），余款须办理分期付款。', 32);
    expect(lines).toEqual(['恢复服务须先入账 US$206.35（余额', '的 50%），余款须办理分期付款。']);
    for (const line of lines) {
      expect(line).not.toMatch(/^[，。）：]/);
      expect(line).not.toMatch(/（$/);
    }
  });

  it('property: every line fits, and every word that fits a line comes out whole and in order', () => {
    const word = fc.oneof(
      fc.stringMatching(/^[A-Za-z0-9$.,#-]{1,14}$/),
      fc.constantFrom('Nguyễn', 'Thị', 'Khai', 'Квитанция', 'задолженности', '182,40\u00a0US$', 'US$1,234.56', 'Sokolov-Petrov'),
    );
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 30 }), fc.integer({ min: 8, max: 48 }), (words, width) => {
        const lines = wrap(words.join(' '), width);
        for (const line of lines) expect(columns(line)).toBeLessThanOrEqual(width);
        const out = lines.flatMap((l) => l.split(' '));
        if (words.every((w) => columns(w) <= width)) expect(out).toEqual(words);
        // Whatever was cut, nothing was lost or added.
        expect(lines.join('').replace(/ /g, '')).toBe(words.join(''));
      }),
    );
  });

  it('property: Chinese and mixed text fits, and loses no character', () => {
    const piece = fc.oneof(fc.constantFrom('恢复', '服务', '余额的', '（', '）', '，', '。', '账户', '收据', ' ', 'US$12.00', '50%'), fc.stringMatching(/^[a-z]{1,6}$/));
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 40 }), fc.integer({ min: 8, max: 48 }), (pieces, width) => {
        const text = normalizeText(pieces.join(''));
        const lines = wrap(text, width);
        for (const line of lines) expect(columns(line)).toBeLessThanOrEqual(width);
        expect(lines.join('').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
      }),
    );
  });
});

describe('LineBuilder.row', () => {
  it('puts label and value on one line when both fit', () => {
    expect(new LineBuilder(32).row('Total paid', '$182.40').lines).toEqual([{ kind: 'row', label: 'Total paid', value: '$182.40', bold: false }]);
  });

  it('otherwise prints the label, then the amount on its own right-aligned line', () => {
    const lines = new LineBuilder(32).row('American Express ending 1234', '$99,999,999.99').lines;
    expect(toPlainText(lines, '58mm')).toEqual(['American Express ending 1234', '                  $99,999,999.99']);
  });

  it('a text value that does not fit is wrapped from the left', () => {
    const lines = new LineBuilder(32).row('Service address', '8812 SE Foster Rd, Apt 14B, Portland, OR 97266', { valueAlign: 'left' }).lines;
    expect(toPlainText(lines, '58mm')).toEqual(['Service address', '8812 SE Foster Rd, Apt 14B,', 'Portland, OR 97266']);
  });
});

describe('toPrintItems', () => {
  const lines = new LineBuilder(32).text('Portland & <Water>', { align: 'center', bold: true }).row('Cashier', '<svg onload=x>').rule().barCode('10000000010000182409').lines;
  const items = toPrintItems(lines, '58mm');

  it('escapes every text, and adds only a bare <span> pair per row', () => {
    expect(items[0]).toMatchObject({ type: 'text', value: 'Portland &amp; &lt;Water&gt;' });
    expect(items[1]).toMatchObject({ type: 'text', value: '<span>Cashier</span><span>&lt;svg onload=x&gt;</span>' });
  });

  it('keeps spacing as laid out (white-space: pre) at the paper’s font size', () => {
    for (const item of items.slice(0, 2)) {
      expect(item.type === 'text' && item.style).toMatchObject({ whiteSpace: 'pre', fontFamily: 'monospace', fontSize: '11px' });
    }
    expect(toPrintItems(lines, '80mm')[0]).toMatchObject({ style: { fontSize: '10px' } });
  });

  it('draws a bar code one px per module, centred, with its digits under it', () => {
    expect(items[3]).toEqual({ type: 'barCode', value: '10000000010000182409', width: '1', height: '48', displayValue: true, position: 'center', fontsize: 12 });
  });

  it('is a valid print request', () => {
    expect(printRequestSchema.safeParse({ items, paperWidth: '58mm' }).success).toBe(true);
  });
});

describe('the test page', () => {
  const input = { stationName: 'Walk-in window 1', printerName: 'EPSON TM-T20III', printedAt: '2025-03-14T17:05:00.000Z', timeZone: 'America/Los_Angeles' } as const;

  it('has a ruler exactly as wide as the paper’s columns', () => {
    expect(ruler(12)).toBe('....:....1..');
    for (const paperWidth of ['58mm', '80mm'] as const) {
      const text = toPlainText(testPageLines({ ...input, paperWidth }), paperWidth);
      expect(text).toContain(ruler(PAPER[paperWidth].columns));
      for (const line of text) expect(columns(line)).toBeLessThanOrEqual(PAPER[paperWidth].columns);
    }
  });

  it('names the station, printer, paper and time, and is a valid print request', () => {
    const text = toPlainText(testPageLines({ ...input, paperWidth: '80mm' }), '80mm').join('\n');
    expect(text).toContain('EPSON TM-T20III');
    expect(text).toContain('80mm, 48 columns');
    expect(text).toContain('03/14/2025, 10:05 AM');
    expect(printRequestSchema.safeParse({ items: testPagePrintData({ ...input, paperWidth: '80mm' }), paperWidth: '80mm' }).success).toBe(true);
  });
});

/**
 * Fixed-width line layout for the thermal printer: the paper table, column counting, word wrapping, and
 * the step from laid-out lines to electron-pos-printer items (and to plain text, for tests and a console).
 *
 * Every document (receipt, void slip, bill stub, test page) is first a list of `Line`s that already fit the
 * paper's columns; only then is it turned into HTML. So "no line is cut or wraps mid-word" is decided here,
 * in columns, and the printer's own wrapping never gets a say (`white-space: pre`).
 */
import type { PaperWidth } from '../station';
import { escapeHtml, type PosPrintItem, type PrintStyle } from './print-data';

/**
 * Columns per line and the font size that makes them fit. electron-pos-printer lays the page out in a
 * window 219 px (58 mm) or 302 px (80 mm) wide, and common monospace fonts advance 0.6 em per character
 * (DejaVu Sans Mono 0.602, Consolas 0.55, Courier New 0.6): 32 columns of 12 px would take ~231 px and be
 * cut at 58 mm, so the font is sized to the columns instead (32 × 11 px × 0.61 ≈ 215 px; 48 × 10 × 0.61 ≈ 293).
 * 32 and 48 are the columns of a thermal printer's own font A at 203 dpi on these papers.
 */
export const PAPER: Readonly<Record<PaperWidth, { columns: number; fontSizePx: number; pagePx: number }>> = {
  '58mm': { columns: 32, fontSizePx: 11, pagePx: 219 },
  '80mm': { columns: 48, fontSizePx: 10, pagePx: 302 },
};

/** The widest advance, in em, of the monospace fonts we size for (see PAPER). */
export const MONOSPACE_ADVANCE_EM = 0.61;

/** One laid-out line. Texts are plain (not yet escaped) and already fit the paper's columns. */
export type Line =
  | { kind: 'text'; text: string; align: 'left' | 'center' | 'right'; bold: boolean }
  /** A label on the left and a value on the right; columns(label) + 1 + columns(value) fits. */
  | { kind: 'row'; label: string; value: string; bold: boolean }
  | { kind: 'rule' }
  | { kind: 'barCode'; value: string };

// East Asian Wide and Fullwidth ranges (Unicode UAX #11) that occur in text we print: CJK ideographs and
// punctuation, kana, Hangul, fullwidth forms, common emoji. Vietnamese is Latin script with diacritics: one
// column each.
const WIDE: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f],
  [0x1f900, 0x1f9ff],
  [0x20000, 0x3fffd],
];

/** Combining marks and zero-width characters: they take no column of their own. */
const ZERO_WIDTH: ReadonlyArray<readonly [number, number]> = [
  [0x0300, 0x036f],
  [0x1ab0, 0x1aff],
  [0x1dc0, 0x1dff],
  [0x200b, 0x200f],
  [0x20d0, 0x20ff],
  [0x2060, 0x2060],
  [0xfe20, 0xfe2f],
  [0xfeff, 0xfeff],
];

const inRanges = (ranges: ReadonlyArray<readonly [number, number]>, cp: number) => ranges.some(([from, to]) => cp >= from && cp <= to);

function isWide(codePoint: number): boolean {
  return inRanges(WIDE, codePoint);
}

/** How many monospace columns a text takes: wide characters count 2, combining marks 0. */
export function columns(text: string): number {
  let n = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    n += inRanges(ZERO_WIDTH, cp) ? 0 : isWide(cp) ? 2 : 1;
  }
  return n;
}

/**
 * Text as it is laid out: NFC (a decomposed "ễ" is one column, not three code points), runs of ordinary
 * whitespace and control characters made one space. No-break spaces stay: Intl puts them inside amounts and
 * dates (U+202F and U+2009 become U+00A0, which every monospace font has at one column). Bidi overrides
 * and isolates are dropped: in a name they could show the line's characters in another order than stored.
 */
export function normalizeText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/[\u202f\u2009]/g, '\u00a0')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f\u1680\u2000-\u2008\u200a\u2028\u2029\u205f ]+/g, ' ')
    .trim();
}

/** CJK punctuation that must not start a line, and that which must not end one. */
const NO_BREAK_BEFORE = /^[、。，．：；！？）」』】〉》”’]$/;
const NO_BREAK_AFTER = /^[（「『【〈《“‘]$/;

/** Between two characters with no space: a line may break next to a wide (CJK) character, bar punctuation rules. */
function canBreakBetween(before: string, after: string): boolean {
  const wide = isWide(before.codePointAt(0) ?? 0) || isWide(after.codePointAt(0) ?? 0);
  return wide && !NO_BREAK_BEFORE.test(after) && !NO_BREAK_AFTER.test(before);
}

type Token = { text: string; spaceBefore: boolean };

/** Unbreakable pieces: a run of characters between break opportunities, and whether a space preceded it. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let current: Token | null = null;
  let previous = '';
  let spaceBefore = false;
  for (const ch of text) {
    if (ch === ' ') {
      if (current) tokens.push(current);
      current = null;
      spaceBefore = true;
    } else if (current === null || canBreakBetween(previous, ch)) {
      if (current) tokens.push(current);
      current = { text: ch, spaceBefore };
      spaceBefore = false;
    } else {
      current.text += ch;
    }
    previous = ch;
  }
  if (current) tokens.push(current);
  return tokens;
}

/** A piece longer than the line: split after hyphens (a word boundary), and only as a last resort mid-word. */
function splitLong(piece: string, width: number): string[] {
  const parts = piece.split(/(?<=-)/);
  const out: string[] = [];
  let line = '';
  for (const part of parts) {
    if (line !== '' && columns(line + part) <= width) {
      line += part;
      continue;
    }
    if (line !== '') out.push(line);
    line = part;
    // No hyphen left to break at (say a 40-character e-mail address on 32 columns): cut by columns.
    while (columns(line) > width) {
      let head = '';
      for (const ch of line) {
        if (head !== '' && columns(head + ch) > width) break;
        head += ch;
      }
      out.push(head);
      line = line.slice(head.length);
    }
  }
  if (line !== '') out.push(line);
  return out;
}

/**
 * Word-wraps a text to lines of at most `width` columns, breaking at spaces, between CJK characters, and
 * (for a word longer than a line) after hyphens. Returns at least one line ('' for an empty text).
 */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const token of tokenize(normalizeText(text))) {
    const joined = line === '' ? token.text : `${line}${token.spaceBefore ? ' ' : ''}${token.text}`;
    if (columns(joined) <= width) {
      line = joined;
      continue;
    }
    if (line !== '') lines.push(line);
    if (columns(token.text) <= width) {
      line = token.text;
    } else {
      const pieces = splitLong(token.text, width);
      lines.push(...pieces.slice(0, -1));
      line = pieces.at(-1) ?? '';
    }
  }
  lines.push(line);
  return lines;
}

/** Builds a document's lines for one paper width; every method keeps the lines within the columns. */
export class LineBuilder {
  readonly lines: Line[] = [];
  constructor(readonly width: number) {}

  /** A paragraph, word-wrapped. Empty texts print nothing. */
  text(text: string, options: { align?: 'left' | 'center' | 'right'; bold?: boolean } = {}): this {
    if (normalizeText(text) === '') return this;
    for (const line of wrap(text, this.width)) this.lines.push({ kind: 'text', text: line, align: options.align ?? 'left', bold: options.bold ?? false });
    return this;
  }

  /**
   * A label and its value on one line when both fit; otherwise the label (wrapped), then the value on lines
   * of its own: right-aligned for an amount, left-aligned for a text such as a name.
   */
  row(label: string, value: string, options: { bold?: boolean; valueAlign?: 'left' | 'right' } = {}): this {
    const l = normalizeText(label);
    const v = normalizeText(value);
    const bold = options.bold ?? false;
    if (columns(l) + 1 + columns(v) <= this.width) {
      this.lines.push({ kind: 'row', label: l, value: v, bold });
      return this;
    }
    this.text(l, { bold });
    const valueLines = wrap(v, this.width);
    const align = valueLines.length === 1 ? (options.valueAlign ?? 'right') : 'left';
    for (const line of valueLines) this.lines.push({ kind: 'text', text: line, align, bold });
    return this;
  }

  rule(): this {
    this.lines.push({ kind: 'rule' });
    return this;
  }

  barCode(value: string): this {
    this.lines.push({ kind: 'barCode', value });
    return this;
  }
}

/** The font stack the columns were sized for; `monospace` alone lets each platform pick its fixed font. */
const FONT_FAMILY = 'monospace';

function baseStyle(paperWidth: PaperWidth): PrintStyle {
  return {
    fontFamily: FONT_FAMILY,
    fontSize: `${PAPER[paperWidth].fontSizePx}px`,
    lineHeight: '1.3',
    // Our spacing and line breaks are final: the page must neither collapse nor re-wrap them.
    whiteSpace: 'pre',
    margin: '0',
    padding: '0',
  };
}

/** Bar code module width in px: JsBarcode draws each Code 128 module this wide (see stub.ts). */
export const BAR_CODE_MODULE_PX = 1;
export const BAR_CODE_HEIGHT_PX = 48;

/**
 * The lines as electron-pos-printer items. Every text is escaped here, once, whatever its source; the only
 * markup added is a bare <span> pair per row, which the bridge's markup rule allows.
 */
export function toPrintItems(lines: readonly Line[], paperWidth: PaperWidth): PosPrintItem[] {
  const base = baseStyle(paperWidth);
  return lines.map((line): PosPrintItem => {
    switch (line.kind) {
      case 'text':
        return { type: 'text', value: escapeHtml(line.text), style: { ...base, textAlign: line.align, fontWeight: line.bold ? '700' : '400' } };
      case 'row':
        // Flex puts the value flush right whatever the font's real CJK advance; the columns were checked above.
        return {
          type: 'text',
          value: `<span>${escapeHtml(line.label)}</span><span>${escapeHtml(line.value)}</span>`,
          style: { ...base, display: 'flex', justifyContent: 'space-between', fontWeight: line.bold ? '700' : '400' },
        };
      case 'rule':
        return { type: 'text', value: '', style: { borderTop: '1px dashed #000', margin: '4px 0' } };
      case 'barCode':
        return { type: 'barCode', value: line.value, width: String(BAR_CODE_MODULE_PX), height: String(BAR_CODE_HEIGHT_PX), displayValue: true, position: 'center', fontsize: 12 };
      default: {
        const never: never = line;
        throw new Error(`Unknown line ${JSON.stringify(never)}`);
      }
    }
  });
}

/** The lines as plain text at the paper's columns, padded as the printer would place them. */
export function toPlainText(lines: readonly Line[], paperWidth: PaperWidth): string[] {
  const width = PAPER[paperWidth].columns;
  const pad = (n: number) => ' '.repeat(Math.max(0, n));
  return lines.map((line) => {
    switch (line.kind) {
      case 'text': {
        const free = width - columns(line.text);
        if (line.align === 'center') return `${pad(Math.floor(free / 2))}${line.text}`;
        if (line.align === 'right') return `${pad(free)}${line.text}`;
        return line.text;
      }
      case 'row':
        return `${line.label}${pad(width - columns(line.label) - columns(line.value))}${line.value}`;
      case 'rule':
        return '-'.repeat(width);
      case 'barCode': {
        const text = `|||| ${line.value} ||||`;
        return `${pad(Math.floor((width - columns(text)) / 2))}${text}`;
      }
      default: {
        const never: never = line;
        throw new Error(`Unknown line ${JSON.stringify(never)}`);
      }
    }
  });
}

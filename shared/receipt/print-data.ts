/**
 * The subset of electron-pos-printer's `PosPrintData` the counter uses. Declared here because shared/ may
 * not import Electron-side packages; electron/ checks it against the library's own type.
 * The library inserts `value` as HTML: every text from data goes through `escapeHtml` first.
 */
export type PrintStyle = Record<string, string>;

export type PosPrintItem =
  | { type: 'text'; value: string; style?: PrintStyle }
  | { type: 'barCode'; value: string; height?: string; width?: string; displayValue?: boolean; position?: 'left' | 'center' | 'right'; fontsize?: number };

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * The printer test page from settings: which station, printer and paper it was sent to, and a ruler exactly
 * as wide as the paper's columns. If the ruler prints on one line, receipts fit that paper; if it wraps or is
 * cut, the paper width in the station settings does not match the printer.
 */
import type { PaperWidth } from '../station';
import { formatDateTime, LABELS, LANGUAGE_NAMES, LANGUAGES } from './i18n';
import { LineBuilder, PAPER, toPlainText, toPrintItems, type Line } from './layout';
import type { PosPrintItem } from './print-data';

export type TestPageInput = {
  stationName: string;
  printerName: string;
  paperWidth: PaperWidth;
  /** When the page was printed (ISO timestamp) and the zone to write it in. */
  printedAt: string;
  timeZone: string;
};

/** "....:....1....:....2.." cut to the columns: a mark every 5, the tens digit every 10. */
export function ruler(width: number): string {
  let out = '';
  for (let i = 1; i <= width; i++) out += i % 10 === 0 ? String((i / 10) % 10) : i % 5 === 0 ? ':' : '.';
  return out;
}

export function testPageLines(input: TestPageInput): Line[] {
  const { columns } = PAPER[input.paperWidth];
  const b = new LineBuilder(columns);
  b.text('Printer test page', { align: 'center', bold: true });
  b.row('Station', input.stationName);
  b.row('Printer', input.printerName);
  b.row('Paper', `${input.paperWidth}, ${columns} columns`);
  b.row('Printed', formatDateTime(input.printedAt, 'en', input.timeZone));
  b.rule();
  b.text(ruler(columns));
  b.row('Left', 'Right');
  b.row('Amount', '$1,234.56', { bold: true });
  // One label from each receipt language: shows the printer's fonts have the glyphs.
  for (const language of LANGUAGES) b.row(LANGUAGE_NAMES[language], LABELS[language].receipt);
  b.rule();
  b.text('The ruler above must print on one line, not cut. If it does not, check the paper width in the station settings.');
  return b.lines;
}

export function testPagePrintData(input: TestPageInput): PosPrintItem[] {
  return toPrintItems(testPageLines(input), input.paperWidth);
}

export function testPageText(input: TestPageInput): string[] {
  return toPlainText(testPageLines(input), input.paperWidth);
}

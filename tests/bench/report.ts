/** The benchmark table: one row per operation, printed for people and written as JSON for comparing runs. */
import type { Summary } from './stats';

export type Unit = 'ms' | 'MB' | 'actions' | 'rows/s';

export type Measure = { median: number; p95: number | null; n: number };

export type Row = {
  id: string;
  operation: string;
  workload: string;
  unit: Unit;
  /** The counter's figure; null when the operation was not run (see note). */
  app: Measure | null;
  /** The limit's figure, in the same unit; null where there is no baseline. */
  baseline: (Measure & { what: string }) | null;
  /** app ÷ baseline (for rows/s: baseline ÷ app, so above 1 always means slower than the limit). */
  ratio: { median: number | null; p95: number | null };
  target: string;
  /** true / false against the target; null when there is no target (report only) or it was not run. */
  met: boolean | null;
  note?: string;
};

export const fromSummary = (s: Summary, withP95 = true): Measure => ({ median: s.median, p95: withP95 ? s.p95 : null, n: s.n });
export const single = (v: number): Measure => ({ median: v, p95: null, n: 1 });

export function ratios(app: Measure | null, base: Measure | null, higherIsBetter = false): Row['ratio'] {
  if (!app || !base) return { median: null, p95: null };
  const r = (a: number | null, b: number | null) => (a === null || b === null || b === 0 ? null : higherIsBetter ? b / a : a / b);
  return { median: r(app.median, base.median), p95: r(app.p95, base.p95) };
}

export function formatValue(v: number | null, unit: Unit): string {
  if (v === null || Number.isNaN(v)) return '—';
  switch (unit) {
    case 'ms':
      if (v >= 10_000) return `${(v / 1000).toFixed(1)} s`;
      if (v >= 1000) return `${(v / 1000).toFixed(2)} s`;
      if (v >= 100) return `${v.toFixed(0)} ms`;
      if (v >= 10) return `${v.toFixed(1)} ms`;
      return `${v.toFixed(2)} ms`;
    case 'MB':
      return `${v.toFixed(1)} MB`;
    case 'actions':
      return `${v}`;
    case 'rows/s':
      return `${Math.round(v).toLocaleString('en-US')} rows/s`;
  }
}

const ratioText = (r: number | null) => (r === null ? '—' : `${r.toFixed(2)}×`);

export function renderTable(rows: Row[]): string {
  const head = ['operation', 'workload', 'median', 'p95', 'baseline median', 'baseline p95', 'ratio (median / p95)', 'target', 'met'];
  const body = rows.map((r) => [
    r.operation,
    r.workload,
    formatValue(r.app?.median ?? null, r.unit),
    formatValue(r.app?.p95 ?? null, r.unit),
    r.baseline ? formatValue(r.baseline.median, r.unit) : '—',
    r.baseline ? formatValue(r.baseline.p95, r.unit) : '—',
    r.baseline ? `${ratioText(r.ratio.median)} / ${ratioText(r.ratio.p95)}` : '—',
    r.target,
    r.met === null ? (r.app ? 'report' : 'not run') : r.met ? 'yes' : 'NO',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] as string).length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] as number)).join(' | ')} |`;
  const out = [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)];
  const notes = rows.filter((r) => r.note).map((r) => `- ${r.operation}: ${r.note}`);
  const bases = rows.filter((r) => r.baseline).map((r) => `- ${r.operation}: baseline = ${r.baseline?.what}`);
  return [...out, '', 'Baselines:', ...bases, ...(notes.length ? ['', 'Notes:', ...notes] : [])].join('\n');
}

/** Feeds a parser its hostile inputs and counts what happened; the few first failures are kept to show. */
import fc from 'fast-check';
import { prototypePolluted } from './oracles';
import type { Target } from './targets';

export type Stats = {
  name: string;
  tried: number;
  accepted: number;
  refused: number;
  invalidAccepted: number;
  crashes: number;
  /** Answers of 500 (central's endpoints only). */
  serverErrors: number;
  /** The first few failures: the input and what was wrong. */
  examples: string[];
};

export type RunOptions = { seed: number; runs: number; keep?: number };

export function emptyStats(name: string): Stats {
  return { name, tried: 0, accepted: 0, refused: 0, invalidAccepted: 0, crashes: 0, serverErrors: 0, examples: [] };
}

/** A short, printable picture of any value: JSON-like, non-ASCII escaped, long strings and deep nesting cut. */
export function preview(value: unknown, max = 400): string {
  const seen = new WeakSet<object>();
  const show = (v: unknown, depth: number): string => {
    if (typeof v === 'string') {
      const cut = v.length > 80 ? `${v.slice(0, 80)}…(${v.length} chars)` : v;
      return JSON.stringify(cut).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    }
    if (typeof v === 'bigint') return `${v}n`;
    if (v === undefined || typeof v === 'number' || typeof v === 'boolean' || v === null) return String(v);
    if (typeof v !== 'object') return typeof v;
    if (seen.has(v)) return '[cycle]';
    seen.add(v);
    if (depth > 6) return Array.isArray(v) ? '[…deep]' : '{…deep}';
    if (Array.isArray(v)) return `[${v.slice(0, 5).map((x) => show(x, depth + 1)).join(',')}${v.length > 5 ? `,…${v.length}` : ''}]`;
    const entries = Object.entries(v).slice(0, 20);
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${show(x, depth + 1)}`).join(',')}}`;
  };
  const s = show(value, 0);
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

/** Runs one parser: `runs` inputs from the seed, none of them allowed to throw or be accepted while invalid. */
export function fuzzTarget(target: Target, { seed, runs, keep = 3 }: RunOptions): Stats {
  const stats = emptyStats(target.name);
  const remember = (what: string) => {
    if (stats.examples.length < keep) stats.examples.push(what);
  };
  fc.assert(
    fc.property(target.inputs, (input) => {
      stats.tried += 1;
      let parsed: ReturnType<Target['parse']>;
      try {
        parsed = target.parse(input);
      } catch (e) {
        stats.crashes += 1;
        remember(`crash (${e instanceof Error ? e.message.slice(0, 120) : String(e)}) on ${preview(input)}`);
        return true;
      }
      if (prototypePolluted()) {
        stats.crashes += 1;
        remember(`Object.prototype polluted by ${preview(input)}`);
        return true;
      }
      if (!parsed.ok) {
        stats.refused += 1;
        return true;
      }
      stats.accepted += 1;
      const problems = target.oracle(parsed.data);
      if (problems.length > 0) {
        stats.invalidAccepted += 1;
        remember(`accepted ${preview(input)}: ${problems.slice(0, 3).join('; ')}`);
      }
      return true;
    }),
    { seed, numRuns: runs },
  );
  return stats;
}

/** A failure in any of these. */
export function failed(s: Stats): boolean {
  return s.invalidAccepted > 0 || s.crashes > 0 || s.serverErrors > 0;
}

/** parser | tried | accepted | refused | invalid accepted | crashes | 500s, as a plain-text table. */
export function renderTable(rows: readonly Stats[]): string {
  const head = ['parser', 'tried', 'accepted', 'refused', 'invalid accepted', 'crashes', '500s'];
  const body = rows.map((r) => [r.name, r.tried, r.accepted, r.refused, r.invalidAccepted, r.crashes, r.serverErrors].map(String));
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

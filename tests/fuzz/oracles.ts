/**
 * What must hold of every value a boundary parser ACCEPTS, written apart from the schemas (its own patterns
 * and limits, from the protocol's documentation), so a schema's mistake is not repeated by its own check.
 *
 * Each parser's oracle is a table: a field's path (array indexes as "#", any record key as "*") → what the
 * field must be. A field the table does not know is itself a problem: a parser must not let strangers
 * (a "__proto__" key, an extra property) through. Every string anywhere must be plain text.
 */

/** C0, DEL, C1, line/paragraph separators. */
// eslint-disable-next-line no-control-regex -- finding control characters is this pattern's purpose
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;
const BIDI = /[\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

/** Whether every surrogate in `s` is half of a pair, checked code unit by code unit. */
function wellFormed(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return false;
  }
  return true;
}

export function plainTextProblem(s: string): string | null {
  if (!wellFormed(s)) return 'holds a lone surrogate';
  if (CONTROL.test(s)) return 'holds a control character';
  if (BIDI.test(s)) return 'holds a bidi control';
  return null;
}

/** ISO 8601 with an offset; year 0001 on; offsets as clocks have them, -12:00 to +14:00. */
function realTimestamp(s: string): boolean {
  const m = /^(\d{4})-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|([+-])(\d{2}):?(\d{2})?)$/.exec(s);
  if (!m || Number(m[1]) < 1 || !Number.isFinite(Date.parse(s))) return false;
  const offset = Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
  return m[2] === '-' ? offset <= 12 * 60 : offset <= 14 * 60;
}

/** The most one amount may be, in cents: $99,999,999.99 (the MICR amount field). */
export const MAX_AMOUNT_CENTS = 9_999_999_999n;
/** What central's numeric(14,2) columns hold, in cents. */
const COLUMN_CENTS = 99_999_999_999_999n;

export type Kind =
  | { k: 'text'; max: number; min?: number }
  | { k: 'amount'; maxCents: bigint; digits: number; signed?: boolean }
  | { k: 'pattern'; re: RegExp; what: string }
  | { k: 'int'; min: number; max: number }
  | { k: 'enum'; values: readonly unknown[] }
  | { k: 'list'; max: number; min?: number }
  | { k: 'object' }
  | { k: 'cashCount' }
  | { k: 'timestamp' }
  /** Passed through as given (a central request's body: central parses it itself). */
  | { k: 'any' }
  | { k: 'nullable'; of: Kind };

export const text = (max: number, min = 0): Kind => ({ k: 'text', max, min });
/** One amount: 1 to 8 ASCII digits, two decimals, at most 99,999,999.99. */
export const amount: Kind = { k: 'amount', maxCents: MAX_AMOUNT_CENTS, digits: 8 };
/** A sum of `n` amounts at most (a payment's total of 20 lines). */
export const sumOf = (n: number): Kind => ({ k: 'amount', maxCents: MAX_AMOUNT_CENTS * BigInt(n), digits: 12 });
/** A running figure (a drawer's, a deposit's): whatever central's columns hold. */
export const figure: Kind = { k: 'amount', maxCents: COLUMN_CENTS, digits: 12 };
export const signed: Kind = { k: 'amount', maxCents: COLUMN_CENTS, digits: 12, signed: true };
export const pattern = (re: RegExp, what: string): Kind => ({ k: 'pattern', re, what });
export const uuid = pattern(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'a lower-case UUID');
export const digits = (min: number, max: number) => pattern(new RegExp(`^[0-9]{${min},${max}}$`), `${min} to ${max} ASCII digits`);
export const date = pattern(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/, 'a date YYYY-MM-DD');
export const int = (min: number, max: number): Kind => ({ k: 'int', min, max });
export const oneOf = (...values: unknown[]): Kind => ({ k: 'enum', values });
export const bool = oneOf(true, false);
export const list = (max: number, min = 0): Kind => ({ k: 'list', max, min });
export const object: Kind = { k: 'object' };
export const cashCount: Kind = { k: 'cashCount' };
export const timestamp: Kind = { k: 'timestamp' };
export const any: Kind = { k: 'any' };
export const orNull = (of: Kind): Kind => ({ k: 'nullable', of });

/** The protocol's text limits (central/README.md): ids 64, names 200, addresses 300, memos 200, notes 500. */
export const ID = text(64, 1);

export type Fields = Readonly<Record<string, Kind>>;

/** Denominations a cash count may name (shared/drawer/denominations.ts, as the counting screen lists them). */
const DENOMINATIONS = new Set(['bill_100', 'bill_50', 'bill_20', 'bill_10', 'bill_5', 'bill_2', 'bill_1', 'roll_25', 'roll_10', 'roll_5', 'roll_1', 'coin_100', 'coin_50', 'coin_25', 'coin_10', 'coin_5', 'coin_1']);

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function cents(s: string): bigint {
  const [whole = '0', frac = '00'] = s.replace('-', '').split('.');
  return BigInt(whole) * 100n + BigInt(frac);
}

function checkKind(value: unknown, kind: Kind, at: string, problems: string[], fields: Fields): void {
  const bad = (what: string) => problems.push(`${at || '(root)'}: ${what}`);
  switch (kind.k) {
    case 'nullable':
      if (value !== null) checkKind(value, kind.of, at, problems, fields);
      return;
    case 'any':
      return;
    case 'text':
      if (typeof value !== 'string') return void bad('not a string');
      if (value.length > kind.max) bad(`${value.length} characters, more than ${kind.max}`);
      if (value.length < (kind.min ?? 0)) bad(`shorter than ${kind.min ?? 0}`);
      return;
    case 'amount': {
      if (typeof value !== 'string') return void bad('amount not a string');
      const re = new RegExp(`^${kind.signed ? '-?' : ''}[0-9]{1,${kind.digits}}\\.[0-9]{2}$`);
      if (!re.test(value)) return void bad(`amount ${JSON.stringify(value)} is not ASCII digits with two decimals (at most ${kind.digits} before the point)`);
      if (cents(value) > kind.maxCents) bad(`amount ${value} is above its ceiling`);
      return;
    }
    case 'pattern':
      if (typeof value !== 'string' || !kind.re.test(value)) bad(`must be ${kind.what}`);
      return;
    case 'int':
      if (typeof value !== 'number' || !Number.isInteger(value) || value < kind.min || value > kind.max) bad(`must be a whole number ${kind.min} to ${kind.max}`);
      return;
    case 'enum':
      if (!kind.values.includes(value)) bad(`must be one of ${kind.values.map((v) => JSON.stringify(v)).join(', ')}`);
      return;
    case 'timestamp':
      if (typeof value !== 'string' || !realTimestamp(value)) bad('must be a timestamp a clock can show and central can store');
      return;
    case 'cashCount':
      if (!isRecord(value)) return void bad('must be a cash count');
      for (const [k, n] of Object.entries(value)) {
        if (!DENOMINATIONS.has(k)) bad(`${JSON.stringify(k)} is not a denomination`);
        if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 100_000) bad(`${k}: must be 0 to 100,000 pieces`);
      }
      if (Object.getPrototypeOf(value) !== Object.prototype) bad('a cash count with another prototype');
      return;
    case 'list':
      if (!Array.isArray(value)) return void bad('must be a list');
      if (value.length > kind.max || value.length < (kind.min ?? 0)) bad(`${value.length} entries, not ${kind.min ?? 0} to ${kind.max}`);
      value.forEach((v, i) => walk(v, at === '' ? String(i) : `${at}.${i}`, fields, problems));
      return;
    case 'object':
      if (!isRecord(value)) return void bad('must be an object');
      if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) bad('an object with another prototype');
      // An empty key is written "" so that it cannot stand for the value holding it.
      for (const [k, v] of Object.entries(value)) walk(v, at === '' ? k || '""' : `${at}.${k || '""'}`, fields, problems);
      return;
  }
}

/** "lines.0.amount" → "lines.#.amount". */
const shape = (at: string) => at.replace(/(^|\.)\d+(?=\.|$)/g, '$1#');

/** A field the table does not know: a problem in what a parser produced; in a request, left for the parser to drop. */
let strangers: 'problem' | 'ignore' = 'problem';

function walk(value: unknown, at: string, fields: Fields, problems: string[]): void {
  const key = shape(at);
  const wildcard = key.replace(/[^.]+$/, '*');
  // Own keys only: fields["__proto__"] would find Object.prototype.
  const own = (k: string) => (Object.hasOwn(fields, k) ? fields[k] : undefined);
  const kind = own(key) ?? own(wildcard);
  if (!kind) {
    if (strangers === 'problem') problems.push(`${at}: a field the protocol does not have`);
    return;
  }
  // An optional field left out (zod keeps the key when the input had it as undefined).
  if (kind.k === 'any' || value === undefined) return;
  if (typeof value === 'string') {
    const p = plainTextProblem(value);
    if (p) problems.push(`${at}: ${p}`);
  }
  checkKind(value, kind, at, problems, fields);
}

/** Every problem with an accepted value, or none. */
export function checkFields(value: unknown, fields: Fields, unknownFields: 'problem' | 'ignore' = 'problem'): string[] {
  const problems: string[] = [];
  strangers = unknownFields;
  try {
    walk(value, '', { '': object, ...fields }, problems);
  } finally {
    strangers = 'problem';
  }
  return problems;
}

/**
 * Two names for the same person: what the eye cannot tell apart is the same (compatibility forms, invisible
 * characters, spacing; and, for people's names, letter case).
 */
export function sameName(a: string, b: string, ignoreCase = false): boolean {
  const norm = (s: string) => {
    const n = s.normalize('NFKC').replace(/\p{Default_Ignorable_Code_Point}/gu, '').replace(/\s+/gu, ' ').trim();
    return ignoreCase ? n.toLowerCase() : n;
  };
  return norm(a) === norm(b);
}

export type Oracle = (value: unknown) => string[];

/** An oracle from a field table and the relations a value's fields must keep. */
export function oracle(fields: Fields, relations: (v: Record<string, unknown>) => Array<string | null> = () => [], unknownFields: 'problem' | 'ignore' = 'problem'): Oracle {
  return (value) => {
    const problems = checkFields(value, fields, unknownFields);
    if (problems.length === 0 && isRecord(value)) problems.push(...relations(value).filter((p): p is string => p !== null));
    return problems;
  };
}

/** Whether anything the parsers touched has changed Object.prototype (a "__proto__" key turned into a prototype). */
export function prototypePolluted(): boolean {
  const probe = {} as Record<string, unknown>;
  return Object.getOwnPropertyNames(Object.prototype).some((k) => k === 'polluted' || k === 'yes') || probe.polluted !== undefined;
}

/**
 * Hostile values for the boundary parsers: what a broken station, a tampered request, a scanner gone wrong
 * or a billing extract can hand them. Each arbitrary leans on the cases that have broken parsers before
 * (control characters, lone surrogates, bidi overrides, exponents, Unicode digits, prototype keys, deep
 * nesting, wrong types) rather than on uniform noise.
 */
import fc from 'fast-check';

const chars = (...codes: number[]) => codes.map((c) => String.fromCharCode(c));
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** C0 controls (NUL included), DEL, C1 controls, line and paragraph separators. */
export const CONTROL_CHARS = chars(...range(0x00, 0x1f), 0x7f, ...range(0x80, 0x9f), 0x2028, 0x2029);
/** Embeddings, overrides, isolates and the direction marks ("Trojan Source"). */
export const BIDI_CHARS = chars(...range(0x202a, 0x202e), ...range(0x2066, 0x2069), 0x200e, 0x200f);
/** Invisible characters that make two names look the same (zero-width space, joiners, word joiner, BOM, soft hyphen). */
export const ZERO_WIDTH_CHARS = chars(0x200b, 0x200c, 0x200d, 0x2060, 0xfeff, 0x00ad, 0x180e);
export const LONE_SURROGATES = chars(0xd800, 0xdbff, 0xdc00, 0xdfff, 0xd83d, 0xde00);

/** Keys and values that mean something to JavaScript objects. */
export const PROTOTYPE_WORDS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];

/** Shared, made once: over-long strings are references, not 10,000 fresh copies. */
const LONG = {
  justOver: 'a'.repeat(65),
  memo: 'm'.repeat(201),
  note: 'n'.repeat(501),
  big: 'x'.repeat(10_000),
  huge: '9'.repeat(100_000),
  digits: '1'.repeat(21),
};

const hostileChar = fc.oneof(
  fc.constantFrom(...CONTROL_CHARS),
  fc.constantFrom(...BIDI_CHARS),
  fc.constantFrom(...ZERO_WIDTH_CHARS),
  fc.constantFrom(...LONE_SURROGATES),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
);

/** A plausible value for the field ("jdoe", "182.40", a UUID…) with hostile characters put inside it. */
function withHostileChars(base: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.tuple(base, fc.array(fc.tuple(hostileChar, fc.nat()), { minLength: 1, maxLength: 3 })).map(([s, inserts]) => {
    let out = s;
    for (const [c, at] of inserts) {
      const i = out.length === 0 ? 0 : at % (out.length + 1);
      out = out.slice(0, i) + c + out.slice(i);
    }
    return out;
  });
}

const plainBase = fc.constantFrom('jdoe', 'pwb', 'wic-1', 'Maria Delgado', '1000000001', '182.40', 'Visa', '0195939a-6f40-7abc-8def-0123456789ab', '');

/** Hostile strings of every kind. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  withHostileChars(plainBase),
  fc.constantFrom(...Object.values(LONG)),
  fc.constantFrom(...PROTOTYPE_WORDS),
  fc.constantFrom('', ' ', '\t', '   jdoe  ', 'null', 'undefined', 'true', '[]', '{}', "'; drop table payments; --", '%00', '%2e%2e/', '../../etc/passwd', '<script>alert(1)</script>'),
  // Any UTF-16 code units at all, surrogate halves included.
  fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 30 }).map((codes) => String.fromCharCode(...codes)),
  fc.string({ unit: 'binary', maxLength: 30 }),
);

/** ASCII digits written in another script: "182.40" in Arabic-Indic, Devanagari, full-width… */
const DIGIT_ZEROS = [0x0660, 0x06f0, 0x0966, 0x09e6, 0x0e50, 0xff10, 0x1d7ce];
function foreignDigits(s: string, zero: number): string {
  return s.replace(/[0-9]/g, (d) => String.fromCodePoint(zero + Number(d)));
}

const goodAmount = fc.integer({ min: 0, max: 9_999_999_999 }).map((c) => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`);

/** Strings that an amount field must refuse, or accept only at their boundary ("99999999.99"). */
export const hostileAmount: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '1e3', '1E+2', '1e-2', '12.34e0', '-1.00', '-0.00', '+12.34', 'NaN', 'Infinity', '-Infinity', '0x10', '0b1', '0o7',
    '12.345', '12.3', '12.', '.50', '012.34', '00.00', ' 12.34', '12.34 ', '12,34', '1,234.56', '$12.34', '12.34$',
    '99999999.99', '99999999.995', '100000000.00', '999999999999.99', '1000000000000.00', '99999999999999999999.99',
    '0.00', '0.01', '', '.', '-', '١٢.٣٤', '１２.３４', '१२.३४', '12.34\u0000', '1\u200B2.34', '\u202E43.21',
  ),
  fc.tuple(goodAmount, fc.constantFrom(...DIGIT_ZEROS)).map(([a, zero]) => foreignDigits(a, zero)),
  fc.tuple(goodAmount, fc.integer({ min: 1, max: 9 })).map(([a, n]) => `${a}${'5'.repeat(n)}`),
  fc.bigInt({ min: 10_000_000_000n, max: 10n ** 20n }).map((c) => `${c / 100n}.${String(c % 100n).padStart(2, '0')}`),
  fc.double({ noNaN: false }).map((d) => String(d)),
  withHostileChars(goodAmount),
);

/** Values of the wrong type for any field, including what JSON cannot carry but IPC can. */
export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(null, undefined, true, false, 0, -1, 1.5, NaN, Infinity, -Infinity, -0, 1e308, 2 ** 53 + 1, [], [null], {}, { length: 1 }, new Date(Number.NaN), 10n),
  fc.integer().map((n) => n as unknown),
  fc.double().map((n) => n as unknown),
  fc.array(fc.string(), { maxLength: 3 }).map((a) => a as unknown),
  fc.anything({ maxDepth: 3, withBigInt: true, withDate: true, withMap: true, withSet: true, withNullPrototype: true, withTypedArray: true, withSparseArray: true, withBoxedValues: true }),
);

function nestedArrays(depth: number): unknown {
  let v: unknown = [];
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}
function nestedObjects(depth: number, key: string): unknown {
  let v: unknown = {};
  for (let i = 0; i < depth; i++) v = { [key]: v };
  return v;
}
/** 1,000 levels, made once. */
export const DEEP = { arrays: nestedArrays(1000), objects: nestedObjects(1000, 'a'), lines: nestedObjects(1000, 'lines') };
export const deepNesting: fc.Arbitrary<unknown> = fc.constantFrom(DEEP.arrays, DEEP.objects, DEEP.lines);

/** Objects whose own keys are __proto__, constructor or prototype, as JSON.parse makes them. */
export const prototypeObject: fc.Arbitrary<unknown> = fc.constantFrom(
  () => JSON.parse('{"__proto__": {"polluted": "yes"}}') as unknown,
  () => JSON.parse('{"constructor": {"prototype": {"polluted": "yes"}}}') as unknown,
  () => JSON.parse('{"prototype": {"polluted": "yes"}, "__proto__": null}') as unknown,
).map((make) => make());

/** Values at the very edge of what the schemas allow: they must reach central's columns and come back whole. */
export const edgeValue: fc.Arbitrary<unknown> = fc.constantFrom<unknown>(
  '99999999.99', '0.01', '0.00', 'a'.repeat(64), 'é'.repeat(200), '👩‍👩‍👧 Delgado', 'Zoë\u200DO’Brien', 'ß'.repeat(60),
  '9999-12-31T23:59:59.999Z', '1970-01-01T00:00:00Z', '2026-11-22T07:30:00+14:00', '2026-11-22T07:30:00-12:00', '0000-01-01T00:00:00Z',
  '2026-01-01T00:00:00+23:59', '0001-01-01T00:00:00+14:00', '9999-12-31T23:59:59.999999999-12:00', '2026-02-29T00:00:00Z', '2026-01-01T00:00:00.123456789Z', `2026-01-01T00:00:00.${'1'.repeat(10_000)}Z`,
  '99999999999999999999', '0000', 'constructor', '__proto__', 'toString', 0, 1, 100_000, 2000,
);

/** Anything hostile: what a mutation puts in place of one field. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 3, arbitrary: hostileAmount },
  { weight: 2, arbitrary: wrongType },
  { weight: 1, arbitrary: deepNesting },
  { weight: 1, arbitrary: prototypeObject },
);

/* ------------------------------------------------------------------------------------------------------------
 * Mutations of a valid sample: one field, at any depth, replaced, removed, doubled or joined by a stranger.
 * ---------------------------------------------------------------------------------------------------------- */

export type Path = Array<string | number>;

/** Every path in a value (the root too), objects and arrays walked. */
export function pathsOf(value: unknown, at: Path = []): Path[] {
  const out: Path[] = [at];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pathsOf(v, [...at, i])));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...at, k]));
  return out;
}

function valueAt(value: unknown, path: Path): unknown {
  return path.reduce<unknown>((v, p) => (v !== null && typeof v === 'object' ? (v as Record<string | number, unknown>)[p] : undefined), value);
}

export type Mutation =
  | { op: 'replace'; path: Path; value: unknown }
  | { op: 'remove'; path: Path }
  | { op: 'add'; path: Path; key: string; value: unknown }
  /** The element before it again (a duplicated item, line, drawer or id). */
  | { op: 'duplicate'; path: Path };

function clone<T>(v: T): T {
  return structuredClone(v);
}

/** Applies one mutation to a deep copy: own properties are defined, so "__proto__" becomes a key, never a prototype. */
export function applyMutation(sample: unknown, m: Mutation): unknown {
  const root = { value: clone(sample) } as Record<string, unknown>;
  const full: Path = ['value', ...m.path];
  const parentPath = full.slice(0, -1);
  const last = full[full.length - 1] as string | number;
  let parent: unknown = root;
  for (const p of parentPath) parent = (parent as Record<string | number, unknown>)[p];
  const holder = parent as Record<string | number, unknown>;
  switch (m.op) {
    case 'replace':
      Object.defineProperty(holder, last, { value: m.value, enumerable: true, writable: true, configurable: true });
      break;
    case 'remove':
      if (Array.isArray(holder) && typeof last === 'number') holder.splice(last, 1);
      else delete holder[last];
      break;
    case 'add': {
      const target = holder[last];
      if (target !== null && typeof target === 'object' && !Array.isArray(target)) {
        Object.defineProperty(target, m.key, { value: m.value, enumerable: true, writable: true, configurable: true });
      } else if (Array.isArray(target)) target.push(m.value);
      break;
    }
    case 'duplicate':
      if (Array.isArray(holder) && typeof last === 'number') holder.splice(last + 1, 0, clone(holder[last]));
      break;
  }
  return root.value;
}

/** One mutation of `sample`, with `values` (hostile by default) as what goes in. */
export function mutationOf(sample: unknown, values: fc.Arbitrary<unknown> = hostileValue): fc.Arbitrary<Mutation> {
  const paths = pathsOf(sample);
  const inner = paths.filter((p) => p.length > 0);
  const path = fc.constantFrom(...(inner.length > 0 ? inner : paths));
  // An amount field gets mostly hostile amounts: the ceiling, exponents and foreign digits are where amounts break.
  const replace = path.chain((p) => {
    const current = valueAt(sample, p);
    const value = typeof current === 'string' && /^-?[0-9]+\.[0-9]{2}$/.test(current) ? fc.oneof(hostileAmount, hostileAmount, values) : values;
    return fc.record({ op: fc.constant('replace' as const), path: fc.constant(p), value });
  });
  return fc.oneof(
    { weight: 8, arbitrary: replace },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('remove' as const), path }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('add' as const), path: fc.constantFrom(...paths), key: fc.oneof(fc.constantFrom(...PROTOTYPE_WORDS), hostileString), value: values }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('duplicate' as const), path }) },
  );
}

/** A valid sample with one hostile mutation, and sometimes a second one. */
export function mutated(sample: unknown, values?: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc
    .array(mutationOf(sample, values), { minLength: 1, maxLength: 2 })
    .map((ms) => ms.reduce<unknown>((v, m) => {
      try {
        return applyMutation(v, m);
      } catch {
        // The first mutation removed the path the second one aims at: keep what we have.
        return v;
      }
    }, sample));
}

/** A valid string with one stretch replaced by, or joined by, hostile text (a foreign digit, a NUL, an RLO…). */
export function mutatedString(sample: string): fc.Arbitrary<string> {
  const piece = fc.oneof(hostileChar, fc.constantFrom(...DIGIT_ZEROS).map((z) => String.fromCodePoint(z + 1)), fc.constantFrom('-', '.', ',', ' ', 'e', 'E+', '0', '9', '$', '"', '\n'), hostileString);
  return fc.tuple(fc.nat(sample.length), fc.nat(3), piece).map(([at, cut, p]) => sample.slice(0, at) + p + sample.slice(Math.min(sample.length, at + cut)));
}

/** Hostile input for a parser: mostly mutations of its valid samples, the rest anything at all. */
export function hostileInputs(samples: readonly unknown[], extra: fc.Arbitrary<unknown>[] = []): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 12, arbitrary: fc.oneof(...samples.map((s) => mutated(s))) },
    { weight: 1, arbitrary: hostileValue },
    { weight: 1, arbitrary: prototypeObject },
    ...extra.map((arbitrary) => ({ weight: 2, arbitrary })),
  );
}

/**
 * The counter never records a card number (PCI DSS: the terminal talks to the processor, we keep brand,
 * last four and approval code). Any text holding 13 to 19 digits that pass the Luhn check, written as a card
 * is written or disguised, is refused, and logs blank it.
 *
 * Seen through: compatibility forms (NFKC: full-width, mathematical and superscript digits), every Unicode
 * decimal digit (Arabic-Indic, Devanagari…), and any run of separators between digit groups (dots, slashes,
 * double spaces, zero-width spaces). Known not to be a card: a UUID anywhere in text (a transaction id), a
 * North American phone number, a date, an amount with cents, and a utility's stub scan line (it carries a
 * Luhn check digit by design).
 */
import { mod10CheckDigit } from '../accounts/account-number';
import { UUID_RE } from '../ids';
import { profiles } from '../profiles';

export const CARD_NUMBER_MESSAGE = 'card numbers are not recorded here: enter only the last four digits on the card field';

function luhnValid(digits: string): boolean {
  return mod10CheckDigit(digits.slice(0, -1)) === digits.slice(-1);
}

/** Card numbers are printed in groups of at most 6 digits: 4-4-4-4, 4-6-5 (American Express), 4-4-4-4-3. */
const MAX_PRINTED_GROUP = 6;

/** The value (0-9) of every Unicode decimal digit. Nd digits come in runs of ten, zero first (a Unicode stability rule). */
let decimalDigits: Map<number, number> | null = null;
function digitValue(cp: number): number | null {
  if (cp >= 48 && cp <= 57) return cp - 48;
  if (cp < 128) return null;
  if (decimalDigits === null) {
    decimalDigits = new Map();
    const nd = /^\p{Nd}$/u;
    let runStart = -1;
    // Every decimal digit lies below U+20000 (the planes above hold ideographs and private use).
    for (let c = 0x80; c < 0x20000; c++) {
      if (nd.test(String.fromCodePoint(c))) {
        if (runStart < 0) runStart = c;
        decimalDigits.set(c, (c - runStart) % 10);
      } else runStart = -1;
    }
  }
  return decimalDigits.get(cp) ?? null;
}

/**
 * The text as the guard reads it, one char per unit, each unit pointing back at the code point it came from:
 * digits as ASCII digits, ASCII letters as they are, other letters and numbers as 'z', everything else (a
 * separator) as itself when ASCII and a space otherwise.
 */
function normalise(text: string): { chars: string; from: number[]; to: number[] } {
  let chars = '';
  const from: number[] = [];
  const to: number[] = [];
  let at = 0;
  for (const c of text) {
    const end = at + c.length;
    for (const n of c.normalize('NFKC')) {
      const cp = n.codePointAt(0) ?? 0;
      const d = digitValue(cp);
      const unit = d !== null ? String(d) : cp < 128 ? n : /[\p{L}\p{N}\p{M}]/u.test(n) ? 'z' : ' ';
      for (const u of unit) {
        chars += u;
        from.push(at);
        to.push(end);
      }
    }
    at = end;
  }
  return { chars, from, to };
}

/** Digit runs that are numbers of another kind: replaced by a letter before looking for cards, so they break any run. */
const NOT_A_CARD: readonly RegExp[] = [
  // A UUID: a transaction id quoted in a void reason. Its hex digits joined pass Luhn by chance.
  /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi,
  // A North American phone number: "360-670-1508", "(503) 823-7770", "+1 503.823.7770", "5038237770".
  /(?<![0-9])(?:\+?1[ .-]?)?(?:\([2-9][0-9]{2}\) ?|[2-9][0-9]{2}[ .-]?)[2-9][0-9]{2}[ .-]?[0-9]{4}(?![0-9])/g,
  // A date: 2026-12-03, 12/03/2026, 12.03.26.
  /(?<![0-9])(?:[0-9]{4}[-/.][0-9]{1,2}[-/.][0-9]{1,2}|[0-9]{1,2}[-/.][0-9]{1,2}[-/.](?:[0-9]{4}|[0-9]{2}))(?![0-9])/g,
  // An amount with cents: 182.40, $1,234.56.
  /(?<![0-9.,])[0-9]{1,3}(?:,[0-9]{3})+\.[0-9]{2}(?![0-9])|(?<![0-9.,])[0-9]+\.[0-9]{2}(?![0-9.])/g,
];

/** The account-number lengths of the utilities' stubs: a scan line is those digits + 9 digits of cents + a check digit. */
const SCAN_ACCOUNT_DIGITS = new Set(Object.values(profiles).map((p) => p.accountNumber.digits));

/**
 * A stub's scan line, scanned into a memo, passes Luhn by design (WES's is 19 digits, a card's length). One is
 * told from a card by its shape: a whole run of a utility's scan-line length whose amount due is under
 * $100,000.00 (its 9 digits of cents start "00"). A 19-digit card of that exact shape (about 1 in 100) is
 * missed when written without spaces; written in groups, as cards are printed, it is still found.
 */
function isScanLine(run: string): boolean {
  const account = run.length - 10;
  return SCAN_ACCOUNT_DIGITS.has(account) && run.startsWith('00', account) && luhnValid(run);
}

/** Where each card number is in the text: [start, end) in UTF-16 units of the original text. */
export function cardNumberSpans(text: string): Array<[number, number]> {
  if (!/[\p{Nd}\p{No}]/u.test(text)) return [];
  const { chars: raw, from, to } = normalise(text);
  let chars = raw;
  for (const re of NOT_A_CARD) chars = chars.replace(re, (m) => 'x'.repeat(m.length));
  chars = chars.replace(/[0-9]+/g, (run) => (isScanLine(run) ? 'x'.repeat(run.length) : run));

  const spans: Array<[number, number]> = [];
  // A sequence: digit groups joined by separators; a letter (or a number of another kind) ends it.
  for (const seq of chars.matchAll(/[0-9]+(?:[^0-9a-zA-Z]+[0-9]+)*/g)) {
    const groups = [...seq[0].matchAll(/[0-9]+/g)].map((g) => ({ digits: g[0], start: (seq.index ?? 0) + (g.index ?? 0) }));
    for (let first = 0; first < groups.length; first++) {
      let digits = '';
      for (let last = first; last < groups.length && digits.length < 19; last++) {
        const group = groups[last]!;
        // A long group is a whole number of its own, never a piece of a printed card number.
        if (last > first && (group.digits.length > MAX_PRINTED_GROUP || groups[first]!.digits.length > MAX_PRINTED_GROUP)) break;
        digits += group.digits;
        if (digits.length >= 13 && digits.length <= 19 && luhnValid(digits)) {
          const startUnit = groups[first]!.start;
          const endUnit = group.start + group.digits.length - 1;
          spans.push([from[startUnit] ?? 0, to[endUnit] ?? text.length]);
          first = last; // continue after this card
          break;
        }
      }
    }
  }
  return spans;
}

/** True when the text holds a full card number, however it is written. */
export function containsCardNumber(text: string): boolean {
  return cardNumberSpans(text).length > 0;
}

/** The text with every card number replaced, for logs. */
export function removeCardNumbers(text: string, replacement: string): string {
  const spans = cardNumberSpans(text);
  let out = text;
  for (const [start, end] of [...spans].reverse()) out = out.slice(0, start) + replacement + out.slice(end);
  return out;
}

/**
 * Every string anywhere in a value, with its path: for checking a whole payment before it is stored.
 * Ids the app made (UUIDs) are not typed by anyone and are skipped.
 */
export function findCardNumber(value: unknown, path: string[] = []): string | null {
  if (typeof value === 'string') return !UUID_RE.test(value) && containsCardNumber(value) ? path.join('.') : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findCardNumber(value[i], [...path, String(i)]);
      if (hit !== null) return hit;
    }
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const hit = findCardNumber(v, [...path, k]);
      if (hit !== null) return hit;
    }
  }
  return null;
}

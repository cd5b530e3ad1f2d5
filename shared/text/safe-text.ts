/**
 * Text that comes from outside (a cashier's typing, a scanner, a station's request, a billing file) is
 * hostile until parsed: bounded in length, and free of what can hide, reorder or break what people and
 * programs read (control characters, lone surrogates, bidirectional overrides). One definition, used by
 * every schema on both sides, so the station and central refuse the same strings with the same words.
 */
import { z } from 'zod';

/** C0 and C1 controls, DEL, line and paragraph separators. */
// eslint-disable-next-line no-control-regex -- finding control characters is this pattern's purpose
const CONTROL_RE = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/u;
/** Bidirectional embeddings, overrides and isolates (the "Trojan Source" characters), and the marks. */
const BIDI_RE = /[\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE_RE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why the text is not plain text, for people ("holds a control character (U+0000) at position 5"), or null. */
export function textProblem(s: string): string | null {
  const codePoint = (at: number) => `U+${(s.codePointAt(at) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
  const surrogate = LONE_SURROGATE_RE.exec(s);
  if (surrogate) return `holds a broken character (a lone surrogate) at position ${surrogate.index + 1}: type it again`;
  const control = CONTROL_RE.exec(s);
  if (control) return `holds a control character (${codePoint(control.index)}) at position ${control.index + 1}: remove it`;
  const bidi = BIDI_RE.exec(s);
  if (bidi) return `holds a text-direction character (${codePoint(bidi.index)}) at position ${bidi.index + 1}: remove it`;
  return null;
}

/**
 * At most `max` UTF-16 code units, as an input's maxLength counts them. zod's `.max()` counts code points,
 * which lets through up to twice as many units (emoji, mathematical digits) as the screens allow.
 */
export function fitsIn(max: number): (s: string) => boolean {
  return (s) => s.length <= max;
}

/**
 * A bounded plain-text field: at most `max` characters (UTF-16 code units, what the inputs count), and no
 * control, lone surrogate or bidi characters. `min` defaults to 0; give 1 for a required field.
 */
export function safeText(max: number, min = 0) {
  return z
    .string()
    .min(min, { message: min === 1 ? 'must not be empty' : `must be at least ${min} characters` })
    .refine(fitsIn(max), { message: `must be at most ${max} characters` })
    .superRefine((s, ctx) => {
      const problem = textProblem(s);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });
}

/** The lengths the protocol allows, in one place: the station's inputs use the same numbers. */
export const TEXT_LIMITS = {
  /** Station ids, cashier and user names, utility ids, drawer session ids, references. */
  id: 64,
  /** A person's or business's name. */
  name: 200,
  /** A service address, on one line. */
  address: 300,
  /** A memo, a note, a void reason. */
  memo: 200,
  /** A longer note (over/short explanation, exception reason). */
  note: 500,
} as const;

/** For chains that trim or regex first: adds the plain-text check as a refinement. */
export function refinePlainText(s: string, ctx: z.core.$RefinementCtx<string>): void {
  const problem = textProblem(s);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
}

/** Invisible characters (zero-width spaces and joiners, soft hyphen, word joiner, BOM…). */
const INVISIBLE_RE = /\p{Default_Ignorable_Code_Point}/u;

/**
 * Why the text cannot be an id, or null. An id names one person or thing, and rules compare ids ("a cashier
 * cannot approve their own void"): two ids that look the same must be the same string, so no invisible
 * characters, no spaces around it, and only the standard (NFKC) form ("ｊｄｏｅ" is "jdoe").
 */
export function idProblem(s: string): string | null {
  if (s.trim() !== s) return 'must not start or end with a space';
  const invisible = INVISIBLE_RE.exec(s);
  if (invisible) {
    const code = `U+${(s.codePointAt(invisible.index) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
    return `holds an invisible character (${code}) at position ${invisible.index + 1}: remove it`;
  }
  if (s.normalize('NFKC') !== s) return 'holds full-width or compatibility characters: type it with ordinary letters and digits';
  return null;
}

/** A station id, user name, utility id or drawer session id as the protocol carries it. */
export const idText = safeText(TEXT_LIMITS.id, 1).superRefine((s, ctx) => {
  const problem = textProblem(s) === null ? idProblem(s) : null;
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/**
 * The counter never records a card number (PCI DSS: the terminal talks to the processor, we keep brand,
 * last four and approval code). Any text holding a 13-19 digit run that passes the Luhn check is refused.
 */
import { mod10CheckDigit } from '../accounts/account-number';
import { UUID_RE } from '../ids';

export const CARD_NUMBER_MESSAGE = 'card numbers are not recorded here: enter only the last four digits on the card field';

function luhnValid(digits: string): boolean {
  return mod10CheckDigit(digits.slice(0, -1)) === digits.slice(-1);
}

/** Card numbers are printed in groups of at most 6 digits: 4-4-4-4, 4-6-5 (American Express), 4-4-4-4-3. */
const MAX_PRINTED_GROUP = 6;

/**
 * True when the text holds something that looks like a full card number: a run of 13 to 19 digits, or groups
 * of digits joined by single spaces or dashes as a card prints them ("4111 1111 1111 1111"), that passes Luhn.
 * A group is never cut, and a longer group is not part of a printed card number, so account numbers side by
 * side ("1000000001 1000000002", "1234567890-12 1234567890-13") are not taken for a card number.
 */
export function containsCardNumber(text: string): boolean {
  const runs = text.match(/[0-9](?:[ -]?[0-9])*/g) ?? [];
  for (const run of runs) {
    const groups = run.split(/[ -]/);
    for (let first = 0; first < groups.length; first++) {
      let digits = '';
      for (let last = first; last < groups.length && digits.length < 19; last++) {
        const group = groups[last] ?? '';
        if (last > first && (group.length > MAX_PRINTED_GROUP || (groups[first] ?? '').length > MAX_PRINTED_GROUP)) break;
        digits += group;
        if (digits.length >= 13 && digits.length <= 19 && luhnValid(digits)) return true;
      }
    }
  }
  return false;
}

/**
 * Every string anywhere in a value, with its path: for checking a whole payment before it is stored.
 * Ids the app made (UUIDs) are not typed by anyone and are skipped: their hex digits, joined across the
 * dashes, pass the test by chance for about one UUIDv7 in 200.
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

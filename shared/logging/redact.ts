/**
 * One redactor for every log, the station's (electron/log.ts) and central's: a card number (a 13-19 digit run
 * passing the Luhn check, as shared/payments/card-guard.ts finds it), anything written as a PIN, token,
 * password, secret or `Authorization: Bearer ...` value, and any secret the caller names wherever it appears.
 * Newlines are flattened, so one line is one event and a message cannot forge another line.
 */
import { removeCardNumbers } from '../payments/card-guard';

/** Registered secrets shorter than this are ignored: they would mask ordinary words (tokens are 8 or more). */
export const MIN_SECRET_LENGTH = 8;

export const REDACTED = '[redacted]';
export const REDACTED_CARD = '[card number removed]';

/**
 * `key: value`, `key=value`, `"key": "value"`, where the key names a secret (camelCase and dashed forms too:
 * supervisorPin, tokenEncrypted, x-station-token). The value is a quoted string, `Bearer x` / `Basic x`,
 * or a bare word. Over-matching (a key like "mapping" holds "pin") costs a masked log value, nothing more.
 */
const KEYED_SECRET =
  /\b([\w-]*?(?:pin|token|password|passcode|passwd|secret|authorization|api[-_]?key|cookie)[\w-]*)(["']?\s*[:=]\s*)("[^"]*"|'[^']*'|(?:bearer|basic)\s+[^\s"',;&}\]]+|[^\s"',;&}\]]+)/gi;
const BEARER = /\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]+/gi;
/** "PIN 1234", "pin: 1234" is caught above; this is the word form. */
const PIN_WORDS = /\b(pin)(\s+(?:is\s+|was\s+)?#?\s*)\d{3,12}\b/gi;

/** The message as it may be written: no card numbers, PINs, tokens or registered secrets; one line. */
export function redact(message: string, secrets: readonly string[] = []): string {
  let text = message.replace(/\r\n|\r|\n/g, ' ⏎ ');
  for (const secret of secrets) {
    if (secret.length >= MIN_SECRET_LENGTH) text = text.split(secret).join(REDACTED);
  }
  text = text.replace(KEYED_SECRET, (match, key: string, separator: string, value: string) => {
    // A short lower-case word is prose ("token: must be ...", "tokenEncrypted: could not ..."), not a value:
    // tokens are 8 characters or more, PINs are digits, and a registered secret is masked above anyway.
    if (/^[a-z]{1,7}$/.test(value)) return match;
    const quote = value.startsWith('"') ? '"' : value.startsWith("'") ? "'" : '';
    return `${key}${separator}${quote}${REDACTED}${quote}`;
  });
  text = text.replace(BEARER, (_match, scheme: string) => `${scheme} ${REDACTED}`);
  text = text.replace(PIN_WORDS, (_match, word: string, between: string) => `${word}${between}${REDACTED}`);
  // Last, so a number inside a masked value is already gone and cannot be half-matched.
  text = removeCardNumbers(text, REDACTED_CARD);
  return text;
}

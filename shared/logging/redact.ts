/**
 * The one redactor for logs, on the station (electron/log.ts) and in central (central/src/logging.ts): a
 * log line carries ids, never data. Removed: card numbers (as shared/payments/card-guard.ts finds them),
 * anything written as a PIN, token, password, secret or `Authorization: Bearer ...` value, and every
 * registered secret wherever it appears. Newlines are flattened, so one line is one event and a message
 * cannot forge another line.
 */
import { removeCardNumbers } from '../payments/card-guard';

export const REDACTED = '[redacted]';
export const REDACTED_CARD = '[card number removed]';

/** The shortest registered secret masked: shorter ones would mask ordinary words (tokens are 8 or more). */
export const MIN_SECRET_LENGTH = 8;

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

/** A key whose value is a secret: `token`, `pin`, `password` and their kin (stationToken, supervisorPin). */
const SECRET_KEY = /pin|token|password|passcode|passwd|secret|authorization|api[-_]?key|cookie/i;

/** A structured log value redacted: secret keys masked whole, every string redacted; depth bounded. */
export function redactValue(value: unknown, secrets: readonly string[] = [], depth = 0): unknown {
  if (typeof value === 'string') return redact(value, secrets);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redactValue(v, secrets, depth + 1));
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, SECRET_KEY.test(k) ? REDACTED : redactValue(v, secrets, depth + 1)]),
  );
}

/**
 * Account numbers as the profile writes them, and the stub's scan line.
 * Cashiers type with or without separators; a keyboard-wedge scanner types the scan line.
 */
import type { AccountNumberFormat } from '../profiles/schema';
import { parseMoney, toMoneyString, type MoneyString } from '../money/money';
import { Decimal } from '../money/money';

export type AccountNumber = string & { readonly __accountNumber: unique symbol };

export type ParsedEntry =
  | { ok: true; kind: 'account'; account: AccountNumber }
  | { ok: true; kind: 'scan'; account: AccountNumber; amountDue: MoneyString }
  | { ok: false; message: string };

/** Writes the bare digits the way the profile displays them ("123456789012" → "1234567890-12"). */
export function formatAccountNumber(digits: string, format: AccountNumberFormat): string {
  let i = 0;
  let out = '';
  for (const ch of format.display) {
    if (ch === '#') out += digits[i++] ?? '';
    else out += ch;
  }
  return out;
}

/** The separators the display uses ("-" in "##########-##"). */
function separators(format: AccountNumberFormat): Set<string> {
  return new Set([...format.display].filter((c) => c !== '#'));
}

/** Luhn mod-10 check digit over a string of digits. */
export function mod10CheckDigit(digits: string): string {
  let sum = 0;
  let double = true;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return String((10 - (sum % 10)) % 10);
}

/** Cents on a scan line: 9 digits, so at most $9,999,999.99. */
const SCAN_AMOUNT_DIGITS = 9;

/** The stub's scan line: account digits, amount due in cents (9 digits), one mod-10 check digit. */
export function makeScanLine(account: string, amountDue: MoneyString): string {
  const cents = parseMoney(amountDue).times(100).toFixed(0).padStart(SCAN_AMOUNT_DIGITS, '0');
  const body = `${account}${cents}`;
  return `${body}${mod10CheckDigit(body)}`;
}

/**
 * Reads what was typed or scanned into the account field: an account number written as the profile
 * writes it (separators optional), or a stub's scan line. The message names the rule.
 */
export function parseAccountEntry(raw: string, format: AccountNumberFormat): ParsedEntry {
  const text = raw.trim();
  if (text === '') return { ok: false, message: `Account number: enter the ${format.digits}-digit account number` };
  const seps = separators(format);
  const okChars = [...text].every((c) => (c >= '0' && c <= '9') || seps.has(c));
  const example = format.display.replace(/#/g, 'x');
  if (!okChars) {
    return { ok: false, message: `Account number: use digits only, ${format.digits} of them, written ${example}` };
  }
  const digits = [...text].filter((c) => c >= '0' && c <= '9').join('');
  if (digits.length === format.digits) {
    // A typed separator must stand where the profile writes it.
    if (text.length !== digits.length && text !== formatAccountNumber(digits, format)) {
      return { ok: false, message: `Account number: write it as ${example}` };
    }
    return { ok: true, kind: 'account', account: digits as AccountNumber };
  }
  if (text === digits && digits.length === format.digits + SCAN_AMOUNT_DIGITS + 1) {
    const body = digits.slice(0, -1);
    if (mod10CheckDigit(body) !== digits.slice(-1)) {
      return { ok: false, message: 'Account number: the scan line failed its check digit; scan again or type the account number' };
    }
    const cents = new Decimal(body.slice(format.digits));
    return {
      ok: true,
      kind: 'scan',
      account: digits.slice(0, format.digits) as AccountNumber,
      amountDue: toMoneyString(cents.dividedBy(100)),
    };
  }
  return {
    ok: false,
    message: `Account number: must be ${format.digits} digits, written ${example} (you entered ${digits.length})`,
  };
}

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatAccountNumber, makeScanLine, mod10CheckDigit, parseAccountEntry } from '../../../../shared/accounts/account-number';
import type { MoneyString } from '../../../../shared/money/money';
import { accountNumberFormatSchema } from '../../../../shared/profiles/schema';
import { portlandWaterBureau } from '../../../../shared/profiles';
import { centsToString, portsmouthFormat } from '../fixtures';

const pwb = portlandWaterBureau.accountNumber;
const portsmouth = accountNumberFormatSchema.parse(portsmouthFormat);
const CHECK_DIGIT_MESSAGE = 'Account number: the scan line failed its check digit; scan again or type the account number';

/** Luhn validation written independently of the code: the whole line, check digit included, sums to 0 mod 10. */
function luhnValid(line: string): boolean {
  let sum = 0;
  [...line].reverse().forEach((ch, i) => {
    const d = Number(ch) * (i % 2 === 1 ? 2 : 1);
    sum += d > 9 ? d - 9 : d;
  });
  return sum % 10 === 0;
}

describe('parseAccountEntry: PWB, 10 digits', () => {
  it('accepts a 10-digit number, with spaces around it', () => {
    expect(parseAccountEntry('1000000001', pwb)).toEqual({ ok: true, kind: 'account', account: '1000000001' });
    expect(parseAccountEntry('  1000000001 ', pwb)).toEqual({ ok: true, kind: 'account', account: '1000000001' });
  });

  it.each([
    ['100000000', 'Account number: must be 10 digits, written xxxxxxxxxx (you entered 9)'],
    ['10000000011', 'Account number: must be 10 digits, written xxxxxxxxxx (you entered 11)'],
    ['10000000A1', 'Account number: use digits only, 10 of them, written xxxxxxxxxx'],
    ['ABCDEFGHIJ', 'Account number: use digits only, 10 of them, written xxxxxxxxxx'],
    ['1000-000001', 'Account number: use digits only, 10 of them, written xxxxxxxxxx'],
    ['100000 0001', 'Account number: use digits only, 10 of them, written xxxxxxxxxx'],
    ['١٠٠٠٠٠٠٠٠١', 'Account number: use digits only, 10 of them, written xxxxxxxxxx'],
    ['', 'Account number: enter the 10-digit account number'],
    ['   ', 'Account number: enter the 10-digit account number'],
  ])('refuses %j: %s', (raw, message) => {
    expect(parseAccountEntry(raw, pwb)).toEqual({ ok: false, message });
    // Every refusal names the field and the rule's 10 digits.
    expect(message).toMatch(/^Account number: /);
    expect(message).toMatch(/\b10\b/);
  });
});

describe('parseAccountEntry: Portsmouth-like, 12 digits written ##########-##', () => {
  it('accepts the number with the dash where the bill writes it, or without', () => {
    expect(parseAccountEntry('1234567890-12', portsmouth)).toEqual({ ok: true, kind: 'account', account: '123456789012' });
    expect(parseAccountEntry('123456789012', portsmouth)).toEqual({ ok: true, kind: 'account', account: '123456789012' });
  });

  it.each(['12345678-9012', '-123456789012', '123456789012-', '1234567890--12', '12345678901-2'])(
    'refuses %j: the dash stands in the wrong place',
    (raw) => {
      expect(parseAccountEntry(raw, portsmouth)).toEqual({ ok: false, message: 'Account number: write it as xxxxxxxxxx-xx' });
    },
  );

  it('refuses 11 digits, naming 12', () => {
    expect(parseAccountEntry('1234567890-1', portsmouth)).toEqual({
      ok: false,
      message: 'Account number: must be 12 digits, written xxxxxxxxxx-xx (you entered 11)',
    });
  });

  it('refuses another separator', () => {
    expect(parseAccountEntry('1234567890/12', portsmouth)).toEqual({
      ok: false,
      message: 'Account number: use digits only, 12 of them, written xxxxxxxxxx-xx',
    });
  });
});

describe('formatAccountNumber', () => {
  it('writes the digits the way the profile displays them', () => {
    expect(formatAccountNumber('123456789012', portsmouth)).toBe('1234567890-12');
    expect(formatAccountNumber('1000000001', pwb)).toBe('1000000001');
  });

  it('every formatted number parses back to its digits (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{12}$/), (digits) => {
        expect(parseAccountEntry(formatAccountNumber(digits, portsmouth), portsmouth)).toEqual({
          ok: true,
          kind: 'account',
          account: digits,
        });
      }),
      { numRuns: 200 },
    );
  });
});

describe('mod10CheckDigit (Luhn)', () => {
  it.each([
    ['7992739871', '3'],
    ['411111111111111', '1'], // Visa test card 4111 1111 1111 1111
    ['37828224631000', '5'], // Amex test card 3782 822463 10005
    ['0', '0'],
    ['1', '8'],
  ])('check digit of %j is %j', (digits, check) => {
    expect(mod10CheckDigit(digits)).toBe(check);
  });

  it('makes every line Luhn-valid (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{1,30}$/), (digits) => {
        expect(luhnValid(`${digits}${mod10CheckDigit(digits)}`)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('scan lines', () => {
  const line = makeScanLine('1000000001', '182.40' as MoneyString);

  it('writes account, amount due in cents over 9 digits, and a check digit', () => {
    expect(line).toBe(`1000000001000018240${mod10CheckDigit('1000000001000018240')}`);
    expect(line).toHaveLength(20);
    expect(luhnValid(line)).toBe(true);
  });

  it('parses back as a scan with account and amount due', () => {
    expect(parseAccountEntry(line, pwb)).toEqual({ ok: true, kind: 'scan', account: '1000000001', amountDue: '182.40' });
  });

  it('reads amounts from $0.00 to $9,999,999.99', () => {
    for (const amount of ['0.00', '0.01', '9999999.99']) {
      const r = parseAccountEntry(makeScanLine('1000000001', amount as MoneyString), pwb);
      expect(r).toEqual({ ok: true, kind: 'scan', account: '1000000001', amountDue: amount });
    }
  });

  it('refuses every single-digit change of a valid line, at every position (exhaustive)', () => {
    let tried = 0;
    for (let pos = 0; pos < line.length; pos++) {
      for (let d = 0; d <= 9; d++) {
        const digit = String(d);
        if (line[pos] === digit) continue;
        const changed = `${line.slice(0, pos)}${digit}${line.slice(pos + 1)}`;
        expect(parseAccountEntry(changed, pwb), `position ${pos}, digit ${digit}: ${changed}`).toEqual({
          ok: false,
          message: CHECK_DIGIT_MESSAGE,
        });
        tried++;
      }
    }
    expect(tried).toBe(20 * 9);
  });

  it('a scan line written with a separator is not read as a scan', () => {
    const r = parseAccountEntry(`${line.slice(0, 10)}-${line.slice(10)}`, pwb);
    expect(r.ok).toBe(false);
  });

  it('works for a 12-digit profile too', () => {
    const l = makeScanLine('123456789012', '67.05' as MoneyString);
    expect(l).toHaveLength(22);
    expect(parseAccountEntry(l, portsmouth)).toEqual({ ok: true, kind: 'scan', account: '123456789012', amountDue: '67.05' });
  });

  it('round trips any account and amount due up to $9,999,999.99 (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{10}$/), fc.integer({ min: 0, max: 999_999_999 }), (account, cents) => {
        const amountDue = centsToString(cents);
        const l = makeScanLine(account, amountDue as MoneyString);
        expect(parseAccountEntry(l, pwb)).toEqual({ ok: true, kind: 'scan', account, amountDue });
      }),
      { numRuns: 300 },
    );
  });
});

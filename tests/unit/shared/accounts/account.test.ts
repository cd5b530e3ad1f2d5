import { describe, expect, it } from 'vitest';
import { accountSchema, isoDateSchema, isoTimestampSchema } from '../../../../shared/accounts/account';
import { sampleAccount } from '../fixtures';

function issues(input: unknown) {
  const r = accountSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

describe('accountSchema', () => {
  it('accepts an account as central sends it', () => {
    expect(accountSchema.parse(sampleAccount())).toEqual(sampleAccount());
  });

  it('accepts a credit balance, no due date and a certified amount', () => {
    const a = sampleAccount({ balance: '-17.60', dueDate: null, status: 'certified', certifiedAmount: '412.08' });
    expect(accountSchema.parse(a).balance).toBe('-17.60');
  });

  it('refuses "-0.00" and a balance without cents, naming the field', () => {
    expect(issues(sampleAccount({ balance: '-0.00' }))).toEqual([
      { path: 'balance', message: 'must be an amount with exactly two decimals, like 12.34 or -12.34' },
    ]);
    expect(issues(sampleAccount({ pastDue: '12' }))).toEqual([
      { path: 'pastDue', message: 'must be an amount with exactly two decimals, like 12.34 or -12.34' },
    ]);
  });

  it('refuses a US-style due date, naming the format', () => {
    expect(issues(sampleAccount({ dueDate: '03/21/2025' }))).toEqual([
      { path: 'dueDate', message: 'must be a date written YYYY-MM-DD' },
    ]);
  });

  it('refuses an unknown status and a negative shut-off count', () => {
    expect(issues(sampleAccount({ status: 'frozen' })).map((i) => i.path)).toEqual(['status']);
    expect(issues(sampleAccount({ shutOffsLast12Months: -1 })).map((i) => i.path)).toEqual(['shutOffsLast12Months']);
    expect(issues(sampleAccount({ shutOffsLast12Months: 1.5 })).map((i) => i.path)).toEqual(['shutOffsLast12Months']);
  });

  it('an account sent without beyondShutOff has not gone beyond shut-off', () => {
    const { beyondShutOff: _b, ...sent } = sampleAccount({ status: 'shut_off', shutOffsLast12Months: 1 });
    expect(accountSchema.parse(sent).beyondShutOff).toBe(false);
    expect(accountSchema.parse(sampleAccount({ beyondShutOff: true })).beyondShutOff).toBe(true);
    expect(issues(sampleAccount({ beyondShutOff: 'yes' })).map((i) => i.path)).toEqual(['beyondShutOff']);
  });

  it('refuses an account number with letters or separators', () => {
    expect(issues(sampleAccount({ number: '1234567890-12' })).map((i) => i.path)).toEqual(['number']);
  });
});

describe('dates and times', () => {
  it('timestamps carry a zone: Z or an offset, never local time', () => {
    expect(isoTimestampSchema.safeParse('2025-03-14T17:05:00.000Z').success).toBe(true);
    expect(isoTimestampSchema.safeParse('2025-03-14T10:05:00-07:00').success).toBe(true);
    expect(isoTimestampSchema.safeParse('2025-03-14T10:05:00').success).toBe(false);
    expect(isoTimestampSchema.safeParse('2025-03-14').success).toBe(false);
  });

  it('dates are YYYY-MM-DD', () => {
    expect(isoDateSchema.safeParse('2025-03-21').success).toBe(true);
    expect(isoDateSchema.safeParse('2025-3-21').success).toBe(false);
  });
});

describe('isoTimestampSchema (cases the fuzz found: central could not store them)', () => {
  it.each(['0000-01-01T00:00:00Z', '2026-01-01T00:00:00+23:59', '2026-01-01T00:00:00-13:00', '2026-01-01T00:00:00+14:01', `2026-01-01T00:00:00.${'1'.repeat(10_000)}Z`])('refuses %j', (at) => {
    expect(isoTimestampSchema.safeParse(at).success).toBe(false);
  });

  it.each(['0001-01-01T00:00:00Z', '2026-11-22T07:30:00-08:00', '2026-11-22T07:30:00+14:00', '2026-11-22T07:30:00-12:00', '2026-11-22T07:30:00+05:30', '9999-12-31T23:59:59.999Z', '2026-01-01T00:00:00.123456789Z'])('accepts %j', (at) => {
    expect(isoTimestampSchema.safeParse(at).success).toBe(true);
  });
});

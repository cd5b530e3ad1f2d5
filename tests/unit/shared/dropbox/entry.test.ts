/** The batch screen's rules: opening a batch, the scan field (scan line and check digit), judging a check, duplicates. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { makeScanLine } from '../../../../shared/accounts/account-number';
import type { Account } from '../../../../shared/accounts/account';
import type { MoneyString } from '../../../../shared/money/money';
import { clackamasWes, portlandWaterBureau, portsmouth } from '../../../../shared/profiles';
import { utilityProfileSchema } from '../../../../shared/profiles/schema';
import type { DropBoxItem } from '../../../../shared/dropbox/batch';
import {
  amountDueFor,
  duplicateCheck,
  duplicateStub,
  judgeItem,
  judgeOpening,
  readAmount,
  readScanField,
  zonedTimestamp,
  type OpeningDraft,
} from '../../../../shared/dropbox/entry';
import { sampleAccount } from '../fixtures';

const m = (s: string) => s as MoneyString;
const NOW = new Date('2026-11-23T17:00:00.000Z'); // 09:00 in Portland, Monday Nov 23

const opening = (over: Partial<OpeningDraft> = {}): OpeningDraft => ({
  retrievalDate: '2026-11-23',
  retrievalTime: '07:30',
  firstPerson: 'Ann Lee',
  secondPerson: 'Bo Diaz',
  controlCount: '25',
  controlTotal: '4012.55',
  ...over,
});

describe('opening a batch', () => {
  it('writes the retrieval time with the center’s offset and keeps its date as the posting date', () => {
    expect(judgeOpening(opening(), portlandWaterBureau, NOW)).toEqual({
      ok: true,
      value: { retrievedAt: '2026-11-23T07:30:00-08:00', retrievalDate: '2026-11-23', emptiedBy: ['Ann Lee', 'Bo Diaz'], controlCount: 25, controlTotal: '4012.55' },
    });
    // Portsmouth counts its day in New York.
    const r = judgeOpening(opening(), portsmouth, NOW);
    expect(r.ok && r.value.retrievedAt).toBe('2026-11-23T07:30:00-05:00');
  });

  it('refuses one person twice, a missing person, a time in the future, and bad control figures, each naming its field', () => {
    const r = judgeOpening(opening({ secondPerson: ' ann  LEE ', controlCount: '0', controlTotal: '-5', retrievalTime: '09:30' }), portlandWaterBureau, NOW);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors).toEqual([
      { field: 'retrievalTime', message: 'Retrieval time: is later than now; enter when the box was emptied' },
      { field: 'secondPerson', message: 'Second person: must be someone other than the first person: two people empty the drop box' },
      { field: 'controlCount', message: 'Control count: must be at least 1 check' },
      { field: 'controlTotal', message: 'Control total: cannot be negative; key the amount as written, like 182.40' },
    ]);
    const empty = judgeOpening(opening({ firstPerson: '', retrievalDate: '2026-02-30', controlTotal: '12.345' }), portlandWaterBureau, NOW);
    expect(!empty.ok && empty.errors.map((e) => e.message)).toEqual([
      'Retrieval date: enter the date the box was emptied',
      'First person: enter the name of a person who emptied the box',
      'Control total: use at most two decimals (dollars and cents)',
    ]);
    const old = judgeOpening(opening({ retrievalDate: '2026-10-01' }), portlandWaterBureau, NOW);
    expect(!old.ok && old.errors[0]?.message).toBe('Retrieval date: is more than 14 days ago; check the date on the tape');
  });

  it('knows the hour the clocks skip, and the offsets either side of the change', () => {
    expect(zonedTimestamp('2026-03-08', '02:30', 'America/Los_Angeles')).toBeNull();
    expect(zonedTimestamp('2026-03-08', '03:30', 'America/Los_Angeles')).toBe('2026-03-08T03:30:00-07:00');
    expect(zonedTimestamp('2026-03-08', '01:30', 'America/Los_Angeles')).toBe('2026-03-08T01:30:00-08:00');
    expect(zonedTimestamp('2026-07-01', '23:59', 'America/New_York')).toBe('2026-07-01T23:59:00-04:00');
  });
});

describe('the scan field', () => {
  it('reads a stub’s scan line: account and amount due, the check digit checked', () => {
    const line = makeScanLine('1000000001', m('182.40'));
    expect(line).toBe('10000000010000182409');
    expect(readScanField(line, portlandWaterBureau)).toEqual({ ok: true, kind: 'scan', account: '1000000001', amountDue: '182.40' });
    const bad = `${line.slice(0, -1)}${(Number(line.slice(-1)) + 1) % 10}`;
    expect(readScanField(bad, portlandWaterBureau)).toEqual({
      ok: false,
      message: 'Scan or account number: the scan line failed its check digit; scan again or type the account number',
    });
  });

  it('every single-digit misread of a scan line is caught by the check digit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999_999_99 }), fc.nat(19), fc.integer({ min: 1, max: 9 }), (cents, at, delta) => {
        const amount = m((cents / 100).toFixed(2));
        const line = makeScanLine('1000000001', amount);
        const misread = line.slice(0, at) + String((Number(line[at]) + delta) % 10) + line.slice(at + 1);
        const r = readScanField(misread, portlandWaterBureau);
        expect(r.ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('takes a typed account number as the profile writes it (Portsmouth xxxxxxxxxx-xx)', () => {
    expect(readScanField('1234567890-12', portsmouth)).toEqual({ ok: true, kind: 'account', account: '123456789012' });
    expect(readScanField('123456789012', portsmouth)).toEqual({ ok: true, kind: 'account', account: '123456789012' });
    expect(readScanField('12345678-9012', portsmouth)).toEqual({ ok: false, message: 'Scan or account number: write it as xxxxxxxxxx-xx' });
    expect(readScanField(makeScanLine('123456789012', m('77.30')), portsmouth)).toEqual({ ok: true, kind: 'scan', account: '123456789012', amountDue: '77.30' });
    expect(readScanField('', portlandWaterBureau)).toEqual({ ok: false, message: 'Scan or account number: enter the 10-digit account number' });
  });
});

describe('amounts keyed from a check', () => {
  it.each([
    ['0', 'must be more than $0.00'],
    ['0.00', 'must be more than $0.00'],
    ['-12.00', 'cannot be negative; key the amount as written, like 182.40'],
    ['$-1', 'cannot be negative; key the amount as written, like 182.40'],
    ['12.345', 'use at most two decimals (dollars and cents)'],
    ['1e3', 'use digits and a decimal point only, like 12.34'],
    ['', 'enter an amount, like 12.34'],
  ])('refuses %j: %s', (raw, message) => {
    expect(readAmount(raw)).toEqual({ ok: false, message });
  });
  it('reads 182.4 as 182.40', () => {
    expect(readAmount('182.4')).toEqual({ ok: true, value: '182.40' });
  });
});

const rosa: Account = sampleAccount({ number: '1000000001', balance: '182.40' });
const draft = (amount: string, checkNumber = '1042', payerName = '', note = '') => ({ amount, checkNumber, payerName, note });

describe('judging a check', () => {
  it('applies it as keyed, flagged partial or over against the stub', () => {
    const target = { kind: 'account' as const, account: rosa, entry: 'scan' as const, amountDue: m('182.40') };
    const exact = judgeItem(target, draft('182.40'), portlandWaterBureau);
    expect(exact).toEqual({
      ok: true,
      setAside: null,
      item: { kind: 'applied', amount: '182.40', checkNumber: '1042', accountNumber: '1000000001', entry: 'scan', amountDue: '182.40', match: 'exact' },
    });
    const partial = judgeItem(target, draft('100'), portlandWaterBureau);
    expect(partial.ok && partial.item.kind === 'applied' && partial.item.match).toBe('partial');
    const over = judgeItem(target, draft('200.00'), portlandWaterBureau);
    expect(over.ok && over.item.kind === 'applied' && over.item.match).toBe('over');
  });

  it('judges a typed account against the balance it owes, and against nothing when it owes nothing', () => {
    expect(amountDueFor(rosa, null)).toBe('182.40');
    expect(amountDueFor({ ...rosa, balance: m('-5.00') }, null)).toBeNull();
    expect(amountDueFor(rosa, m('50.00'))).toBe('50.00');
  });

  it('refuses a zero, negative or three-decimal amount and a missing check number, naming the field', () => {
    const target = { kind: 'account' as const, account: rosa, entry: 'typed' as const, amountDue: null };
    expect(judgeItem(target, draft('0', ''), portlandWaterBureau)).toEqual({
      ok: false,
      errors: [
        { field: 'amount', message: 'Check amount: must be more than $0.00' },
        { field: 'checkNumber', message: 'Check number: a check needs its check number' },
      ],
    });
    expect(judgeItem(target, draft('-3', '12a'), portlandWaterBureau)).toEqual({
      ok: false,
      errors: [
        { field: 'amount', message: 'Check amount: cannot be negative; key the amount as written, like 182.40' },
        { field: 'checkNumber', message: 'Check number: use the digits of the check number (1 to 10)' },
      ],
    });
    expect(judgeItem(target, draft('1.005'), portlandWaterBureau)).toEqual({ ok: false, errors: [{ field: 'amount', message: 'Check amount: use at most two decimals (dollars and cents)' }] });
  });

  it('makes an exception with the payer’s name and a note when no account matched', () => {
    const target = { kind: 'exception' as const, accountNumber: '1000009999' };
    expect(judgeItem(target, draft('60.00', '77'), portlandWaterBureau)).toEqual({
      ok: false,
      errors: [
        { field: 'payerName', message: 'Payer name: enter the name printed on the check, so the payment can be found later' },
        { field: 'note', message: 'Note: say what is missing (no stub, no account number, number not found)' },
      ],
    });
    expect(judgeItem(target, draft('60.00', '77', ' Jane  Roe ', 'account 1000009999 not found'), portlandWaterBureau)).toEqual({
      ok: true,
      setAside: null,
      item: { kind: 'exception', amount: '60.00', checkNumber: '77', accountNumber: '1000009999', payerName: 'Jane Roe', note: 'account 1000009999 not found' },
    });
    const card = judgeItem({ kind: 'exception', accountNumber: null }, draft('1.00', '1', 'Jane', 'card 4111 1111 1111 1111'), portlandWaterBureau);
    expect(!card.ok && card.errors[0]?.message).toMatch(/^Note: card numbers are not recorded here/);
  });

  it('sets aside a check the profile refuses, or one for a closed account, with the reason', () => {
    const noChecks = utilityProfileSchema.parse({ ...clackamasWes, tenders: { ...clackamasWes.tenders, check: { ...clackamasWes.tenders.check, accepted: false } } });
    const target = { kind: 'account' as const, account: { ...rosa, utility: 'wes', number: '200000001' }, entry: 'typed' as const, amountDue: null };
    expect(judgeItem(target, draft('10.00'), noChecks)).toEqual({
      ok: true,
      setAside: 'Clackamas Water Environment Services does not take checks here (Clackamas WES Online Utility Bill Payments)',
      item: {
        kind: 'set_aside',
        amount: '10.00',
        checkNumber: '1042',
        accountNumber: '200000001',
        reason: 'Clackamas Water Environment Services does not take checks here (Clackamas WES Online Utility Bill Payments)',
      },
    });
    const lowLimit = { ...portlandWaterBureau, tenders: { ...portlandWaterBureau.tenders, check: { ...portlandWaterBureau.tenders.check, maxAmount: '5000.00' } } };
    const huge = judgeItem({ kind: 'account', account: rosa, entry: 'typed', amountDue: null }, draft('5000.01'), lowLimit as typeof portlandWaterBureau);
    expect(huge.ok && huge.setAside).toBe('a check can be for at most $5,000.00 (the MICR amount field\'s limit)');
    const overAnyAmount = judgeItem({ kind: 'account', account: rosa, entry: 'typed', amountDue: null }, draft('100000000.00'), portlandWaterBureau);
    expect(overAnyAmount.ok).toBe(false);
    const closed = judgeItem({ kind: 'account', account: { ...rosa, status: 'closed' }, entry: 'typed', amountDue: null }, draft('5.00'), portlandWaterBureau);
    expect(closed.ok && closed.setAside).toBe('account 1000000001 is closed; payments are not taken for it');
  });
});

describe('duplicates', () => {
  const items: DropBoxItem[] = [
    { id: '01936f4e-8a2b-7c3d-9e4f-5a6b7c8d9e01', n: 1, kind: 'applied', amount: m('182.40'), checkNumber: '1042', enteredAt: NOW.toISOString(), accountNumber: '1000000001', entry: 'scan', amountDue: m('182.40'), match: 'exact' },
    { id: '01936f4e-8a2b-7c3d-9e4f-5a6b7c8d9e02', n: 2, kind: 'applied', amount: m('20.00'), checkNumber: '55', enteredAt: NOW.toISOString(), accountNumber: '1000000002', entry: 'typed', amountDue: m('96.15'), match: 'partial' },
  ];
  it('warns when the same stub is scanned again in the batch', () => {
    expect(duplicateStub(items, '1000000001', m('182.40'), portlandWaterBureau)).toBe(
      'Scan or account number: this stub (1000000001, $182.40) was already scanned as item 1. Press Enter to enter it again anyway, or Escape to clear it.',
    );
    // Another stub of the same account (another bill), or a typed number, is not the same stub.
    expect(duplicateStub(items, '1000000001', m('90.00'), portlandWaterBureau)).toBeNull();
    expect(duplicateStub(items, '1000000002', m('96.15'), portlandWaterBureau)).toBeNull();
  });
  it('warns when the same check (account and check number) is entered twice', () => {
    expect(duplicateCheck(items, '1000000002', ' 55 ', portlandWaterBureau)).toBe(
      'Check number: check 55 for 1000000002 is already item 2. Press Enter to add it anyway, or correct the check number.',
    );
    expect(duplicateCheck(items, '1000000002', '56', portlandWaterBureau)).toBeNull();
    expect(duplicateCheck(items, null, '55', portlandWaterBureau)).toBeNull();
  });
});

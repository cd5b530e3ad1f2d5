import { describe, expect, it } from 'vitest';
import { CARD_NUMBER_MESSAGE } from '../../../../shared/payments/card-guard';
import { voidReasonSchema, voidSchema } from '../../../../shared/payments/void';
import { PAYMENT_ID, TAKEN_AT, type Loose } from '../fixtures';
import type { Void } from '../../../../shared/payments/void';

const VOID_ID = '0195939b-0a00-7abc-8def-0123456789ab';

function sampleVoid(overrides: Loose<Void> = {}): Void {
  return {
    id: VOID_ID,
    paymentId: PAYMENT_ID,
    utility: 'pwb',
    stationId: 'wic-1',
    cashier: 'jdoe',
    approvedBy: 'msupervisor',
    reason: 'Keyed to the wrong account',
    drawerSessionId: 'drawer-2025-03-14-wic-1',
    takenAt: TAKEN_AT,
    ...overrides,
  } as Void;
}

function issues(input: unknown) {
  const r = voidSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

describe('voidSchema', () => {
  it('accepts a void approved by a supervisor, unchanged', () => {
    expect(voidSchema.parse(sampleVoid())).toEqual(sampleVoid());
  });

  it('refuses a cashier approving their own void, at approvedBy', () => {
    expect(issues(sampleVoid({ approvedBy: 'jdoe' }))).toEqual([{ path: 'approvedBy', message: 'a cashier cannot approve their own void' }]);
  });

  it('needs an approver', () => {
    expect(issues(sampleVoid({ approvedBy: '' })).map((i) => i.path)).toEqual(['approvedBy']);
  });

  it.each(['', 'no', '  ab  ', '   '])('refuses the reason %j (under 3 characters once trimmed)', (reason) => {
    expect(issues(sampleVoid({ reason }))).toEqual([{ path: 'reason', message: 'Reason: say why the payment is voided (3 characters or more)' }]);
  });

  it('takes a 3-character reason and trims it', () => {
    expect(voidSchema.parse(sampleVoid({ reason: '  dup  ' })).reason).toBe('dup');
  });

  it('refuses a reason over 200 characters', () => {
    expect(issues(sampleVoid({ reason: 'x'.repeat(201) }))).toEqual([{ path: 'reason', message: 'Reason: keep it under 200 characters' }]);
    expect(issues(sampleVoid({ reason: 'x'.repeat(200) }))).toEqual([]);
  });

  it.each(['customer gave card 4111111111111111 by mistake', '4111 1111 1111 1111', '4111-1111-1111-1111'])('refuses a card number in the reason: %j', (reason) => {
    expect(issues(sampleVoid({ reason }))).toEqual([{ path: 'reason', message: `Reason: ${CARD_NUMBER_MESSAGE}` }]);
  });

  it('keeps account numbers in the reason', () => {
    expect(voidReasonSchema.parse('meant for 1000000002, not 1000000001')).toBe('meant for 1000000002, not 1000000001');
    expect(voidReasonSchema.parse('posted to 1234567890-12 1234567890-13')).toBe('posted to 1234567890-12 1234567890-13');
  });

  it.each([
    [{ id: 'abc' }, 'id', 'must be a UUID made when the void started'],
    [{ paymentId: '' }, 'paymentId', 'must be the id of the payment being voided'],
    [{ takenAt: '2025-03-14 10:05' }, 'takenAt', undefined],
    [{ drawerSessionId: '' }, 'drawerSessionId', undefined],
  ])('refuses %j at its field', (override, path, message) => {
    const found = issues(sampleVoid(override));
    expect(found.map((i) => i.path)).toEqual([path]);
    if (message) expect(found[0]?.message).toBe(message);
  });

  it('a void outside a drawer session has a null session', () => {
    expect(issues(sampleVoid({ drawerSessionId: null }))).toEqual([]);
  });
});

describe('a cashier approving their own void under a disguised name', () => {
  it.each(['jdoe\u200B', ' jdoe', 'ｊｄｏｅ'])('refuses approvedBy %j when the cashier is jdoe, naming approvedBy', (approvedBy) => {
    expect(issues(sampleVoid({ approvedBy })).map((i) => i.path)).toEqual(['approvedBy']);
  });
});

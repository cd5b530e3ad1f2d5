import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  MAX_PAYMENTS_PER_BATCH,
  accountFeedQuerySchema,
  accountFeedResponseSchema,
  describeZodError,
  healthResponseSchema,
  paymentResultSchema,
  postPaymentsRequestSchema,
  postPaymentsResponseSchema,
  postVoidsRequestSchema,
  postVoidsResponseSchema,
} from '../../../../shared/sync/protocol';
import { uuidv7 } from '../../../../shared/ids';
import { sampleAccount, samplePayment } from '../fixtures';

function refusal(schema: z.ZodType, input: unknown) {
  const r = schema.safeParse(input);
  if (r.success) throw new Error('expected a refusal');
  return describeZodError(r.error);
}

const batch = (n: number) => Array.from({ length: n }, (_, i) => samplePayment({ id: uuidv7(1_741_971_900_000 + i) }));

describe('postPaymentsRequestSchema', () => {
  it('accepts one payment and a full batch of 500', () => {
    expect(MAX_PAYMENTS_PER_BATCH).toBe(500);
    expect(postPaymentsRequestSchema.parse({ payments: batch(1) }).payments).toHaveLength(1);
    expect(postPaymentsRequestSchema.parse({ payments: batch(500) }).payments).toHaveLength(500);
  });

  it('refuses an empty batch', () => {
    expect(refusal(postPaymentsRequestSchema, { payments: [] })).toEqual({
      error: 'payments: Too small: expected array to have >=1 items',
      field: 'payments',
    });
  });

  it('refuses more than 500 payments', () => {
    expect(refusal(postPaymentsRequestSchema, { payments: batch(501) })).toEqual({
      error: 'payments: Too big: expected array to have <=500 items',
      field: 'payments',
    });
  });
});

describe('describeZodError: the first problem, with its field path', () => {
  it('names a payment total by its place in the batch', () => {
    const payments = [samplePayment({ total: '182.4' })];
    expect(refusal(postPaymentsRequestSchema, { payments })).toEqual({
      error: 'payments.0.total: must be an amount with exactly two decimals, like 12.34',
      field: 'payments.0.total',
    });
  });

  it('names a line amount deep in the second payment', () => {
    const payments = [samplePayment(), samplePayment({ lines: [{ accountNumber: '1000000001', amount: '1e3' }] })];
    expect(refusal(postPaymentsRequestSchema, { payments })).toEqual({
      error: 'payments.1.lines.0.amount: must be an amount with exactly two decimals, like 12.34',
      field: 'payments.1.lines.0.amount',
    });
  });

  it('names a bad id', () => {
    expect(refusal(postPaymentsRequestSchema, { payments: [samplePayment({ id: 'abc' })] })).toEqual({
      error: 'payments.0.id: must be a UUID made when the payment started',
      field: 'payments.0.id',
    });
  });

  it('a body that is not an object has no field', () => {
    expect(refusal(postPaymentsRequestSchema, 'payments')).toEqual({ error: 'Invalid input: expected object, received string' });
  });

  it('an error with no issues still says something', () => {
    expect(describeZodError(new z.ZodError([]))).toEqual({ error: 'invalid input' });
  });
});

describe('payment results', () => {
  const id = samplePayment().id;

  it('accepts each fate with what it must carry', () => {
    const results = [
      { id, status: 'posted', reference: 'P-1', postedAt: '2025-03-14T17:05:01Z' },
      { id, status: 'already_posted', reference: 'P-1', postedAt: '2025-03-14T17:05:01Z' },
      { id, status: 'conflict', error: 'this id was posted with other contents' },
      { id, status: 'rejected', error: 'coins: at most $5.00 in coin per payment' },
    ];
    expect(postPaymentsResponseSchema.parse({ results }).results).toEqual(results);
  });

  it('refuses a posted result without its reference, and an unknown status', () => {
    expect(paymentResultSchema.safeParse({ id, status: 'posted', postedAt: '2025-03-14T17:05:01Z' }).success).toBe(false);
    expect(paymentResultSchema.safeParse({ id, status: 'lost' }).success).toBe(false);
  });
});

describe('the account feed', () => {
  it('defaults to the start and 1000 accounts a page', () => {
    expect(accountFeedQuerySchema.parse({})).toEqual({ after: '0', limit: 1000 });
    expect(accountFeedQuerySchema.parse({ after: '42', limit: '5000' })).toEqual({ after: '42', limit: 5000 });
  });

  it('refuses a cursor it did not give and a page size outside 1-5000', () => {
    expect(refusal(accountFeedQuerySchema, { after: 'abc' })).toEqual({
      error: 'after: must be a cursor from a previous page',
      field: 'after',
    });
    expect(refusal(accountFeedQuerySchema, { limit: '0' }).field).toBe('limit');
    expect(refusal(accountFeedQuerySchema, { limit: '5001' }).field).toBe('limit');
    expect(refusal(accountFeedQuerySchema, { limit: '2.5' }).field).toBe('limit');
  });

  it('carries accounts, the next cursor and whether there is more', () => {
    const page = { accounts: [sampleAccount()], cursor: '43', more: false };
    expect(accountFeedResponseSchema.parse(page)).toEqual(page);
    expect(accountFeedResponseSchema.safeParse({ ...page, accounts: [sampleAccount({ balance: '-0.00' })] }).success).toBe(false);
  });
});

describe('health', () => {
  it('says ok and which database', () => {
    expect(healthResponseSchema.parse({ ok: true, version: '0.1.0', database: 'pglite' }).database).toBe('pglite');
    expect(healthResponseSchema.safeParse({ ok: false, version: '0.1.0', database: 'pglite' }).success).toBe(false);
    expect(healthResponseSchema.safeParse({ ok: true, version: '0.1.0', database: 'sqlite' }).success).toBe(false);
  });
});

describe('postVoidsRequestSchema', () => {
  const sampleVoid = (id: string) => ({
    id,
    paymentId: samplePayment().id,
    utility: 'pwb',
    stationId: 'wic-1',
    cashier: 'jdoe',
    approvedBy: 'msupervisor',
    reason: 'Keyed to the wrong account',
    drawerSessionId: null,
    takenAt: '2025-03-14T17:10:00.000Z',
  });

  it('accepts one void and a full batch of 500', () => {
    expect(postVoidsRequestSchema.parse({ voids: [sampleVoid(uuidv7())] }).voids).toHaveLength(1);
    const batch = Array.from({ length: 500 }, (_, i) => sampleVoid(uuidv7(1_741_972_200_000 + i)));
    expect(postVoidsRequestSchema.parse({ voids: batch }).voids).toHaveLength(500);
  });

  it('refuses an empty batch, more than 500, and a self-approved void by its place in the batch', () => {
    expect(refusal(postVoidsRequestSchema, { voids: [] }).field).toBe('voids');
    expect(refusal(postVoidsRequestSchema, { voids: Array.from({ length: 501 }, () => sampleVoid(uuidv7())) }).field).toBe('voids');
    expect(refusal(postVoidsRequestSchema, { voids: [sampleVoid(uuidv7()), { ...sampleVoid(uuidv7()), approvedBy: 'jdoe' }] })).toEqual({
      error: 'voids.1.approvedBy: a cashier cannot approve their own void',
      field: 'voids.1.approvedBy',
    });
  });

  it('results have the same fates as payments', () => {
    const id = uuidv7();
    const results = [
      { id, status: 'posted', reference: 'V-1', postedAt: '2025-03-14T17:10:01Z' },
      { id, status: 'rejected', error: 'no such payment' },
    ];
    expect(postVoidsResponseSchema.parse({ results }).results).toEqual(results);
  });
});

describe('payments with every tender cross the wire', () => {
  it('a batch of payments with random UUIDs is never refused for a card number in the id', () => {
    for (let round = 0; round < 4; round++) {
      const payments = Array.from({ length: 500 }, (_, i) => samplePayment({ id: uuidv7(1_741_971_900_000 + i) }));
      expect(postPaymentsRequestSchema.safeParse({ payments }).success).toBe(true);
    }
  });

  it('names a card number in a memo by its place in the batch', () => {
    const payments = [samplePayment(), samplePayment({ memo: 'card 4111 1111 1111 1111' })];
    expect(refusal(postPaymentsRequestSchema, { payments })).toEqual({
      error: 'payments.1.memo: card numbers are not recorded here: enter only the last four digits on the card field',
      field: 'payments.1.memo',
    });
  });
});

/**
 * The station ↔ central protocol, version 1. Every body on both sides is parsed with these schemas.
 * Written out for people in central/README.md.
 *
 *   GET  /v1/health                                  no token needed
 *   GET  /v1/station                                 the station and utility this token speaks for
 *   GET  /v1/accounts/:utility/:number               one account, fresh
 *   GET  /v1/accounts/:utility?after=CURSOR&limit=N  the change feed for the station's cache
 *   POST /v1/payments                                a batch of payments, per-item results
 *   POST /v1/voids                                   a batch of voids, per-item results
 *   POST /v1/dropbox-batches                         closed drop-box batches with their items, per-batch results
 *
 * Every call but health carries `Authorization: Bearer <station token>`; every POST may carry the station's
 * `journalHead` (journalHeadSchema).
 */
import { z } from 'zod';
import { accountSchema } from '../accounts/account';
import { paymentSchema } from '../payments/payment';
import { voidSchema } from '../payments/void';
import { closeoutSchema } from '../drawer/closeout';
import { depositSchema } from '../drawer/deposit';
import { dropBoxBatchSchema } from '../dropbox/batch';
import { stationConfigSchema } from '../station';

export const API_VERSION = 'v1';

export const healthResponseSchema = z.object({ ok: z.literal(true), version: z.string(), database: z.enum(['pglite', 'postgres']) });
export type HealthResponse = z.infer<typeof healthResponseSchema>;

/** Who a token is: the setup screen checks it against the station ID and utility it is about to save. */
export const stationResponseSchema = z.object({ stationId: z.string().max(40), utility: z.string().max(40) });
export type StationResponse = z.infer<typeof stationResponseSchema>;

export const accountResponseSchema = z.object({ account: accountSchema });

export const accountFeedQuerySchema = z.object({
  after: z.string().regex(/^[0-9]+$/, { message: 'must be a cursor from a previous page' }).default('0'),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
});

export const accountFeedResponseSchema = z.object({
  accounts: z.array(accountSchema),
  /** Pass back as `after` to get what changed since; equal to the request's when nothing did. */
  cursor: z.string(),
  more: z.boolean(),
});
export type AccountFeedResponse = z.infer<typeof accountFeedResponseSchema>;

export const MAX_PAYMENTS_PER_BATCH = 500;

/**
 * The station's journal head (its last entry's number and MAC), sent with every POST. Central keeps every
 * head it has seen (journal_heads), so a journal rewritten or cut short on the station no longer matches
 * what central saw: `central:verify-journal` compares an export against them. Optional: stations before it
 * send none.
 */
export const journalHeadSchema = z.object({
  stationId: stationConfigSchema.shape.stationId,
  n: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  hash: z.string().regex(/^[0-9a-f]{64}$/, { message: 'must be the entry\'s hash, 64 lowercase hexadecimal digits' }),
});
export type JournalHead = z.infer<typeof journalHeadSchema>;
const withHead = { journalHead: journalHeadSchema.optional() };

export const postPaymentsRequestSchema = z.object({
  payments: z.array(paymentSchema).min(1).max(MAX_PAYMENTS_PER_BATCH),
  ...withHead,
});
export type PostPaymentsRequest = z.infer<typeof postPaymentsRequestSchema>;

/**
 * One payment's fate:
 * - posted: stored now; `reference` is central's posting reference.
 * - already_posted: this id was stored before with the same contents; the first answer is repeated.
 * - held: stored now (or before) but not applied to the account: central cannot apply it (account closed or
 *   unknown, over a profile limit, `takenAt` outside central's window, a database error on that item), or
 *   the payment breaks its schema or does not add up ("does not match the protocol: <field>: ..."). The
 *   money was taken, so it is never refused: the back office applies or refunds it. `reason` says why, for
 *   people; `reference` is central's (H00000001). The same id and contents again get the same answer. Final.
 * - conflict: this id was stored before with other contents; never retried, shown to a supervisor.
 * - rejected: this one item cannot be kept: a payment whose id is not a station's UUID, or a void,
 *   close-out, deposit or drop-box batch that fails its schema or rules; nothing of it stored; the other
 *   items of the batch are answered as usual. Never retried, shown to a supervisor.
 * A batch is refused whole (400) only when its envelope breaks the protocol: not an object, the list
 * missing, empty or too long, an item without a usable `id`. 503: an item could be neither applied nor
 * held; 500: central's database is down. Both are retried with the same ids.
 */
export const paymentResultSchema = z.discriminatedUnion('status', [
  z.object({ id: z.string(), status: z.literal('posted'), reference: z.string(), postedAt: z.string() }),
  z.object({ id: z.string(), status: z.literal('already_posted'), reference: z.string(), postedAt: z.string() }),
  z.object({ id: z.string(), status: z.literal('held'), reference: z.string(), postedAt: z.string(), reason: z.string() }),
  z.object({ id: z.string(), status: z.literal('conflict'), error: z.string() }),
  z.object({ id: z.string(), status: z.literal('rejected'), error: z.string() }),
]);
export type PaymentResult = z.infer<typeof paymentResultSchema>;

export const postPaymentsResponseSchema = z.object({ results: z.array(paymentResultSchema) });
export type PostPaymentsResponse = z.infer<typeof postPaymentsResponseSchema>;

export const postVoidsRequestSchema = z.object({ voids: z.array(voidSchema).min(1).max(MAX_PAYMENTS_PER_BATCH), ...withHead });
export type PostVoidsRequest = z.infer<typeof postVoidsRequestSchema>;
/**
 * Same statuses as payments. A void of a payment central does not hold is `rejected`; a second void of the
 * same payment under another id is a `conflict`; a database error on one void is `held`.
 */
export const postVoidsResponseSchema = z.object({ results: z.array(paymentResultSchema) });
export type PostVoidsResponse = z.infer<typeof postVoidsResponseSchema>;

/** Every error body: what was wrong, and where. */
export const errorResponseSchema = z.object({ error: z.string(), field: z.string().optional() });
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

/** "payments.0.lines.0.amount: must be an amount with exactly two decimals, like 12.34" */
export function describeZodError(error: z.ZodError): { error: string; field?: string } {
  const issue = error.issues[0];
  if (!issue) return { error: 'invalid input' };
  const field = issue.path.map(String).join('.');
  return field ? { error: `${field}: ${issue.message}`, field } : { error: issue.message };
}

/**
 * Drop-box batches (shared/dropbox/batch.ts): closed batches with every item. A batch is the idempotency
 * key, like a payment: the same id and contents again → `already_posted` with the first reference; the
 * same id with other contents → `conflict`; a batch that breaks a rule → `rejected`, nothing stored.
 * Applied items are posted as payments (taken at the retrieval time); exceptions and set-aside checks are
 * stored unapplied. A station sends one batch per request; up to 5 are accepted (5 full batches of 2,000
 * checks stay under central's 4 MiB body limit).
 */
export const MAX_DROPBOX_BATCHES_PER_REQUEST = 5;

export const postDropBoxBatchesRequestSchema = z.object({
  batches: z.array(dropBoxBatchSchema).min(1).max(MAX_DROPBOX_BATCHES_PER_REQUEST),
  ...withHead,
});
export type PostDropBoxBatchesRequest = z.infer<typeof postDropBoxBatchesRequestSchema>;

/** One result per batch, in request order, with the payment statuses; a posted batch's reference is `B00000001`. */
export const postDropBoxBatchesResponseSchema = z.object({ results: z.array(paymentResultSchema) });
export type PostDropBoxBatchesResponse = z.infer<typeof postDropBoxBatchesResponseSchema>;

/**
 * Drawer close-outs (shared/drawer/closeout.ts) and the day's deposits (shared/drawer/deposit.ts), sent
 * through the outbox like payments, after the payments and voids they sum up. Same contract: the id is the
 * key (a close-out's id is its drawer session's), the same id and contents again → `already_posted` with
 * the first reference; the same id with other contents → `conflict`; a record that breaks a rule →
 * `rejected`, nothing stored. References: close-outs `C00000001`, deposits `D00000001`.
 *
 *   POST /v1/closeouts   { closeouts: [...] }   per-item results, in request order
 *   POST /v1/deposits    { deposits: [...] }    per-item results, in request order
 */
export const MAX_DRAWER_RECORDS_PER_REQUEST = 100;

export const postCloseoutsRequestSchema = z.object({ closeouts: z.array(closeoutSchema).min(1).max(MAX_DRAWER_RECORDS_PER_REQUEST), ...withHead });
export type PostCloseoutsRequest = z.infer<typeof postCloseoutsRequestSchema>;
export const postCloseoutsResponseSchema = z.object({ results: z.array(paymentResultSchema) });
export type PostCloseoutsResponse = z.infer<typeof postCloseoutsResponseSchema>;

export const postDepositsRequestSchema = z.object({ deposits: z.array(depositSchema).min(1).max(MAX_DRAWER_RECORDS_PER_REQUEST), ...withHead });
export type PostDepositsRequest = z.infer<typeof postDepositsRequestSchema>;
export const postDepositsResponseSchema = z.object({ results: z.array(paymentResultSchema) });
export type PostDepositsResponse = z.infer<typeof postDepositsResponseSchema>;

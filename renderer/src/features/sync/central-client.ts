/**
 * Talks to central over HTTP; every answer is parsed with the protocol's schemas.
 * Three kinds of failure, because only one of them may ever cost a payment its place in the outbox:
 * - CentralUnreachable: nothing answered (network, timeout). The station is offline; retried later.
 * - CentralError: something answered, but not central's protocol (5xx, 401/403/404/408/429, a proxy's
 *   HTML page, a 200 whose body does not parse). Retried later; never a verdict on the entries.
 * - CentralRefused (400/422 with the protocol's error body) and CentralTooLarge (413): central read the
 *   request and said no to it as a whole; the runner splits the batch to find what it refuses.
 */
import type { z } from 'zod';
import {
  accountFeedResponseSchema,
  accountResponseSchema,
  healthResponseSchema,
  errorResponseSchema,
  postPaymentsResponseSchema,
  postVoidsResponseSchema,
  postDropBoxBatchesResponseSchema,
  postCloseoutsResponseSchema,
  postDepositsResponseSchema,
  type PostCloseoutsResponse,
  type PostDepositsResponse,
  type AccountFeedResponse,
  type PostPaymentsResponse,
  type PostVoidsResponse,
  type PostDropBoxBatchesResponse,
  type JournalHead,
} from '../../../../shared/sync/protocol';
import type { Account } from '../../../../shared/accounts/account';
import type { Payment } from '../../../../shared/payments/payment';
import type { Void } from '../../../../shared/payments/void';
import type { DropBoxBatch } from '../../../../shared/dropbox/batch';
import type { Closeout } from '../../../../shared/drawer/closeout';
import type { Deposit } from '../../../../shared/drawer/deposit';
import type { CentralTransport } from '../../host/host';

export class CentralUnreachable extends Error {}

/** Something answered, but not with the protocol: retry later. `status` is null for a bad body with a 2xx. */
export class CentralError extends Error {
  constructor(
    readonly status: number | null,
    message: string,
  ) {
    super(message);
  }
}

/** Central refused the request as a whole with a protocol error body (400 or 422). */
export class CentralRefused extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The request body was too large for central or a proxy before it (413): send fewer at a time. */
export class CentralTooLarge extends Error {
  readonly status = 413;
}

const NOT_PROTOCOL = "Central's answer did not match the protocol";

/** Sorts one HTTP answer that is not a success into the three kinds above. */
export function classifyFailure(status: number, body: unknown): Error {
  const err = errorResponseSchema.safeParse(body);
  if (status === 413) return new CentralTooLarge(`Central refused the batch as too large (413)${err.success ? `: ${err.data.error}` : ''}`);
  // Only central's own error body is a verdict: a proxy's 400 page says nothing about the entries.
  if ((status === 400 || status === 422) && err.success) return new CentralRefused(status, err.data.error);
  return new CentralError(status, `Central answered ${status}${err.success ? `: ${err.data.error}` : ''}`);
}

export type CentralClient = {
  account(utility: string, number: string): Promise<Account | null>;
  feed(utility: string, after: string, limit: number): Promise<AccountFeedResponse>;
  postPayments(payments: Payment[]): Promise<PostPaymentsResponse>;
  postVoids(voids: Void[]): Promise<PostVoidsResponse>;
  postDropBoxBatches(batches: DropBoxBatch[]): Promise<PostDropBoxBatchesResponse>;
  postCloseouts(closeouts: Closeout[]): Promise<PostCloseoutsResponse>;
  postDeposits(deposits: Deposit[]): Promise<PostDepositsResponse>;
  /** Resolves when central answers its health check; throws CentralUnreachable or CentralError otherwise. */
  health(): Promise<void>;
};

/**
 * The client over a transport: the browser's fetch with the token, or Electron's main process. With
 * `journalHead`, every POST carries the station's journal head, read when the request is sent.
 */
export function centralClient(transport: CentralTransport, opts: { journalHead?: () => Promise<JournalHead | null> } = {}): CentralClient {
  async function call<T>(path: string, schema: z.ZodType<T>, items?: Record<string, unknown>, allow404 = false): Promise<T | null> {
    const head = items !== undefined && opts.journalHead ? await opts.journalHead() : null;
    const body = items !== undefined ? { ...items, ...(head ? { journalHead: head } : {}) } : undefined;
    const res = await transport({ method: body === undefined ? 'GET' : 'POST', path, ...(body !== undefined ? { body } : {}) });
    // "No such account" is central's 404 with its error body; a proxy's 404 page is not an answer.
    if (allow404 && res.status === 404 && errorResponseSchema.safeParse(res.body).success) return null;
    if (res.status < 200 || res.status >= 300) throw classifyFailure(res.status, res.body);
    const parsed = schema.safeParse(res.body);
    if (!parsed.success) throw new CentralError(null, NOT_PROTOCOL);
    return parsed.data;
  }
  const must = <T>(r: T | null, what: string): T => {
    if (r === null) throw new CentralError(404, `Central answered 404 for the ${what}`);
    return r;
  };
  return {
    async account(utility, number) {
      const r = await call(`/v1/accounts/${encodeURIComponent(utility)}/${encodeURIComponent(number)}`, accountResponseSchema, undefined, true);
      return r ? r.account : null;
    },
    async feed(utility, after, limit) {
      return must(await call(`/v1/accounts/${encodeURIComponent(utility)}?after=${encodeURIComponent(after)}&limit=${limit}`, accountFeedResponseSchema), 'feed');
    },
    async postPayments(payments) {
      return must(await call('/v1/payments', postPaymentsResponseSchema, { payments }), 'payments endpoint');
    },
    async postVoids(voids) {
      return must(await call('/v1/voids', postVoidsResponseSchema, { voids }), 'voids endpoint');
    },
    async postDropBoxBatches(batches) {
      return must(await call('/v1/dropbox-batches', postDropBoxBatchesResponseSchema, { batches }), 'drop-box batches endpoint');
    },
    async postCloseouts(closeouts) {
      return must(await call('/v1/closeouts', postCloseoutsResponseSchema, { closeouts }), 'close-outs endpoint');
    },
    async postDeposits(deposits) {
      return must(await call('/v1/deposits', postDepositsResponseSchema, { deposits }), 'deposits endpoint');
    },
    async health() {
      const res = await transport({ method: 'GET', path: '/v1/health' });
      if (res.status !== 200) throw new CentralError(res.status, `Central answered ${res.status}`);
      if (!healthResponseSchema.safeParse(res.body).success) throw new CentralError(null, NOT_PROTOCOL);
    },
  };
}

/** A client straight over fetch with the token: for the browser and for scripts. */
export function httpCentralClient(baseUrl: string, token: string, timeoutMs = 8000): CentralClient {
  return centralClient(httpTransport(baseUrl, token, timeoutMs));
}

/** Central over fetch, the token in the Authorization header; a network failure is `CentralUnreachable`. */
export function httpTransport(baseUrl: string, token: string, timeoutMs = 8000): CentralTransport {
  const base = baseUrl.replace(/\/+$/, '');
  return async (request) => {
    let res: Response;
    try {
      res = await fetch(`${base}${request.path}`, {
        method: request.method,
        headers: { Authorization: `Bearer ${token}`, ...(request.body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
        body: request.body !== undefined ? JSON.stringify(request.body) : undefined,
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (e) {
      throw new CentralUnreachable(`Central cannot be reached (${e instanceof Error ? e.message : String(e)})`);
    }
    return { status: res.status, body: await res.json().catch(() => null) };
  };
}

/**
 * Talks to central over HTTP; every answer is parsed with the protocol's schemas.
 * Unreachable (network, timeout, 5xx) is retried later; refused (4xx) is final.
 */
import type { z } from 'zod';
import {
  accountFeedResponseSchema,
  accountResponseSchema,
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
} from '../../../../shared/sync/protocol';
import type { Account } from '../../../../shared/accounts/account';
import type { Payment } from '../../../../shared/payments/payment';
import type { Void } from '../../../../shared/payments/void';
import type { DropBoxBatch } from '../../../../shared/dropbox/batch';
import type { Closeout } from '../../../../shared/drawer/closeout';
import type { Deposit } from '../../../../shared/drawer/deposit';
import type { CentralTransport } from '../../host/host';

export class CentralUnreachable extends Error {}
export class CentralRefused extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export type CentralClient = {
  account(utility: string, number: string): Promise<Account | null>;
  feed(utility: string, after: string, limit: number): Promise<AccountFeedResponse>;
  postPayments(payments: Payment[]): Promise<PostPaymentsResponse>;
  postVoids(voids: Void[]): Promise<PostVoidsResponse>;
  postDropBoxBatches(batches: DropBoxBatch[]): Promise<PostDropBoxBatchesResponse>;
  postCloseouts(closeouts: Closeout[]): Promise<PostCloseoutsResponse>;
  postDeposits(deposits: Deposit[]): Promise<PostDepositsResponse>;
  health(): Promise<boolean>;
};

/** The client over a transport: the browser's fetch with the token, or Electron's main process. */
export function centralClient(transport: CentralTransport): CentralClient {
  async function call<T>(path: string, schema: z.ZodType<T>, body?: unknown, allow404 = false): Promise<T | null> {
    const res = await transport({ method: body === undefined ? 'GET' : 'POST', path, ...(body !== undefined ? { body } : {}) });
    if (allow404 && res.status === 404) return null;
    if (res.status >= 500) throw new CentralUnreachable(`Central answered ${res.status}`);
    if (res.status < 200 || res.status >= 300) {
      const err = errorResponseSchema.safeParse(res.body);
      throw new CentralRefused(res.status, err.success ? err.data.error : `Central refused the request (${res.status})`);
    }
    const parsed = schema.safeParse(res.body);
    if (!parsed.success) throw new CentralRefused(res.status, `Central's answer to ${path} did not match the protocol`);
    return parsed.data;
  }
  const must = <T>(r: T | null, what: string): T => {
    if (r === null) throw new CentralRefused(404, `${what} not found`);
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
      try {
        const res = await transport({ method: 'GET', path: '/v1/health' });
        return res.status === 200;
      } catch {
        return false;
      }
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

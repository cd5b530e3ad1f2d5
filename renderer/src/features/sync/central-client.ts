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
  type AccountFeedResponse,
  type PostPaymentsResponse,
  type PostVoidsResponse,
} from '../../../../shared/sync/protocol';
import type { Account } from '../../../../shared/accounts/account';
import type { Payment } from '../../../../shared/payments/payment';
import type { Void } from '../../../../shared/payments/void';

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
  health(): Promise<boolean>;
};

export function httpCentralClient(baseUrl: string, token: string, timeoutMs = 8000): CentralClient {
  const base = baseUrl.replace(/\/+$/, '');
  async function call<T>(path: string, schema: z.ZodType<T>, init: RequestInit = {}, allow404 = false): Promise<T | null> {
    let res: Response;
    try {
      res = await fetch(`${base}${path}`, {
        ...init,
        headers: { Authorization: `Bearer ${token}`, ...(init.body ? { 'Content-Type': 'application/json' } : {}) },
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (e) {
      throw new CentralUnreachable(`Central cannot be reached (${e instanceof Error ? e.message : String(e)})`);
    }
    if (allow404 && res.status === 404) return null;
    if (res.status >= 500) throw new CentralUnreachable(`Central answered ${res.status}`);
    const body: unknown = await res.json().catch(() => null);
    if (!res.ok) {
      const err = errorResponseSchema.safeParse(body);
      throw new CentralRefused(res.status, err.success ? err.data.error : `Central refused the request (${res.status})`);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new CentralRefused(res.status, `Central's answer to ${path} did not match the protocol`);
    return parsed.data;
  }
  return {
    async account(utility, number) {
      const r = await call(`/v1/accounts/${encodeURIComponent(utility)}/${encodeURIComponent(number)}`, accountResponseSchema, {}, true);
      return r ? r.account : null;
    },
    async feed(utility, after, limit) {
      const r = await call(`/v1/accounts/${encodeURIComponent(utility)}?after=${encodeURIComponent(after)}&limit=${limit}`, accountFeedResponseSchema);
      if (!r) throw new CentralRefused(404, 'feed not found');
      return r;
    },
    async postPayments(payments) {
      const r = await call('/v1/payments', postPaymentsResponseSchema, { method: 'POST', body: JSON.stringify({ payments }) });
      if (!r) throw new CentralRefused(404, 'payments endpoint not found');
      return r;
    },
    async postVoids(voids) {
      const r = await call('/v1/voids', postVoidsResponseSchema, { method: 'POST', body: JSON.stringify({ voids }) });
      if (!r) throw new CentralRefused(404, 'voids endpoint not found');
      return r;
    },
    async health() {
      try {
        const res = await fetch(`${base}/v1/health`, { signal: AbortSignal.timeout(timeoutMs) });
        return res.ok;
      } catch {
        return false;
      }
    },
  };
}

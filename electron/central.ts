/**
 * Central, called from main so the station token never reaches the renderer:
 * - `createCentralProxy`: `counter:central`. The renderer names a method and a /v1/ path; main adds
 *   `Authorization: Bearer <token>` and the JSON body, and answers central's status and parsed JSON body.
 *   A network failure or timeout is a `BridgeRefusal` "Central cannot be reached (...)", which the renderer
 *   treats as unreachable and retries later.
 * - `testCentralConnection`: `counter:test-connection`, for the setup screen before anything is saved. The same
 *   logic and words as the browser host's renderer/src/host/connection.ts (main may not import the renderer).
 *
 * `fetch` is injected: Electron's `net.fetch` in main (Chromium's network stack, so the system's proxy settings
 * and certificate store apply, as they would for a browser), Node's or a fake in tests.
 */
import type { z } from 'zod';
import { centralRequestSchema, judgeStationAnswer, type CentralRequest, type CentralResponse, type ConnectionResult, type ConnectionTest } from '../shared/bridge/bridge';
import { healthResponseSchema } from '../shared/sync/protocol';
import { BridgeRefusal, messageOf } from './errors';
import type { Log } from './log';

export type FetchInit = {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
  /** Never follow a redirect with the token on it: central answers itself, or it is misconfigured. */
  redirect: 'error';
};
export type FetchResponseLike = { status: number; ok: boolean; text(): Promise<string> };
/** The part of `fetch` used here; Node's `fetch` and Electron's `net.fetch` fit. */
export type FetchLike = (url: string, init: FetchInit) => Promise<FetchResponseLike>;

export const CENTRAL_TIMEOUT_MS = 8000;
export const CONNECTION_TEST_TIMEOUT_MS = 5000;

/** A path segment that is `.` or `..`, written plainly or percent-encoded: fetch would resolve it away from /v1/. */
const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;

/**
 * What `counter:central` parses with: shared's `centralRequestSchema`, plus what main needs to be sure of
 * before it puts the token on a request: no dot segments (`/v1/../admin`), no empty segments, no body on a GET.
 */
export const centralCallSchema = centralRequestSchema.superRefine((request, ctx) => {
  const pathOnly = request.path.split('?')[0] ?? '';
  if (pathOnly.split('/').some((segment) => DOT_SEGMENT.test(segment)) || pathOnly.includes('//')) {
    ctx.addIssue({ code: 'custom', path: ['path'], message: 'must be a /v1/ path of the central protocol, without . or .. segments' });
  }
  if (request.method === 'GET' && request.body !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['body'], message: 'a GET carries no body' });
  }
});
export type CentralCall = z.output<typeof centralCallSchema>;

export type CentralTarget = { centralUrl: string; token: string };

export type CentralProxyDeps = {
  fetch: FetchLike;
  /** Read at each call, so a station saved by setup applies at once; null until setup has run. */
  getTarget: () => CentralTarget | null;
  timeoutMs?: number;
  log?: Log;
};

/**
 * The proxy. Logs only when central goes from reachable to unreachable and back (the sync runner retries
 * every few seconds; a line per retry would bury everything else), and never the path, which can hold an
 * account number.
 */
export function createCentralProxy(deps: CentralProxyDeps): (request: CentralRequest) => Promise<CentralResponse> {
  const timeoutMs = deps.timeoutMs ?? CENTRAL_TIMEOUT_MS;
  const log = deps.log ?? ((message: string) => console.warn(message));
  let reachable: boolean | null = null;

  function noteReachable(now: boolean, detail: string): void {
    if (reachable === now) return;
    if (now && reachable === false) log(`[central] reachable again`);
    if (!now) log(`[central] cannot be reached: ${detail}`);
    reachable = now;
  }

  return async (request) => {
    const target = deps.getTarget();
    if (target === null) throw new BridgeRefusal('The station is not set up yet: central cannot be called');
    const base = target.centralUrl.replace(/\/+$/, '');
    const url = `${base}${request.path}`;
    if (!isUnder(url, `${base}/v1/`)) throw new BridgeRefusal('path: must be a /v1/ path of the central protocol');

    const headers: Record<string, string> = { Authorization: `Bearer ${target.token}`, Accept: 'application/json' };
    if (request.body !== undefined) headers['Content-Type'] = 'application/json';
    let answer: { status: number; text: string };
    try {
      answer = await withDeadline(timeoutMs, async (signal) => {
        const res = await deps.fetch(url, {
          method: request.method,
          headers,
          ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
          signal,
          redirect: 'error',
        });
        return { status: res.status, text: await res.text() };
      });
    } catch (error) {
      const detail = describeNetworkError(error);
      noteReachable(false, detail);
      throw new BridgeRefusal(`Central cannot be reached (${detail})`);
    }
    noteReachable(true, '');
    return { status: answer.status, body: parseJson(answer.text) };
  };
}

/**
 * The setup screen's test: central answers its health check (no token), then any authenticated call tells
 * whether it accepts the token: 401 means refused, any other answer means accepted.
 */
export async function testCentralConnection(
  test: ConnectionTest,
  deps: { fetch: FetchLike; timeoutMs?: number },
): Promise<ConnectionResult> {
  const timeoutMs = deps.timeoutMs ?? CONNECTION_TEST_TIMEOUT_MS;
  const base = test.centralUrl.replace(/\/+$/, '');
  const get = (path: string, headers: Record<string, string>) =>
    withDeadline(timeoutMs, async (signal) => {
      const res = await deps.fetch(`${base}${path}`, { method: 'GET', headers, signal, redirect: 'error' });
      return { status: res.status, ok: res.ok, body: parseJson(await res.text()) };
    });
  try {
    const health = await get('/v1/health', { Accept: 'application/json' });
    const parsed = healthResponseSchema.safeParse(health.body);
    if (!health.ok || !parsed.success) {
      return { ok: false, message: `Central URL: ${base} answered, but not as a counter central service (HTTP ${health.status})` };
    }
    const auth = await get('/v1/station', { Accept: 'application/json', Authorization: `Bearer ${test.token}` });
    return judgeStationAnswer(test, auth.status, auth.body, `Connected: central ${parsed.data.version} on ${parsed.data.database}`);
  } catch (error) {
    return { ok: false, message: `Central URL: nothing answered at ${base} (${describeNetworkError(error)}); check the address and the network` };
  }
}

/** Node's fetch says "fetch failed" and puts the reason in `cause`; Chromium's says "net::ERR_...". */
export function describeNetworkError(error: unknown): string {
  const message = messageOf(error);
  const cause = typeof error === 'object' && error !== null && 'cause' in error && error.cause !== undefined ? messageOf(error.cause) : null;
  return cause && cause !== message ? `${message}: ${cause}` : message;
}

class DeadlineError extends Error {
  override name = 'DeadlineError';
}

/**
 * Runs `work` with a signal that aborts at the deadline, and gives up at the deadline even if the fetch
 * implementation ignores the signal; the body is read inside the deadline too.
 */
async function withDeadline<T>(ms: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const reason = new DeadlineError(`no answer within ${ms / 1000} s`);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort(reason);
      reject(reason);
    }, ms);
  });
  const running = work(controller.signal);
  running.catch(() => undefined); // its late failure, after the deadline, is not an unhandled rejection
  try {
    return await Promise.race([running, deadline]);
  } catch (error) {
    // A fetch aborted by our signal rejects with an AbortError or with the reason: say "no answer within".
    throw controller.signal.aborted ? reason : error;
  } finally {
    clearTimeout(timer);
  }
}

function isUnder(url: string, prefix: string): boolean {
  try {
    const parsed = new URL(url);
    const root = new URL(prefix);
    return parsed.origin === root.origin && parsed.pathname.startsWith(root.pathname);
  } catch {
    return false;
  }
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/**
 * Central's log carries ids, never data. Fastify's logger gets serializers that keep of an error only its
 * type, SQLSTATE and redacted message (no SQL text, no parameters, no `detail` quoting a row, no request
 * body), and of a request its method, path and id (no query string, no headers).
 */
import type { FastifyServerOptions } from 'fastify';
import { redact, redactValue } from '../../shared/logging/redact';
import { sqlState } from './db';
import { errorClass } from './held';

type LoggerOption = FastifyServerOptions['logger'];

/** What of an error may be logged. A driver's message can quote data: it is redacted, and cut short. */
export function serializeError(error: unknown): { type: string; message: string; stack: string; [key: string]: unknown } {
  // The stack is left out: its first line repeats the message, and where the code was is in the logs' ids.
  if (!(error instanceof Error) && (typeof error !== 'object' || error === null)) return { type: 'Error', message: redact(String(error)).slice(0, 300), stack: '' };
  const e = error as { name?: unknown; message?: unknown; statusCode?: unknown };
  const code = sqlState(error);
  // A database's message quotes the row it refused (a trigger's, a constraint's detail): only its class is logged.
  const message = code && /^[0-9A-Z]{5}$/.test(code) ? errorClass(error) : redact(typeof e.message === 'string' ? e.message : '').slice(0, 300);
  const out: { type: string; message: string; stack: string; [key: string]: unknown } = {
    type: typeof e.name === 'string' ? e.name : 'Error',
    message,
    stack: '',
  };
  if (code) out.code = code;
  if (typeof e.statusCode === 'number') out.statusCode = e.statusCode;
  return out;
}

function serializeRequest(request: { method?: string; url?: string; id?: unknown }): Record<string, unknown> {
  return { method: request.method, path: (request.url ?? '').split('?')[0], id: request.id };
}

/** The app's logger options with these serializers; false stays false. */
export function loggerOptions(logger: LoggerOption): LoggerOption {
  if (logger === false || logger === undefined) return false;
  const base = logger === true ? {} : logger;
  return {
    ...base,
    serializers: { ...(base.serializers ?? {}), err: serializeError, error: serializeError, req: serializeRequest, body: redactValue },
  };
}

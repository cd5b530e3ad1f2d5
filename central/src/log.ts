/**
 * Central's log carries ids, not data. A database error from pg or PGlite carries the statement and its
 * parameters (every account number, memo and cashier of a batch); a request carries its body. Neither is
 * logged: an error is logged as its class, code and redacted message only, and requests by method and path.
 */
import type { FastifyServerOptions } from 'fastify';
import { redact } from '../../shared/logging/redact';

export type LoggedError = { type: string; code?: string; message: string; stack: string };

/** The only fields of an error that reach the log: never its statement, parameters or detail. */
export function serializeError(err: unknown): LoggedError {
  if (!(err instanceof Error)) return { type: typeof err, message: '[not an Error]', stack: '' };
  const code = (err as { code?: unknown }).code;
  return {
    type: err.constructor.name || 'Error',
    ...(typeof code === 'string' && code.length <= 40 ? { code } : {}),
    message: redact(err.message.slice(0, 500)),
    // The frames only: the stack's first line repeats the message unredacted.
    stack: (err.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line)).slice(0, 12).join('\n'),
  };
}

type LoggedRequest = { method?: string; url?: string };

/** Method and path; the query string can hold an account number and is left out. */
export function serializeRequest(req: LoggedRequest): { method: string; path: string } {
  return { method: String(req.method ?? ''), path: redact(String(req.url ?? '').split('?')[0] ?? '') };
}

/** Fastify's logger options for central: warnings and errors, through the serializers above. */
export function centralLoggerOptions(extra: { stream?: { write(line: string): void } } = {}): FastifyServerOptions['logger'] {
  return {
    level: 'warn',
    serializers: { err: serializeError, error: serializeError, req: serializeRequest },
    ...(extra.stream ? { stream: extra.stream } : {}),
  };
}

/**
 * The HTTP edges every route shares: CORS, the station token (and the station it belongs to), zod parsing into 400s, and error bodies
 * that always have the protocol's `{ error, field? }` shape.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { describeZodError, type ErrorResponse } from '../../shared/sync/protocol';
import { DatabaseUnavailable } from './isolation';
import type { Station, StationBinding } from './stations';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Served without a station token (health, CORS preflight). */
    public?: boolean;
  }
  interface FastifyRequest {
    /** The station whose token the request carries; null only on public routes (and before the check). */
    station: Station | null;
  }
}

/**
 * The renderer calls from a browser origin (http://127.0.0.1:port) and from Electron (app://counter) with
 * an Authorization header, so every origin is allowed: the bearer token is the protection, not the origin.
 */
export function addCors(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply) => {
    reply.header('Access-Control-Allow-Origin', request.headers.origin ?? '*');
    reply.header('Vary', 'Origin');
    reply.header('Access-Control-Allow-Headers', 'Authorization, Content-Type');
    reply.header('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
  });
  app.options('/*', { config: { public: true } }, async (request, reply) => {
    reply.header('Access-Control-Max-Age', '600');
    // Chromium asks before a page reaches a loopback address (Private Network Access).
    if (request.headers['access-control-request-private-network'] === 'true') reply.header('Access-Control-Allow-Private-Network', 'true');
    return reply.code(204).send();
  });
}

/** Hashing first makes every comparison the same length, so timingSafeEqual can compare any two tokens. */
const digest = (s: string) => createHash('sha256').update(s).digest();

/** How many requests with a missing or unknown station token one address may make per window. */
export const TOKEN_FAILURES_PER_WINDOW = 20;
export const TOKEN_FAILURE_WINDOW_MS = 60_000;

export type TokenGuardOptions = { failuresPerWindow?: number; windowMs?: number };

/** The station a token belongs to (`disabled` when it is registered but disabled), or null for a token central does not know. */
export type TokenResolver = (token: string) => Promise<(Station & { disabled: boolean }) | null>;

/**
 * Tokens given in the options or the environment (tests, the demo, a legacy setup): each bound to one station
 * and one utility like a registered one, then the registry. Compared in constant time.
 */
export function resolverFor(configured: readonly StationBinding[], registry: (token: string) => Promise<(Station & { disabled: boolean }) | null>): TokenResolver {
  const known = configured.map((s) => ({ hash: digest(s.token), station: { id: s.id, utility: s.utility } }));
  return async (token) => {
    const given = digest(token);
    // Every entry is compared, so the time does not say which one matched.
    let found: Station | undefined;
    for (const k of known) if (timingSafeEqual(k.hash, given) && !found) found = k.station;
    return found ? { ...found, disabled: false } : registry(token);
  };
}

/** The station the request's token speaks for; every route but the public ones has one. */
export function stationOf(request: FastifyRequest): Station {
  if (!request.station) throw new Error('no station on an authenticated request');
  return request.station;
}

/**
 * Refuses, before the body is even read, every call without the token of an active station, puts that
 * station on `request.station`, and slows down guessing: an address that sent `failuresPerWindow` calls without
 * a known token in the window is answered 429 until the window ends (@fastify/rate-limit, counting only those
 * calls: a station with its token is never slowed).
 */
export function requireToken(app: FastifyInstance, resolve: TokenResolver, options: TokenGuardOptions = {}): void {
  const bearer = (request: FastifyRequest) => /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
  const isPublic = (request: FastifyRequest) => request.routeOptions.config.public === true;
  const disabled = new WeakSet<FastifyRequest>();

  app.decorateRequest('station', null);
  void app.register(rateLimit, { global: false });
  app.after(() => {
    // First: the rate limit and the refusal below both need to know whose token it is.
    app.addHook('onRequest', async (request) => {
      const given = isPublic(request) ? undefined : bearer(request);
      if (given === undefined) return;
      const found = await resolve(given);
      if (found?.disabled) disabled.add(request);
      else if (found) request.station = { id: found.id, utility: found.utility };
    });
    // Added before the token check so that a refused call is counted before it is answered.
    app.addHook(
      'onRequest',
      app.rateLimit({
        max: options.failuresPerWindow ?? TOKEN_FAILURES_PER_WINDOW,
        timeWindow: options.windowMs ?? TOKEN_FAILURE_WINDOW_MS,
        allowList: (request) => isPublic(request) || request.station !== null,
        // Thrown by the plugin, so it reaches addErrorHandlers and leaves in the protocol's error shape.
        errorResponseBuilder: (_request, context) =>
          Object.assign(new Error(`too many calls without a known station token from this address; try again in ${context.after}`), { statusCode: 429 }),
      }),
    );
    app.addHook('onRequest', async (request, reply) => {
      if (isPublic(request) || request.station) return;
      if (!bearer(request)) return reply.code(401).send(error("send the station's token as 'Authorization: Bearer <token>'"));
      if (disabled.has(request)) {
        return reply.code(401).send(error('this station is disabled at central: ask the back office for a registered station and its token'));
      }
      return reply.code(401).send(error("the station token is not one central knows: check the token in the station's settings"));
    });
  });
}

export function error(message: string, field?: string): ErrorResponse {
  return field === undefined ? { error: message } : { error: message, field };
}

/**
 * Parses `value` with a shared schema; on failure sends 400 naming the field and returns undefined.
 * A problem with the whole value (not a field of it) is named after `where` ("body", "query").
 */
export function parseOr400<S extends z.ZodType>(schema: S, value: unknown, where: string, reply: FastifyReply): z.infer<S> | undefined {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const described = describeZodError(result.error);
  const field = described.field ?? where;
  void reply.code(400).send(error(described.field ? described.error : `${where}: ${described.error}`, field));
  return undefined;
}

/** Framework errors (bad JSON, wrong content type, too large) and crashes, in the protocol's error shape. */
export function addErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler(async (err: FastifyError, request, reply) => {
    if (err instanceof DatabaseUnavailable) {
      request.log.error({ err }, 'request failed: an item could be neither applied nor held');
      // Nothing the station may treat as final was answered: it sends the batch again later.
      return reply.code(503).send(error(err.message));
    }
    const status = err.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err }, 'request failed');
      // The batch's transaction rolled back: the station may send the same payments again.
      return reply.code(500).send(error('central could not complete this request and changed nothing; try again'));
    }
    switch (err.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return reply.code(400).send(error('body: is not valid JSON; send a JSON object', 'body'));
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return reply.code(415).send(error("body: send JSON with 'Content-Type: application/json'", 'body'));
      default:
        return reply.code(status).send(error(err.message));
    }
  });
  app.setNotFoundHandler(async (request, reply) =>
    reply.code(404).send(error(`no such endpoint: ${request.method} ${request.url.split('?')[0] ?? ''} (see central/README.md)`)),
  );
}

/**
 * Central's HTTP API: exactly the protocol in shared/sync/protocol.ts, version 1.
 * Every params, query and body is parsed with the shared schemas before anything is read or written; a
 * batch's items one by one (envelope.ts), so one bad item is answered alone.
 * The app does not own the database: whoever opened it closes it (see server.ts).
 */
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { z } from 'zod';
import { accountSchema } from '../../shared/accounts/account';
import { paymentLineSchema, paymentSchema } from '../../shared/payments/payment';
import { voidSchema } from '../../shared/payments/void';
import {
  API_VERSION,
  accountFeedQuerySchema,
  MAX_PAYMENTS_PER_BATCH,
  type AccountFeedResponse,
  type HealthResponse,
  type StationResponse,
  type PostPaymentsResponse,
  type PostVoidsResponse,
  describeZodError,
} from '../../shared/sync/protocol';
import { accountFeed, findAccount, utilityHasAccounts } from './accounts';
import type { Database } from './db';
import { answerBatch, parseBatch } from './envelope';
import { addCors, addErrorHandlers, error, parseOr400, requireToken, resolverFor, stationOf, type TokenGuardOptions } from './http';
import { bindRequestsToStation } from './station-guard';
import { stationBindingSchema, stationByToken, type StationBinding } from './stations';
import { postPayments } from './payments';
import { postVoids } from './voids';
import { loggerOptions } from './logging';
import { dropBoxRoutes } from './dropbox';
import { drawerRoutes } from './drawers';
import { holdMalformed } from './isolation';
import { journalHeadHook } from './journal-heads';

export type AppOptions = {
  db: Database;
  /**
   * Stations with a token given here rather than registered (`station add`): the demo, tests, a legacy setup.
   * Registered stations are read from the database. Each token acts only as its station, at its utility.
   */
  stations?: readonly StationBinding[];
  logger?: FastifyServerOptions['logger'];
  /** How hard guessing a token is slowed down (defaults in http.ts). */
  tokenGuard?: TokenGuardOptions;
};

const utilityParamsSchema = z.object({ utility: accountSchema.shape.utility });
const accountParamsSchema = utilityParamsSchema.extend({ number: paymentLineSchema.shape.accountNumber });

/** change_seq is a bigint: a longer cursor would fail in SQL, so it is refused here as a bad cursor. */
const MAX_CURSOR = 9223372036854775807n;
const feedQuerySchema = accountFeedQuerySchema.refine((q) => !/^[0-9]+$/.test(q.after) || BigInt(q.after) <= MAX_CURSOR, {
  path: ['after'],
  message: 'must be a cursor from a previous page',
});

/** Batches of 500 payments fit well inside this; the default 1 MiB would be tight for long batches. */
const BODY_LIMIT = 4 * 1024 * 1024;

export function buildApp({ db, stations = [], logger = false, tokenGuard = {} }: AppOptions): FastifyInstance {
  const parsed = z.array(stationBindingSchema).safeParse(stations);
  if (!parsed.success) throw new Error(`stations.${describeZodError(parsed.error).error}`);
  const configured = parsed.data;
  const tokens = new Set(configured.map((s) => s.token));
  if (tokens.size !== configured.length) throw new Error('stations: each station needs a token of its own');
  const app = Fastify({ logger: loggerOptions(logger), bodyLimit: BODY_LIMIT });
  // The protocol is JSON only: a text body is refused with 415 rather than parsed into a confusing 400.
  app.removeContentTypeParser('text/plain');
  addCors(app);
  requireToken(
    app,
    resolverFor(configured, (token) => stationByToken(db, token)),
    tokenGuard,
  );
  bindRequestsToStation(app);
  addErrorHandlers(app);
  journalHeadHook(app, db);

  app.get(`/${API_VERSION}/health`, { config: { public: true } }, async (): Promise<HealthResponse> => {
    await db.query('select 1'); // healthy means the database answers too
    return { ok: true, version: API_VERSION, database: db.kind };
  });

  app.get(`/${API_VERSION}/station`, async (request): Promise<StationResponse> => {
    const station = stationOf(request);
    return { stationId: station.id, utility: station.utility };
  });

  app.get(`/${API_VERSION}/accounts/:utility/:number`, async (request, reply) => {
    const params = parseOr400(accountParamsSchema, request.params, 'params', reply);
    if (!params) return reply;
    const account = await findAccount(db, params.utility, params.number);
    if (!account) return reply.code(404).send(error(`no account ${params.number} at ${params.utility}`));
    return { account };
  });

  app.get(`/${API_VERSION}/accounts/:utility`, async (request, reply) => {
    const params = parseOr400(utilityParamsSchema, request.params, 'params', reply);
    if (!params) return reply;
    const query = parseOr400(feedQuerySchema, request.query, 'query', reply);
    if (!query) return reply;
    const page: AccountFeedResponse = await accountFeed(db, params.utility, query.after, query.limit);
    // An empty page is normal for a known utility; for an unknown one it would hide a misconfigured station.
    if (page.accounts.length === 0 && !(await utilityHasAccounts(db, params.utility))) {
      return reply.code(404).send(error(`no accounts at utility ${params.utility}`, 'utility'));
    }
    return page;
  });

  app.post(`/${API_VERSION}/payments`, async (request, reply) => {
    const receivedAt = new Date();
    const judged = parseBatch(request.body, 'payments', MAX_PAYMENTS_PER_BATCH, paymentSchema, reply);
    if (!judged) return reply;
    const response: PostPaymentsResponse = {
      results: await answerBatch(
        judged,
        (items) => postPayments(db, items, receivedAt, request.log),
        (refused) => holdMalformed(db, 'payment', refused.raw, refused.error, receivedAt),
      ),
    };
    return response;
  });

  app.post(`/${API_VERSION}/voids`, async (request, reply) => {
    const receivedAt = new Date();
    const judged = parseBatch(request.body, 'voids', MAX_PAYMENTS_PER_BATCH, voidSchema, reply);
    if (!judged) return reply;
    const response: PostVoidsResponse = { results: await answerBatch(judged, (items) => postVoids(db, items, receivedAt, request.log)) };
    return response;
  });

  dropBoxRoutes(app, db);
  drawerRoutes(app, db);

  return app;
}

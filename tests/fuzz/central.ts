/**
 * Central's endpoints under hostile requests, in process (`app.inject`, PGlite): every POST with mutated
 * batches, edge values that pass the schemas (the largest amounts, the longest texts, far dates) and bodies
 * that are not the protocol at all; the account routes with hostile params. A 500 is central saying it is
 * down: it must never answer one for a request's content. A 200 must have taken only what the oracle allows.
 */
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { openTestCentral, AUTH, type TestCentral } from '../unit/central/helpers';
import { DEEP, edgeValue, hostileString, hostileValue, mutated, prototypeObject, wrongType } from './arbitraries';
import { oracle, type Oracle } from './oracles';
import { batchFields, closeoutFields, depositFields, paymentFields, voidFields } from './targets';
import { emptyStats, preview, type RunOptions, type Stats } from './run';
import * as S from './samples';

type Endpoint = { name: string; request: fc.Arbitrary<Request>; oracle?: { key: string; check: Oracle } };
type Request = { method: 'GET' | 'POST'; url: string; body?: unknown; raw?: string; contentType?: string };

/** Bodies that are not JSON objects of the protocol: broken JSON, other types, huge nesting, prototype keys. */
const rawBody = fc.oneof(
  fc.constantFrom('', '{', '{"payments":', 'null', '[]', '"payments"', '{"payments":[]}', '{"__proto__":{"polluted":"yes"}}', '{"constructor":{"prototype":{"polluted":"yes"}}}', '\u0000', '\uFEFF{}'),
  fc.constant(JSON.stringify(DEEP.objects)),
  hostileString,
);

function postEndpoint(url: string, key: string, samples: readonly unknown[], fields: Parameters<typeof oracle>[0]): Endpoint {
  // A fresh id half the time, so mutated records are stored (and reach the database's columns), not only met as conflicts.
  const item = fc.tuple(fc.constantFrom(...samples), fc.option(fc.uuid({ version: 7 }), { freq: 2 })).map(([s, id]) => (id === null ? s : { ...(s as object), id }));
  const batch = item.map((s) => [s]).chain((items) =>
    fc.oneof(
      { weight: 6, arbitrary: mutated({ [key]: items }) },
      { weight: 3, arbitrary: mutated({ [key]: items }, edgeValue) },
      { weight: 1, arbitrary: fc.constant({ [key]: [...items, ...items] }) },
    ),
  );
  return {
    name: `POST ${url}`,
    request: fc.oneof(
      { weight: 8, arbitrary: batch.map((body): Request => ({ method: 'POST', url, body })) },
      { weight: 1, arbitrary: fc.oneof(wrongType, prototypeObject, hostileValue).map((body): Request => ({ method: 'POST', url, body })) },
      { weight: 1, arbitrary: fc.tuple(rawBody, fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=utf-16')).map(([raw, contentType]): Request => ({ method: 'POST', url, raw, contentType })) },
    ),
    oracle: { key, check: oracle(fields, undefined, 'ignore') },
  };
}

/** A path segment from a hostile string: percent-encoded when it can be, raw (broken escapes included) when not. */
const segment = fc.oneof(
  hostileString.map((s) => {
    try {
      return encodeURIComponent(s);
    } catch {
      return s.replace(/[\uD800-\uDFFF]/g, '%ED%A0%80');
    }
  }),
  fc.constantFrom('%', '%zz', '%00', '%ED%A0%80', '..', '.', '%2e%2e', '%2F', 'pwb%00', '1000000001%20', '99999999999999999999', '__proto__', 'constructor'),
  fc.constantFrom('pwb', 'wes', 'portsmouth', '1000000001', '200000001'),
);

/** A utility that exists half the time, so the hostile part reaches the query behind it. */
const utilitySegment = fc.oneof(fc.constantFrom('pwb', 'wes', 'portsmouth'), segment);
const numberSegment = fc.oneof(fc.constantFrom('1000000001', '200000001', '123456789012', '0000', '99999999999999999999'), segment);

const accountRoutes: Endpoint[] = [
  { name: 'GET /v1/accounts/:utility/:number', request: fc.tuple(utilitySegment, numberSegment).map(([u, n]): Request => ({ method: 'GET', url: `/v1/accounts/${u}/${n}` })) },
  {
    name: 'GET /v1/accounts/:utility?after&limit',
    request: fc
      .tuple(utilitySegment, fc.oneof(segment, fc.constantFrom('0', '9223372036854775807', '9223372036854775808', '-1', '1e3')), fc.oneof(segment, fc.constantFrom('1', '5000', '5001', '0', '-1', '1e3', 'NaN', '1.5', ' 7', '0x10')), fc.constantFrom('', '&after=1', '&limit=2&limit=3', '&__proto__=1', '&constructor[prototype][polluted]=yes'))
      .map(([u, after, limit, extra]): Request => ({ method: 'GET', url: `/v1/accounts/${u}?after=${after}&limit=${limit}${extra}` })),
  },
];

export const ENDPOINTS: Endpoint[] = [
  postEndpoint('/v1/payments', 'payments', S.payments, paymentFields),
  postEndpoint('/v1/voids', 'voids', S.voids, voidFields),
  postEndpoint('/v1/dropbox-batches', 'batches', S.batches, batchFields),
  postEndpoint('/v1/closeouts', 'closeouts', S.closeouts, closeoutFields),
  postEndpoint('/v1/deposits', 'deposits', S.deposits, depositFields),
  ...accountRoutes,
];

/** JSON as a station (or anything else) could send it: bigints as digits, what JSON cannot say as null. */
function serialize(body: unknown): string {
  try {
    return JSON.stringify(body, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) ?? 'null';
  } catch {
    return 'null';
  }
}

async function send(app: FastifyInstance, r: Request) {
  return app.inject({
    method: r.method,
    url: r.url,
    headers: { ...AUTH, ...(r.method === 'POST' ? { 'content-type': r.contentType ?? 'application/json' } : {}) },
    ...(r.method === 'POST' ? { payload: r.raw ?? serialize(r.body) } : {}),
  });
}

/** Runs one endpoint against a central of its own (so one endpoint's posts do not decide another's answers). */
export async function fuzzEndpoint(endpoint: Endpoint, { seed, runs, keep = 3 }: RunOptions, central?: TestCentral): Promise<Stats> {
  const own = central ?? (await openTestCentral());
  const stats = emptyStats(endpoint.name);
  const remember = (what: string) => {
    if (stats.examples.length < keep) stats.examples.push(what);
  };
  try {
    await fc.assert(
      fc.asyncProperty(endpoint.request, async (r) => {
        stats.tried += 1;
        let res: Awaited<ReturnType<typeof send>>;
        try {
          res = await send(own.app, r);
        } catch (e) {
          stats.crashes += 1;
          remember(`crash (${e instanceof Error ? e.message.slice(0, 120) : String(e)}) on ${r.method} ${r.url} ${preview(r.raw ?? r.body)}`);
          return true;
        }
        if (res.statusCode >= 500) {
          stats.serverErrors += 1;
          remember(`${res.statusCode} on ${r.method} ${r.url.slice(0, 120)} ${preview(r.raw ?? r.body)}: ${res.body.slice(0, 200)}`);
        } else if (res.statusCode >= 200 && res.statusCode < 300) {
          stats.accepted += 1;
          const items = endpoint.oracle && r.raw === undefined ? (r.body as Record<string, unknown>)[endpoint.oracle.key] : undefined;
          // Central answers item by item: an invalid item must be answered `rejected` (or, for money taken,
          // `held` for the back office), never `posted`.
          const answers = (res.json() as { results?: Array<{ status?: string }> }).results ?? [];
          const problems = Array.isArray(items)
            ? items.flatMap((item, n) => {
                const status = answers[n]?.status;
                if (status === 'rejected' || status === 'held' || status === 'conflict') return [];
                return endpoint.oracle?.check(JSON.parse(serialize(item))).map((p) => `${status ?? 'no answer'}: ${p}`) ?? [];
              })
            : [];
          if (problems.length > 0) {
            stats.invalidAccepted += 1;
            remember(`200 for ${preview(r.body)}: ${problems.slice(0, 3).join('; ')}`);
          }
        } else stats.refused += 1;
        return true;
      }),
      { seed, numRuns: runs },
    );
  } finally {
    if (!central) await own.close();
  }
  return stats;
}

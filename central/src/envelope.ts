/**
 * A lenient envelope with strict items. A batch is refused whole (400) only when the body breaks the
 * protocol's shape: not an object, the list missing, empty or too long, or an item without a usable `id`
 * (an item central cannot name cannot get an answer of its own). Every item is then parsed on its own
 * with the shared strict schema: one that fails it is answered `rejected` naming its field (a payment
 * is held instead, see app.ts), and the others go on, so one bad record never holds a whole outbox back.
 */
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { describeZodError, type PaymentResult } from '../../shared/sync/protocol';
import { parseOr400 } from './http';

/** Ids are UUIDs; anything much longer is not an id a station made. */
const MAX_ID_LENGTH = 100;

const itemEnvelopeSchema = z.looseObject({
  id: z.string({ error: 'must be the id the station gave this record' }).min(1, { message: 'must be the id the station gave this record' }).max(MAX_ID_LENGTH, { message: `must be at most ${MAX_ID_LENGTH} characters` }),
});

export type Judged<T> = { index: number; id: string } & ({ ok: true; value: T } | { ok: false; result: PaymentResult; raw: { id: string } & Record<string, unknown>; error: string });

/**
 * Parses `{ [key]: [...] }`: on a broken envelope sends 400 naming the field and returns undefined;
 * otherwise every item, parsed or answered `rejected`, in request order.
 */
export function parseBatch<S extends z.ZodType>(body: unknown, key: string, max: number, itemSchema: S, reply: FastifyReply): Array<Judged<z.output<S>>> | undefined {
  const envelope = z.object({ [key]: z.array(itemEnvelopeSchema).min(1).max(max) });
  const parsed = parseOr400(envelope, body, 'body', reply);
  if (!parsed) return undefined;
  const items = parsed[key] as Array<z.infer<typeof itemEnvelopeSchema>>;
  return items.map((raw, index): Judged<z.output<S>> => {
    const result = itemSchema.safeParse(raw);
    if (result.success) return { index, id: raw.id, ok: true, value: result.data };
    const error = describeZodError(result.error).error;
    return { index, id: raw.id, ok: false, raw, error, result: { id: raw.id, status: 'rejected', error } };
  });
}

/**
 * Posts the parsed items with `post` and merges its answers with the refusals, in request order. `hold`,
 * when given, may answer a refused item otherwise (a payment is money taken: held, not refused).
 */
export async function answerBatch<T>(
  judged: ReadonlyArray<Judged<T>>,
  post: (items: T[]) => Promise<PaymentResult[]>,
  hold?: (refused: Extract<Judged<T>, { ok: false }>) => Promise<PaymentResult | null>,
): Promise<PaymentResult[]> {
  const good = judged.flatMap((j) => (j.ok ? [j] : []));
  const posted = good.length > 0 ? await post(good.map((j) => j.value)) : [];
  const byIndex = new Map(good.map((j, n) => [j.index, posted[n]]));
  const answers: PaymentResult[] = [];
  for (const j of judged) {
    if (!j.ok) {
      answers.push((hold ? await hold(j) : null) ?? j.result);
      continue;
    }
    const answer = byIndex.get(j.index);
    if (!answer) throw new Error(`no answer for item ${j.index}`);
    answers.push(answer);
  }
  return answers;
}

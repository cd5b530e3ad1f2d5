/**
 * Importing accounts from a CSV extract of the billing system. All or nothing: every row is judged first
 * and any bad row means nothing is imported, every bad row named by its line. A good file is upserted in
 * one transaction; an account whose values really change (or a new one) takes a new change_seq, so the
 * stations' feeds pull it, and an account the file repeats unchanged stays where it is in the feed.
 */
import { z } from 'zod';
import { accountStatusSchema, isoDateSchema } from '../../shared/accounts/account';
import { signedMoneyStringSchema } from '../../shared/money/money';
import { profiles } from '../../shared/profiles';
import { parseCsv } from './csv';
import type { Database } from './db';
import { ACCOUNT_CHANGE_LOCK } from './migrations';
import { safeText, TEXT_LIMITS } from '../../shared/text/safe-text';

export const ACCOUNT_CSV_HEADER = [
  'utility',
  'number',
  'name',
  'service_address',
  'balance',
  'past_due',
  'due_date',
  'status',
  'shut_offs_12m',
  'beyond_shut_off',
  'certified_amount',
] as const;

type Column = (typeof ACCOUNT_CSV_HEADER)[number];

const empty = (s: string) => s === '';
const realDate = (s: string) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};
const utilityIds = () => Object.keys(profiles).sort();
/** Billing extracts write addresses over several lines: the counter keeps one line, parts joined by ", ". */
const oneLine = z.string().transform((s) => s.replace(/[ \t]*[\r\n]+[ \t]*/g, ', ').replace(/\t/g, ' ').trim());

/** One row of the file, every field a string as CSV gives it, judged and turned into column values. */
export const accountRowSchema = z
  .object({
    utility: z.string().refine((u) => Object.hasOwn(profiles, u), { message: `must be one of ${utilityIds().join(', ')}` }),
    number: z.string().regex(/^[0-9]{4,20}$/, { message: 'must be the account number, digits only' }),
    name: oneLine.pipe(safeText(TEXT_LIMITS.name, 1)),
    service_address: oneLine.pipe(safeText(TEXT_LIMITS.address, 1)),
    balance: signedMoneyStringSchema,
    past_due: signedMoneyStringSchema,
    due_date: z.union([
      z.string().refine(empty).transform(() => null),
      isoDateSchema.refine(realDate, { message: 'must be a real date written YYYY-MM-DD, or empty' }),
    ], { error: 'must be a date written YYYY-MM-DD, or empty' }),
    status: accountStatusSchema,
    shut_offs_12m: z
      .string()
      .regex(/^(0|[1-9][0-9]{0,2})$/, { message: 'must be a whole number of shut-offs, 0 to 999' })
      .transform(Number),
    beyond_shut_off: z.enum(['true', 'false'], { error: 'must be true or false' }).transform((s) => s === 'true'),
    certified_amount: z.union([z.string().refine(empty).transform(() => null), signedMoneyStringSchema], {
      error: 'must be an amount with exactly two decimals, like 12.34, or empty',
    }),
  });
export type AccountRow = z.output<typeof accountRowSchema>;

/** The profile says how many digits its account numbers have; checked even when other fields are bad. */
function numberLengthProblem(raw: Record<Column, string>): string | null {
  const digits = Object.hasOwn(profiles, raw.utility) ? profiles[raw.utility]?.accountNumber.digits : undefined;
  if (digits === undefined || !/^[0-9]+$/.test(raw.number) || raw.number.length === digits) return null;
  return `must be ${digits} digits for ${raw.utility}`;
}

export type ImportResult =
  | { ok: true; total: number; inserted: number; changed: number; unchanged: number }
  | { ok: false; problems: string[] };

/** Judges every row of the text: the rows, or every problem as "line N: field: problem". */
export function readAccountsCsv(text: string): { ok: true; rows: AccountRow[] } | { ok: false; problems: string[] } {
  const { records, errors } = parseCsv(text);
  const problems = new Map<number, string[]>();
  const complain = (line: number, message: string) => problems.set(line, [...(problems.get(line) ?? []), `line ${line}: ${message}`]);
  for (const e of errors) complain(e.line, `row: ${e.message}`);

  const [header, ...body] = records;
  if (!header || header.line !== 1 || header.fields.join(',') !== ACCOUNT_CSV_HEADER.join(',')) {
    // Without the right header the columns mean nothing: no point judging the rows.
    const first = errors.find((e) => e.line === 1);
    return { ok: false, problems: [`line 1: header: ${first ? first.message : `must be exactly ${ACCOUNT_CSV_HEADER.join(',')}`}`] };
  }

  const rows: AccountRow[] = [];
  const seen = new Map<string, number>();
  for (const { line, fields } of body) {
    if (fields.length !== ACCOUNT_CSV_HEADER.length) {
      complain(line, `row: has ${fields.length} fields; the header has ${ACCOUNT_CSV_HEADER.length}`);
      continue;
    }
    const raw = Object.fromEntries(ACCOUNT_CSV_HEADER.map((c, n) => [c, fields[n] as string])) as Record<Column, string>;
    const parsed = accountRowSchema.safeParse(raw);
    const length = numberLengthProblem(raw);
    if (!parsed.success || length) {
      for (const issue of parsed.error?.issues ?? []) complain(line, `${issue.path.map(String).join('.') || 'row'}: ${issue.message}`);
      if (length) complain(line, `number: ${length}`);
      continue;
    }
    const key = `${parsed.data.utility}/${parsed.data.number}`;
    const before = seen.get(key);
    if (before !== undefined) {
      complain(line, `number: account ${parsed.data.number} at ${parsed.data.utility} is already on line ${before}`);
      continue;
    }
    seen.set(key, line);
    rows.push(parsed.data);
  }
  if (problems.size > 0) return { ok: false, problems: [...problems.entries()].sort(([a], [b]) => a - b).flatMap(([, p]) => p) };
  return { ok: true, rows };
}

/** Rows per statement: one transaction either way; this only bounds the size of each statement. */
const CHUNK = 5000;

/** Reads, judges and, when every row is good, upserts the whole file in one transaction. */
export async function importAccountsCsv(db: Database, text: string): Promise<ImportResult> {
  const read = readAccountsCsv(text);
  if (!read.ok) return read;
  const rows = read.rows;
  let inserted = 0;
  let touched = 0;
  await db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [ACCOUNT_CHANGE_LOCK]);
    for (let at = 0; at < rows.length; at += CHUNK) {
      const chunk = rows.slice(at, at + CHUNK);
      const col = <K extends keyof AccountRow>(k: K) => chunk.map((r) => r[k]);
      // Only a real change updates a row (and so takes a new change_seq through the accounts trigger).
      const written = await tx.query<{ inserted: boolean }>(
        `insert into accounts as a (utility, number, name, service_address, balance, past_due, due_date, status, shut_offs_12m, beyond_shut_off, certified_amount)
         select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::numeric[], $6::numeric[], $7::date[], $8::text[], $9::int[], $10::boolean[], $11::numeric[])
         on conflict (utility, number) do update set
           name = excluded.name, service_address = excluded.service_address, balance = excluded.balance, past_due = excluded.past_due,
           due_date = excluded.due_date, status = excluded.status, shut_offs_12m = excluded.shut_offs_12m,
           beyond_shut_off = excluded.beyond_shut_off, certified_amount = excluded.certified_amount
         where (a.name, a.service_address, a.balance, a.past_due, a.due_date, a.status, a.shut_offs_12m, a.beyond_shut_off, a.certified_amount)
           is distinct from
           (excluded.name, excluded.service_address, excluded.balance, excluded.past_due, excluded.due_date, excluded.status, excluded.shut_offs_12m, excluded.beyond_shut_off, excluded.certified_amount)
         returning (xmax = 0) as inserted`,
        [
          col('utility'),
          col('number'),
          col('name'),
          col('service_address'),
          col('balance'),
          col('past_due'),
          col('due_date'),
          col('status'),
          col('shut_offs_12m'),
          col('beyond_shut_off'),
          col('certified_amount'),
        ],
      );
      touched += written.length;
      inserted += written.filter((w) => w.inserted).length;
    }
  });
  return { ok: true, total: rows.length, inserted, changed: touched - inserted, unchanged: rows.length - touched };
}

/** The command line of `tsx central/src/cli.ts`, parsed: node's parseArgs splits it, zod judges it. */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { describeZodError } from '../../shared/sync/protocol';

export const USAGE = [
  'usage: tsx central/src/cli.ts serve [--port 8787] [--host 127.0.0.1] [--data .data/central] [--no-demo]',
  '       tsx central/src/cli.ts import-accounts <file.csv> [--data .data/central]',
  '       tsx central/src/cli.ts export-postings --date YYYY-MM-DD [--out file.csv] [--data .data/central]',
  '       tsx central/src/cli.ts held [--date YYYY-MM-DD] [--data .data/central]',
  '       tsx central/src/cli.ts apply <paymentId> --by <name> [--data .data/central]',
  '       tsx central/src/cli.ts refund <paymentId> --by <name> --reason <text> [--data .data/central]',
  '       tsx central/src/cli.ts station add <station-id> --utility <id> [--data .data/central]',
  '       tsx central/src/cli.ts station list [--data .data/central]',
  '       tsx central/src/cli.ts station disable <station-id> [--data .data/central]',
  'DATABASE_URL, when set, is used instead of PGlite at --data.',
].join('\n');

const COMMANDS = ['serve', 'import-accounts', 'export-postings', 'held', 'apply', 'refund', 'station'] as const;
const STATION_ACTIONS = ['add', 'list', 'disable'] as const;
const DEFAULT_DATA = '.data/central';

const dataSchema = z.string().min(1, { message: "must name PGlite's data folder" });

const serveArgsSchema = z.object({
  port: z
    .string()
    .regex(/^[0-9]{1,5}$/, { message: 'must be a port number from 0 to 65535' })
    .transform(Number)
    .refine((n) => n <= 65535, { message: 'must be a port number from 0 to 65535' }),
  host: z.string().min(1, { message: 'must name an address to listen on, like 127.0.0.1' }),
  data: dataSchema,
  'no-demo': z.boolean(),
});

const dateSchema = z
  .string({ error: 'is required: the day to export, written YYYY-MM-DD' })
  .regex(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/, { message: 'must be a day written YYYY-MM-DD' })
  .refine(
    (s) => {
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
    },
    { message: 'must be a real day written YYYY-MM-DD' },
  );

const exportArgsSchema = z.object({
  date: dateSchema,
  out: z.string().min(1, { message: 'must name the file to write' }).optional(),
  data: dataSchema,
});

export type ServeArgs = { command: 'serve'; port: number; host: string; dataDir: string; demo: boolean };
export type ImportArgs = { command: 'import-accounts'; file: string; dataDir: string };
export type ExportArgs = { command: 'export-postings'; date: string; out: string | null; dataDir: string };
export type HeldArgs = { command: 'held'; date: string | null; dataDir: string };
export type DecideArgs =
  | { command: 'apply'; paymentId: string; by: string; dataDir: string }
  | { command: 'refund'; paymentId: string; by: string; reason: string; dataDir: string };
export type StationArgs =
  | { command: 'station'; action: 'add'; stationId: string; utility: string; dataDir: string }
  | { command: 'station'; action: 'list'; dataDir: string }
  | { command: 'station'; action: 'disable'; stationId: string; dataDir: string };
export type CliArgs = ServeArgs | ImportArgs | ExportArgs | HeldArgs | DecideArgs | StationArgs;

const heldArgsSchema = z.object({ date: dateSchema.optional(), data: dataSchema });
const decideArgsSchema = z.object({
  by: z.string({ error: 'is required: who decides' }).trim().min(1, { message: 'must name who decides' }),
  reason: z.string().trim().min(1, { message: 'must say why' }).optional(),
  data: dataSchema,
});

type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

export function parseCliArgs(argv: readonly string[]): Parsed<CliArgs> {
  const [command, ...rest] = argv;
  if (command === undefined || command.startsWith('-')) return { ok: false, message: `missing the command: ${COMMANDS.join(', ')}` };
  switch (command) {
    case 'serve': {
      const split = splitArgs(rest, {
        port: { type: 'string', default: '8787' },
        host: { type: 'string', default: '127.0.0.1' },
        data: { type: 'string', default: DEFAULT_DATA },
        'no-demo': { type: 'boolean', default: false },
      });
      if (!split.ok) return split;
      if (split.positionals.length > 0) return { ok: false, message: `unexpected argument "${split.positionals.join(' ')}"` };
      const parsed = serveArgsSchema.safeParse(split.values);
      if (!parsed.success) return { ok: false, message: `--${describeZodError(parsed.error).error}` };
      const v = parsed.data;
      return { ok: true, value: { command, port: v.port, host: v.host, dataDir: v.data, demo: !v['no-demo'] } };
    }
    case 'import-accounts': {
      const split = splitArgs(rest, { data: { type: 'string', default: DEFAULT_DATA } });
      if (!split.ok) return split;
      const [file, ...more] = split.positionals;
      if (!file) return { ok: false, message: 'import-accounts: name the CSV file to import' };
      if (more.length > 0) return { ok: false, message: `unexpected argument "${more.join(' ')}"` };
      const data = dataSchema.safeParse(split.values.data);
      if (!data.success) return { ok: false, message: `--data: ${describeZodError(data.error).error}` };
      return { ok: true, value: { command, file, dataDir: data.data } };
    }
    case 'export-postings': {
      const split = splitArgs(rest, { date: { type: 'string' }, out: { type: 'string' }, data: { type: 'string', default: DEFAULT_DATA } });
      if (!split.ok) return split;
      if (split.positionals.length > 0) return { ok: false, message: `unexpected argument "${split.positionals.join(' ')}"` };
      const parsed = exportArgsSchema.safeParse(split.values);
      if (!parsed.success) return { ok: false, message: `--${describeZodError(parsed.error).error}` };
      const v = parsed.data;
      return { ok: true, value: { command, date: v.date, out: v.out ?? null, dataDir: v.data } };
    }
    case 'held': {
      const split = splitArgs(rest, { date: { type: 'string' }, data: { type: 'string', default: DEFAULT_DATA } });
      if (!split.ok) return split;
      if (split.positionals.length > 0) return { ok: false, message: `unexpected argument "${split.positionals.join(' ')}"` };
      const parsed = heldArgsSchema.safeParse(split.values);
      if (!parsed.success) return { ok: false, message: `--${describeZodError(parsed.error).error}` };
      return { ok: true, value: { command, date: parsed.data.date ?? null, dataDir: parsed.data.data } };
    }
    case 'apply':
    case 'refund': {
      const split = splitArgs(rest, { by: { type: 'string' }, reason: { type: 'string' }, data: { type: 'string', default: DEFAULT_DATA } });
      if (!split.ok) return split;
      const [paymentId, ...more] = split.positionals;
      if (!paymentId) return { ok: false, message: `${command}: name the held payment's id` };
      if (more.length > 0) return { ok: false, message: `unexpected argument "${more.join(' ')}"` };
      const parsed = decideArgsSchema.safeParse(split.values);
      if (!parsed.success) return { ok: false, message: `--${describeZodError(parsed.error).error}` };
      const v = parsed.data;
      if (command === 'apply') {
        if (v.reason !== undefined) return { ok: false, message: 'apply: --reason is for refund' };
        return { ok: true, value: { command, paymentId, by: v.by, dataDir: v.data } };
      }
      if (v.reason === undefined) return { ok: false, message: '--reason: is required: why the payment is refunded' };
      return { ok: true, value: { command, paymentId, by: v.by, reason: v.reason, dataDir: v.data } };
    }
    case 'station':
      return parseStationArgs(rest);
    default:
      return { ok: false, message: `unknown command "${command}": use ${COMMANDS.join(', ')}` };
  }
}

/** `station add|list|disable`: the utility is judged by the registry (stations.ts), which knows the profiles. */
function parseStationArgs(rest: readonly string[]): Parsed<StationArgs> {
  const split = splitArgs(rest, { utility: { type: 'string' }, data: { type: 'string', default: DEFAULT_DATA } });
  if (!split.ok) return split;
  const [action, stationId, ...more] = split.positionals;
  if (!(STATION_ACTIONS as readonly string[]).includes(action ?? '')) return { ok: false, message: `station: use ${STATION_ACTIONS.join(', ')}` };
  const data = dataSchema.safeParse(split.values.data);
  if (!data.success) return { ok: false, message: `--data: ${describeZodError(data.error).error}` };
  const dataDir = data.data;
  const utility = split.values.utility;
  if (action === 'list') {
    if (stationId !== undefined) return { ok: false, message: `unexpected argument "${[stationId, ...more].join(' ')}"` };
    if (utility !== undefined) return { ok: false, message: 'station list: --utility is for station add' };
    return { ok: true, value: { command: 'station', action, dataDir } };
  }
  if (!stationId) return { ok: false, message: `station ${action}: name the station's id` };
  if (more.length > 0) return { ok: false, message: `unexpected argument "${more.join(' ')}"` };
  if (action === 'disable') {
    if (utility !== undefined) return { ok: false, message: 'station disable: --utility is for station add' };
    return { ok: true, value: { command: 'station', action: 'disable', stationId, dataDir } };
  }
  if (typeof utility !== 'string' || utility.trim() === '') return { ok: false, message: "--utility: is required: the utility the station takes payments for" };
  return { ok: true, value: { command: 'station', action: 'add', stationId, utility: utility.trim(), dataDir } };
}

type Options = Record<string, { type: 'string' | 'boolean'; default?: string | boolean }>;

function splitArgs(args: readonly string[], options: Options) {
  try {
    const { values, positionals } = parseArgs({ args: [...args], allowPositionals: true, strict: true, options });
    return { ok: true as const, values, positionals };
  } catch (error) {
    return { ok: false as const, message: (error as Error).message };
  }
}

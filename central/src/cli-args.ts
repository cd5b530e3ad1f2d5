/** The command line of `tsx central/src/cli.ts`, parsed: node's parseArgs splits it, zod judges it. */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { describeZodError } from '../../shared/sync/protocol';

export const USAGE = 'usage: tsx central/src/cli.ts serve [--port 8787] [--host 127.0.0.1] [--data .data/central] [--no-demo]';

const serveArgsSchema = z.object({
  port: z
    .string()
    .regex(/^[0-9]{1,5}$/, { message: 'must be a port number from 0 to 65535' })
    .transform(Number)
    .refine((n) => n <= 65535, { message: 'must be a port number from 0 to 65535' }),
  host: z.string().min(1, { message: 'must name an address to listen on, like 127.0.0.1' }),
  data: z.string().min(1, { message: "must name PGlite's data folder" }),
  'no-demo': z.boolean(),
});

export type ServeArgs = { port: number; host: string; dataDir: string; demo: boolean };

export function parseServeArgs(argv: readonly string[]): { ok: true; value: ServeArgs } | { ok: false; message: string } {
  let split;
  try {
    split = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        port: { type: 'string', default: '8787' },
        host: { type: 'string', default: '127.0.0.1' },
        data: { type: 'string', default: '.data/central' },
        'no-demo': { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
  const [command, ...rest] = split.positionals;
  if (command !== 'serve') return { ok: false, message: command ? `unknown command "${command}"` : 'missing the command "serve"' };
  if (rest.length > 0) return { ok: false, message: `unexpected argument "${rest.join(' ')}"` };
  const parsed = serveArgsSchema.safeParse(split.values);
  if (!parsed.success) return { ok: false, message: `--${describeZodError(parsed.error).error}` };
  const v = parsed.data;
  return { ok: true, value: { port: v.port, host: v.host, dataDir: v.data, demo: !v['no-demo'] } };
}

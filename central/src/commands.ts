/**
 * The file and back-office commands of the CLI, callable in-process (the tests do): `import-accounts`,
 * `export-postings`, `held`, `apply`, `refund` for held payments (backoffice.ts), and `station add|list|disable`.
 * Each opens the database (PostgreSQL when DATABASE_URL is set, else PGlite at the data folder), applies
 * the migrations, does its work, closes the database and returns the exit code.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import type { DecideArgs, ExportArgs, HeldArgs, ImportArgs, StationArgs } from './cli-args';
import { applyHeld, listHeld, refundHeld } from './backoffice';
import { toCsv } from './csv';
import { openPglite, openPostgres, type Database } from './db';
import { exportPostings } from './export';
import { importAccountsCsv } from './import';
import { migrate } from './migrations';
import { addStation, disableStation, listStations } from './stations';

/** Where a command's lines go: `out` for the result, `err` for problems, `write` for raw output (CSV). */
export type Io = { out(line: string): void; err(line: string): void; write(text: string): void };

export const processIo: Io = {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  write: (text) => process.stdout.write(text),
};

export async function openFor(dataDir: string, env: NodeJS.ProcessEnv): Promise<Database> {
  const url = env.DATABASE_URL?.trim();
  const db = url ? openPostgres(url) : await openPglite(dataDir);
  try {
    await migrate(db);
    return db;
  } catch (error) {
    await db.close();
    throw error;
  }
}

const count = (n: number) => n.toLocaleString('en-US');
const plural = (n: number, one: string, many: string) => `${count(n)} ${n === 1 ? one : many}`;

export async function runImport(args: ImportArgs, io: Io = processIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let text: string;
  try {
    text = await readFile(args.file, 'utf8');
  } catch (error) {
    io.err(`import-accounts: cannot read ${args.file}: ${(error as Error).message}`);
    return 1;
  }
  const db = await openFor(args.dataDir, env);
  try {
    const result = await importAccountsCsv(db, text);
    if (!result.ok) {
      for (const problem of result.problems) io.err(problem);
      const lines = new Set(result.problems.map((p) => /^line ([0-9]+):/.exec(p)?.[1])).size;
      io.err(`import-accounts: nothing imported: ${plural(lines, 'bad line', 'bad lines')} in ${args.file}`);
      return 1;
    }
    io.out(
      `import-accounts: imported ${plural(result.total, 'account', 'accounts')} from ${args.file} into ${db.description} ` +
        `(${count(result.inserted)} new, ${count(result.changed)} changed, ${count(result.unchanged)} unchanged)`,
    );
    return 0;
  } finally {
    await db.close();
  }
}

export async function runExport(args: ExportArgs, io: Io = processIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const db = await openFor(args.dataDir, env);
  try {
    const result = await exportPostings(db, args.date);
    if (args.out === null) {
      io.write(result.csv);
      return 0;
    }
    // Written beside the target and renamed: a reader never sees half a file.
    const partial = `${args.out}.partial-${process.pid}`;
    await writeFile(partial, result.csv, 'utf8');
    await rename(partial, args.out);
    io.out(`export-postings: ${plural(result.rows, 'posting', 'postings')} (${plural(result.payments, 'payment', 'payments')}) taken on ${args.date} written to ${args.out}`);
    return 0;
  } finally {
    await db.close();
  }
}

/** `held`: the held records as CSV on stdout (id, kind, station, taken at, accounts, amount, reason, decision). */
export async function runHeld(args: HeldArgs, io: Io = processIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const db = await openFor(args.dataDir, env);
  try {
    const rows = await listHeld(db, args.date ?? undefined);
    const header = ['id', 'kind', 'reference', 'station_id', 'taken_at', 'accounts', 'amount', 'reason', 'decision'];
    io.write(toCsv([header, ...rows.map((r) => [r.id, r.kind, r.reference, r.stationId, r.takenAt ?? '', r.accounts, r.amount ?? '', r.reason, r.decision])]));
    return 0;
  } finally {
    await db.close();
  }
}

/** `apply` and `refund`: one decision on one held payment; exit 1 when it is refused. */
export async function runDecide(args: DecideArgs, io: Io = processIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const db = await openFor(args.dataDir, env);
  try {
    const outcome = args.command === 'apply' ? await applyHeld(db, args.paymentId, args.by) : await refundHeld(db, args.paymentId, args.by, args.reason);
    if (outcome.ok) io.out(`${args.command}: ${outcome.message}`);
    else io.err(`${args.command}: ${outcome.message}`);
    return outcome.ok ? 0 : 1;
  } finally {
    await db.close();
  }
}

/**
 * `station add` prints the new token on its last line (it is shown this once: central keeps only its hash);
 * `station list` writes CSV; `station disable` refuses the token from the next call on. Exit 1 when refused.
 */
export async function runStation(args: StationArgs, io: Io = processIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const db = await openFor(args.dataDir, env);
  try {
    switch (args.action) {
      case 'add': {
        const added = await addStation(db, args.stationId, args.utility);
        if (!added.ok) {
          io.err(`station add: ${added.message}`);
          return 1;
        }
        io.out(`station add: station ${added.value.station.id} registered for utility ${added.value.station.utility} in ${db.description}.`);
        io.out("Its token follows; it is shown only this once. Enter it in the station's settings:");
        io.out(added.value.token);
        return 0;
      }
      case 'list': {
        const rows = await listStations(db);
        io.write(toCsv([['id', 'utility', 'created_at', 'disabled_at'], ...rows.map((r) => [r.id, r.utility, r.createdAt, r.disabledAt ?? ''])]));
        return 0;
      }
      case 'disable': {
        const disabled = await disableStation(db, args.stationId);
        if (!disabled.ok) {
          io.err(`station disable: ${disabled.message}`);
          return 1;
        }
        io.out(`station disable: station ${disabled.value.id} (${disabled.value.utility}) is disabled; its token is refused from now on`);
        return 0;
      }
    }
  } finally {
    await db.close();
  }
}

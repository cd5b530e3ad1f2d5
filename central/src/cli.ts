/**
 * `tsx central/src/cli.ts <command>`, on PGlite at a data folder, or on PostgreSQL when DATABASE_URL is set:
 * - serve: prints one line when listening; SIGINT/SIGTERM close the server and the database, exit 0.
 * - import-accounts <file.csv>: all rows or none; exit 1 naming every bad line.
 * - export-postings --date YYYY-MM-DD [--out file.csv]: the day's postings as CSV (stdout without --out).
 * - held [--date YYYY-MM-DD]: held records as CSV; apply <id> --by <name>; refund <id> --by <name> --reason <text>.
 * - station add <id> --utility <id> (the token on the last line, shown once); station list; station disable <id>.
 * Exit 2 for a command line central does not understand.
 */
import { USAGE, parseCliArgs, type ServeArgs } from './cli-args';
import { runDecide, runExport, runHeld, runImport, runStation } from './commands';
import { startCentral } from './server';

async function serve({ port, host, dataDir, demo }: ServeArgs): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL?.trim() || undefined;
  const central = await startCentral({ port, host, demo, ...(databaseUrl ? { databaseUrl } : { dataDir }) });
  console.log(`central: listening on ${central.url} (${central.summary})`);

  const stop = () => {
    central.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`central: could not close cleanly: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function main(): Promise<void> {
  const args = parseCliArgs(process.argv.slice(2));
  if (!args.ok) {
    console.error(`central: ${args.message}\n${USAGE}`);
    process.exit(2);
  }
  switch (args.value.command) {
    case 'serve':
      return serve(args.value);
    case 'import-accounts':
      process.exitCode = await runImport(args.value);
      return;
    case 'export-postings':
      process.exitCode = await runExport(args.value);
      return;
    case 'held':
      process.exitCode = await runHeld(args.value);
      return;
    case 'apply':
    case 'refund':
      process.exitCode = await runDecide(args.value);
      return;
    case 'station':
      process.exitCode = await runStation(args.value);
      return;
  }
}

main().catch((error: unknown) => {
  const message = (error as Error).message;
  const hint = /EADDRINUSE/.test(message) ? ' (another program uses that port: pass --port)' : '';
  console.error(`central: ${message}${hint}`);
  process.exit(1);
});

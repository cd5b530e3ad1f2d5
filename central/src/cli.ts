/**
 * `tsx central/src/cli.ts serve`: central on PGlite at a data folder, or on PostgreSQL when DATABASE_URL
 * is set. Prints one line when listening; SIGINT/SIGTERM close the server and the database, exit 0.
 */
import { USAGE, parseServeArgs } from './cli-args';
import { startCentral } from './server';

async function main(): Promise<void> {
  const args = parseServeArgs(process.argv.slice(2));
  if (!args.ok) {
    console.error(`central: ${args.message}\n${USAGE}`);
    process.exit(2);
  }
  const { port, host, dataDir, demo } = args.value;
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

main().catch((error: unknown) => {
  const message = (error as Error).message;
  const hint = /EADDRINUSE/.test(message) ? ' (another program uses that port: pass --port)' : '';
  console.error(`central: ${message}${hint}`);
  process.exit(1);
});

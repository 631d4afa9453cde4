import 'reflect-metadata';
import { ConfigError, loadConfig } from '#config';
import { DataDirLock, DataDirLockedError, PgliteSqlClient, type SqlClient } from '#sql';
import { createApp } from './create-app.js';
import { SQL_CLIENT } from './database/database.module.js';

async function main(): Promise<void> {
  const config = loadConfig();
  // Checked before Nest starts, for a short message; opening the database takes the lock itself.
  const embedded = config.database.kind === 'pglite' ? config.database.dataDir : undefined;
  const holder = embedded ? DataDirLock.holderOf(embedded) : undefined;
  if (embedded && holder) throw new DataDirLockedError(DataDirLock.fileFor(embedded), holder);
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const base = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  const sql = app.get<SqlClient>(SQL_CLIENT);
  if (sql instanceof PgliteSqlClient) sql.advertise(base);
  const store =
    config.eventStore.kind === 'eventstoredb'
      ? 'EventStoreDB'
      : config.database.kind === 'pglite'
        ? `embedded PGlite in ${config.database.dataDir}`
        : 'PostgreSQL';
  console.log(`cannatrace listening on ${base} (event store: ${store})`);
  console.log(`  health: ${base}/health   API docs: ${base}/docs`);
  if (config.demo) console.log(`  demo sign-in on (DEMO=on): ${base}/ offers the seeded demo actors`);
  console.log(
    '  a token: npm run -s cli -- token --role ansm --org ANSM   (roles: ansm, supplier, exploitant, laboratory, pharmacist, prescriber)',
  );
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(`cannatrace: invalid configuration: ${error.message}`);
  } else if (error instanceof DataDirLockedError) {
    console.error(`cannatrace: cannot start: ${error.message}`);
    process.exit(75);
  } else {
    console.error('cannatrace: could not start:', error);
  }
  process.exit(1);
});

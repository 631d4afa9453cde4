import 'reflect-metadata';
import { ConfigError, loadConfig } from '../../../libs/config/src/index.js';
import { createApp } from './create-app.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const base = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  const store =
    config.eventStore.kind === 'eventstoredb'
      ? 'EventStoreDB'
      : config.database.kind === 'pglite'
        ? `embedded PGlite in ${config.database.dataDir}`
        : 'PostgreSQL';
  console.log(`cannatrace listening on ${base} (event store: ${store})`);
  console.log(`  health: ${base}/health   API docs: ${base}/docs`);
  console.log('  a token: npm run -s cli -- token --role ansm --org ANSM   (roles: ansm, supplier, exploitant, laboratory, pharmacist, prescriber)');
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(`cannatrace: invalid configuration: ${error.message}`);
  } else {
    console.error('cannatrace: could not start:', error);
  }
  process.exit(1);
});

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
    config.eventStore.kind === 'pglite' ? `embedded PGlite in ${config.eventStore.dataDir}` : config.eventStore.kind;
  console.log(`cannatrace listening on ${base} (event store: ${store})`);
  console.log(`  health: ${base}/health   API docs: ${base}/docs`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(`cannatrace: invalid configuration: ${error.message}`);
  } else {
    console.error('cannatrace: could not start:', error);
  }
  process.exit(1);
});

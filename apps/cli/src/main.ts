import { ConfigError, loadConfig } from '../../../libs/config/src/index.js';
import { openEventStore, verifyChains } from '../../../libs/event-store/src/index.js';

const USAGE = `usage: npm run cli -- <command>

commands:
  migrate   apply the event store's pending migrations (the api also does it at start)
  verify    recompute every hash chain of the configured event store

The store is chosen by the same variables as the api (EVENT_STORE, DATA_DIR, DATABASE_URL, EVENTSTORE_URL).`;

async function main(args: string[]): Promise<number> {
  const [command] = args;
  switch (command) {
    case 'migrate': {
      const store = await openEventStore(loadConfig().eventStore);
      await store.close();
      console.log(`event store (${store.adapter}) is up to date`);
      return 0;
    }
    case 'verify': {
      const store = await openEventStore(loadConfig().eventStore);
      try {
        const report = await verifyChains(store, {
          onProgress: (n) => process.stderr.isTTY && process.stderr.write(`\rchecked ${n} events`),
        });
        if (process.stderr.isTTY) process.stderr.write('\n');
        console.log(`${report.checkedEvents} events in ${report.checkedStreams} streams checked: ${report.ok ? 'every chain holds' : `${report.broken.length} broken`}`);
        for (const b of report.broken) console.log(`  ${b.stream} revision ${b.revision} (event ${b.eventId}): ${b.reason}`);
        return report.ok ? 0 : 2;
      } finally {
        await store.close();
      }
    }
    default:
      console.error(USAGE);
      return command === undefined || command === 'help' || command === '--help' ? 0 : 64;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? `invalid configuration: ${error.message}` : error);
    process.exit(1);
  },
);

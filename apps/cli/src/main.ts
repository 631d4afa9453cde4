import { ConfigError, eventStoreConfig, loadConfig } from '../../../libs/config/src/index.js';
import { openEventStore, verifyChains } from '../../../libs/event-store/src/index.js';
import { developmentSecret, ROLES, signToken, type Role } from '../../../libs/auth/src/index.js';
import { parseArgs } from 'node:util';

const USAGE = `usage: npm run cli -- <command>

commands:
  token --role ROLE --org ORGANISATION [--sub USER] [--ttl SECONDS]
            print a bearer token signed with the api's secret (JWT_SECRET, or the embedded default's own)
            roles: ${ROLES.join(', ')}
  migrate   apply the event store's pending migrations (the api also does it at start)
  verify    recompute every hash chain of the configured event store

The store is chosen by the same variables as the api (EVENT_STORE, DATA_DIR, DATABASE_URL, EVENTSTORE_URL).`;

async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  switch (command) {
    case 'token':
      console.log(token(rest));
      return 0;
    case 'migrate': {
      const store = await openEventStore(eventStoreConfig(loadConfig()));
      await store.close();
      console.log(`event store (${store.adapter}) is up to date`);
      return 0;
    }
    case 'verify': {
      const store = await openEventStore(eventStoreConfig(loadConfig()));
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

function token(args: string[]): string {
  const { values } = parseArgs({
    args,
    options: { role: { type: 'string' }, org: { type: 'string' }, sub: { type: 'string' }, ttl: { type: 'string' } },
    strict: true,
  });
  if (!values.role || !ROLES.includes(values.role as Role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
  if (!values.org) throw new UsageError('--org is required');
  const ttl = values.ttl === undefined ? 8 * 3600 : Number(values.ttl);
  if (!Number.isInteger(ttl) || ttl < 1) throw new UsageError('--ttl must be a whole number of seconds');
  const { jwt } = loadConfig();
  const secret = 'secret' in jwt ? jwt.secret : developmentSecret(jwt.secretFile);
  return signToken(secret, { sub: values.sub ?? `${values.role}@${values.org}`, role: values.role as Role, org: values.org }, ttl);
}

class UsageError extends Error {}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`${(error as Error).message}\n\n${USAGE}`);
      process.exit(64);
    }
    console.error(error instanceof ConfigError ? `invalid configuration: ${error.message}` : error);
    process.exit(1);
  },
);

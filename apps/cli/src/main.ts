import { parseArgs } from 'node:util';
import { writeFileSync } from 'node:fs';
import { hs256Secret, ROLES, signToken, type Role } from '#auth';
import { ConfigError, DEFAULT_TOKEN_LIFETIME_SECONDS, loadConfig } from '#config';
import { DataDirLockedError } from '#sql';
import { backup, BackupRefused, restore } from './commands/backup.js';
import { exportBatch } from './commands/export.js';
import { digest, verify } from './commands/integrity.js';
import { migrateAll } from './commands/migrate.js';
import { project } from './commands/project.js';
import { rebuild } from './commands/rebuild.js';
import { seed } from './commands/seed.js';
import { replay } from './commands/replay.js';
import { withReadModels, withStore } from './commands/runtime.js';
import { Progress } from './progress.js';

const USAGE = `usage: npm run -s cli -- <command> [options]

commands:
  token --role ROLE --org ORGANISATION [--sub USER] [--ttl SECONDS]
            print a bearer token signed with the api's secret (JWT_SECRET, or the embedded default's own);
            --sub is the RPPS number of a pharmacist or a prescriber, who must be registered at --org
            roles: ${ROLES.join(', ')}
  migrate   apply every pending migration (event store, checkpoints, read models); run it as the schema's owner
  verify [--against DIGEST] [--key-id HEX]
            recompute every hash chain and the global order against every sealed checkpoint and, with
            --against, against a digest downloaded earlier (signed by --key-id when given); exit code 2 when
            anything does not hold
  digest [--out FILE]
            seal every event committed and print the signed digest (what GET /v1/audit/digest answers)
  replay [--gtin GTIN --lot LOT [--as-of INSTANT]]
            a batch's history and state as of an instant; without a batch, every event as JSON lines
  rebuild [--projection NAME ...]
            empty the read models and project every event again
  seed      create the demo circuit, or print it again; through the running api when one holds DATA_DIR
  backup --out FILE
            the embedded database (events, read models) into one file, consistent; the api must be stopped
  restore FILE [--force]
            load a backup into DATA_DIR, then verify every chain (exit code 2 when one is broken); refuses a
            DATA_DIR holding a database unless --force, which keeps that one aside
  project   keep the read models until stopped (SIGTERM or SIGINT), for api processes run with PROJECTIONS=off
  export --gtin GTIN --lot LOT [--out FILE]
            a batch's history as an EPCIS 2.0 JSON-LD document

The store is chosen by the same variables as the api (EVENT_STORE, DATA_DIR, DATABASE_URL, EVENTSTORE_URL).
On the embedded default one process at a time opens DATA_DIR: a command finding it in use names the process
holding it and exits with code 75. On PostgreSQL, back up with pg_dump (docs/operations.md).`;

class UsageError extends Error {}

async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    options: {
      role: { type: 'string' },
      org: { type: 'string' },
      sub: { type: 'string' },
      ttl: { type: 'string' },
      gtin: { type: 'string' },
      lot: { type: 'string' },
      'as-of': { type: 'string' },
      out: { type: 'string' },
      projection: { type: 'string', multiple: true },
      force: { type: 'boolean' },
      against: { type: 'string' },
      'key-id': { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (command !== 'restore' && positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`);
  switch (command) {
    case 'token':
      console.log(token(values));
      return 0;
    case 'migrate':
      console.log(await migrateAll(loadConfig()));
      return 0;
    case 'verify':
      return withStore(async (store, sql) => {
        const progress = new Progress('verifying');
        const { report, lines } = await verify(store, sql, {
          against: values.against,
          keyId: values['key-id'],
          onProgress: (n) => progress.update(n),
        });
        const seconds = progress.finish();
        const chains = report.broken.length === 0 ? 'every chain holds' : `${report.broken.length} broken`;
        console.log(
          `${report.checkedEvents} events in ${report.checkedStreams} streams checked in ${seconds.toFixed(1)} s: ${chains}${report.problems.length > 0 ? `, ${report.problems.length} problems` : ''}`,
        );
        for (const line of lines) console.log(line);
        return report.ok ? 0 : 2;
      });
    case 'digest': {
      const config = loadConfig();
      const signed = await withStore((store, sql) => digest(store, sql, config.digestKeyFile as string));
      if (!signed) throw new Error('the store holds no event yet: there is nothing to certify');
      const text = `${JSON.stringify(signed, null, 2)}\n`;
      if (values.out) {
        writeFileSync(values.out, text, { flag: 'wx' });
        console.error(
          `digest of ${signed.checkpoint.eventCount} events (checkpoint ${signed.checkpoint.seq}, key ${signed.keyId}) written to ${values.out}`,
        );
      } else {
        process.stdout.write(text);
      }
      return 0;
    }
    case 'replay': {
      const batch = optionalBatch(values);
      const asOf = values['as-of'] ? new Date(values['as-of']) : new Date();
      if (Number.isNaN(asOf.getTime())) throw new UsageError('--as-of must be an ISO 8601 instant');
      console.error(await withStore((store) => replay(store, batch, asOf)));
      return 0;
    }
    case 'seed':
      for (const line of await seed(loadConfig())) console.log(line);
      return 0;
    case 'backup':
      if (!values.out) throw new UsageError('backup needs --out FILE');
      console.log(await backup(loadConfig(), values.out));
      return 0;
    case 'restore': {
      if (positionals.length !== 1) throw new UsageError('restore needs the backup file: restore FILE [--force]');
      const { summary, ok } = await restore(loadConfig(), positionals[0], values.force === true);
      for (const line of summary) console.log(line);
      return ok ? 0 : 2;
    }
    case 'project':
      await withReadModels((store, readModels) => project(store, readModels));
      return 0;
    case 'rebuild':
      console.log(await withReadModels((store, readModels) => rebuild(store, readModels, values.projection)));
      return 0;
    case 'export': {
      const batch = optionalBatch(values);
      if (!batch) throw new UsageError('export needs --gtin and --lot');
      const document = await withStore((store) => exportBatch(store, batch));
      const text = `${JSON.stringify(document, null, 2)}\n`;
      if (values.out) {
        writeFileSync(values.out, text);
        console.error(`${document.epcisBody.eventList.length} EPCIS events written to ${values.out}`);
      } else {
        process.stdout.write(text);
      }
      return 0;
    }
    default:
      console.error(USAGE);
      return command === undefined || command === 'help' || command === '--help' ? 0 : 64;
  }
}

function optionalBatch(values: { gtin?: string; lot?: string }): { gtin: string; lot: string } | undefined {
  if (values.gtin === undefined && values.lot === undefined) return undefined;
  if (!values.gtin || !values.lot) throw new UsageError('give both --gtin and --lot');
  return { gtin: values.gtin, lot: values.lot };
}

function token(values: { role?: string; org?: string; sub?: string; ttl?: string }): string {
  if (!values.role || !ROLES.includes(values.role as Role))
    throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
  if (!values.org) throw new UsageError('--org is required');
  if ((values.role === 'pharmacist' || values.role === 'prescriber') && !values.sub)
    throw new UsageError('--sub is required for a pharmacist or a prescriber: their RPPS number, registered at --org');
  const ttl = values.ttl === undefined ? 8 * 3600 : Number(values.ttl);
  if (!Number.isInteger(ttl) || ttl < 1) throw new UsageError('--ttl must be a whole number of seconds');
  const { jwt } = loadConfig();
  const longest = jwt.maxLifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS;
  if (ttl > longest) throw new UsageError(`--ttl may not exceed JWT_MAX_LIFETIME_SECONDS (${longest})`);
  const secret = hs256Secret(jwt);
  if (secret === undefined) throw new UsageError('no JWT_SECRET: tokens come from the OpenID Connect provider');
  return signToken(
    secret,
    { sub: values.sub ?? `${values.role}@${values.org}`, role: values.role as Role, org: values.org },
    ttl,
    new Date(),
    { iss: jwt.issuer, aud: jwt.audience },
  );
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`${(error as Error).message}\n\n${USAGE}`);
      process.exit(64);
    }
    if (error instanceof DataDirLockedError) {
      console.error(`cannatrace: ${error.message}`);
      process.exit(75);
    }
    if (error instanceof BackupRefused) {
      console.error(`cannatrace: ${error.message}`);
      process.exit(64);
    }
    console.error(
      error instanceof ConfigError
        ? `invalid configuration: ${error.message}`
        : `cannatrace: ${(error as Error).message ?? String(error)}`,
    );
    process.exit(1);
  },
);

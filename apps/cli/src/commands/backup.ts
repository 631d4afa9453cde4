import { createWriteStream, existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { gunzipSync } from 'node:zlib';
import type { AppConfig } from '#config';
import { eventStoreOn, START, type EventStore } from '#event-store';
import { PgliteSqlClient } from '#sql';
import { Progress } from '../progress.js';
import { verify } from './integrity.js';

/** A backup or restore that cannot be done as asked; the message says what to do instead. */
export class BackupRefused extends Error {}

const POSTGRES_HINT =
  'the events are in PostgreSQL: back it up with pg_dump -Fc (and restore with pg_restore), then run `cli verify`; see docs/operations.md';

function embeddedDataDir(config: AppConfig): string {
  if (config.database.kind !== 'pglite' || !config.database.dataDir) throw new BackupRefused(POSTGRES_HINT);
  if (config.eventStore.kind === 'eventstoredb') {
    throw new BackupRefused(
      'the events are in EventStoreDB: back it up with its own tools; the embedded database holds only read models',
    );
  }
  return config.database.dataDir;
}

/**
 * Writes the embedded database (events, read models, idempotency records) to `out` as one gzipped tarball. The
 * data directory is locked meanwhile, so the copy is consistent; the file appears only once complete.
 */
export async function backup(config: AppConfig, out: string): Promise<string> {
  const dataDir = embeddedDataDir(config);
  if (existsSync(out)) throw new BackupRefused(`${out} exists; choose another file (a backup never overwrites one)`);
  const started = Date.now();
  const sql = await PgliteSqlClient.open(dataDir);
  try {
    const store = await eventStoreOn(sql);
    const events = await countEvents(store);
    const progress = new Progress('writing backup (bytes)');
    const dump = await sql.dump();
    const partial = `${out}.partial`;
    const file = createWriteStream(partial, { mode: 0o600 });
    let written = 0;
    for await (const chunk of dump.stream() as unknown as AsyncIterable<Uint8Array>) {
      if (!file.write(chunk)) await once(file, 'drain');
      written += chunk.byteLength;
      progress.update(written, dump.size);
    }
    file.end();
    await finished(file);
    progress.finish();
    renameSync(partial, out);
    return `backup of ${events} events (${megabytes(written)}) written to ${out} in ${seconds(started)}`;
  } finally {
    await sql.close();
  }
}

/**
 * Loads a backup into DATA_DIR, then verifies every hash chain. A non-empty data directory is refused unless
 * `force`, and then kept aside (renamed), never deleted. Answers the summary and whether the chains hold.
 */
export async function restore(
  config: AppConfig,
  file: string,
  force: boolean,
): Promise<{ summary: string[]; ok: boolean }> {
  const dataDir = embeddedDataDir(config);
  if (!existsSync(file) || !statSync(file).isFile()) throw new BackupRefused(`no backup file ${file}`);
  const started = Date.now();
  const content = readFileSync(file);
  checkBackup(file, content);
  const summary: string[] = [];
  let aside: string | undefined;
  let made = false;
  // Runs under the lock; from its end on, a failure puts the data directory back as it was.
  const makeRoom = () => {
    if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
      if (!force)
        throw new BackupRefused(
          `${dataDir} already holds a database; restore refuses to replace it unless given --force (it is then kept aside)`,
        );
      aside = `${dataDir}.before-restore-${new Date().toISOString().replaceAll(':', '-')}`;
      renameSync(dataDir, aside);
      summary.push(`the database that was there is kept in ${aside}`);
    }
    made = true;
  };
  let sql: PgliteSqlClient;
  try {
    sql = await PgliteSqlClient.open(dataDir, { load: new Blob([content]), whenLocked: makeRoom });
  } catch (error) {
    if (!made) throw error; // refused before anything was touched (in use, or not empty)
    // The data directory as it was: the half-loaded one goes, the one set aside comes back.
    rmSync(dataDir, { recursive: true, force: true });
    if (aside !== undefined) renameSync(aside, dataDir);
    throw new Error(
      `${file} could not be loaded, is it a backup of cannatrace's embedded database? (${(error as Error).message}); ${dataDir} is as it was`,
      { cause: error },
    );
  }
  try {
    const store = await eventStoreOn(sql);
    const progress = new Progress('verifying');
    const { report, lines } = await verify(store, sql, { onProgress: (n) => progress.update(n) });
    progress.finish();
    summary.unshift(`restored ${file} into ${dataDir} in ${seconds(started)}`);
    summary.push(
      `${report.checkedEvents} events in ${report.checkedStreams} streams verified: ${report.broken.length === 0 ? 'every chain holds' : `${report.broken.length} broken`}${report.problems.length > 0 ? `, ${report.problems.length} problems` : ''}`,
      ...lines,
    );
    return { summary, ok: report.ok };
  } finally {
    await sql.close();
  }
}

/**
 * A backup is a gzipped tarball of a PostgreSQL data directory. Checked before PGlite sees it: PGlite reports a
 * bad file from a stream it does not wait for, which would end the process instead of refusing.
 */
function checkBackup(file: string, content: Buffer): void {
  let tar: Buffer;
  try {
    tar = gunzipSync(content);
  } catch {
    throw new BackupRefused(`${file} is not a backup of cannatrace's embedded database (not a gzipped tarball)`);
  }
  if (!tar.includes('PG_VERSION'))
    throw new BackupRefused(
      `${file} is not a backup of cannatrace's embedded database (no PostgreSQL data directory in it)`,
    );
}

async function countEvents(store: EventStore): Promise<number> {
  let count = 0;
  let from = START;
  for (;;) {
    const page = await store.readAll({ from, maxCount: 5000 });
    if (page.events.length === 0) return count;
    count += page.events.length;
    from = page.checkpoint;
  }
}

const megabytes = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import request from 'supertest';
import { createApp } from '../apps/api/src/create-app.js';
import { backup, BackupRefused, restore } from '../apps/cli/src/commands/backup.js';
import { seed } from '../apps/cli/src/commands/seed.js';
import { signToken } from '#auth';
import type { AppConfig } from '#config';
import { openEventStore, verifyChains } from '#event-store';
import { DataDirLockedError, PgliteSqlClient } from '#sql';
import { DATABASE_URL } from '../libs/event-store/test/scratch-schema.js';
import { Api, token } from './harness.js';

const SECRET = 'backup-test-secret-backup-test-secret-0123';
const embedded = (dataDir: string): AppConfig => ({
  port: 0,
  host: '127.0.0.1',
  dataDir,
  database: { kind: 'pglite', dataDir: join(dataDir, 'pglite') },
  eventStore: { kind: 'database' },
  jwt: { secret: SECRET },
  rateLimitPerMinute: 100_000,
  corsOrigins: [],
  runProjections: true,
});

describe('backup and restore of the embedded default', () => {
  const root = mkdtempSync(join(tmpdir(), 'cannatrace-backup-'));
  const source = embedded(join(root, 'source'));
  const file = join(root, 'cannatrace.backup');
  let targets = 0;
  /** A data directory of the test's own, empty. */
  const target = () => embedded(join(root, `target-${++targets}`));
  const pgliteDir = (config: AppConfig) => (config.database.kind === 'pglite' ? config.database.dataDir : undefined);
  let summary: string;
  let events: number;
  beforeAll(async () => {
    await seed(source);
    summary = await backup(source, file);
    events = Number(/^backup of (\d+) events/.exec(summary)?.[1]);
  }, 120_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('writes the whole database to one file, and never over an existing one', async () => {
    expect(summary).toMatch(
      new RegExp(`^backup of ${events} events \\([\\d.]+ MB\\) written to ${file} in [\\d.]+ s$`),
    );
    expect(events).toBeGreaterThan(15);
    expect(readdirSync(root).filter((f) => f.includes('partial'))).toEqual([]);
    await expect(backup(source, file)).rejects.toThrow(BackupRefused);
  });

  it('restores it into an empty directory and verifies every chain; the api then answers from it', async () => {
    const into = target();
    const { summary, ok } = await restore(into, file, false);
    expect(ok).toBe(true);
    expect(summary[0]).toMatch(/^restored .*cannatrace.backup into .*\/pglite in [\d.]+ s$/);
    expect(summary[1]).toMatch(new RegExp(`^${events} events in \\d+ streams verified: every chain holds$`));
    const app = await createApp(into, { logger: false });
    await app.init();
    try {
      const pharmacist = await request(app.getHttpServer())
        .get('/v1/sites/PH-CENTRE/shipments?direction=incoming')
        .set(
          'Authorization',
          `Bearer ${signToken(SECRET, { sub: '10000000002', role: 'pharmacist', org: 'PH-CENTRE' }, 60)}`,
        )
        .expect(200);
      // The read models came along: the delivery waiting at the pharmacy is listed at once.
      expect(pharmacist.body).toHaveLength(1);
    } finally {
      await app.close();
    }
  }, 60_000);

  it('refuses a directory holding a database unless forced, and then keeps that one aside', async () => {
    const into = target();
    await restore(into, file, false);
    await expect(restore(into, file, false)).rejects.toThrow(
      /already holds a database; restore refuses to replace it unless given --force/,
    );
    const { summary, ok } = await restore(into, file, true);
    expect(ok).toBe(true);
    const aside = /kept in (.+)$/.exec(summary.find((l) => l.includes('kept in')) ?? '')?.[1] as string;
    expect(existsSync(join(aside, 'PG_VERSION'))).toBe(true);
  }, 60_000);

  it('refuses a file that is not a backup, leaving the directory as it was', async () => {
    const into = target();
    await restore(into, file, false);
    const garbage = join(root, 'garbage');
    writeFileSync(garbage, randomBytes(4096));
    await expect(restore(into, garbage, true)).rejects.toThrow(
      /is not a backup of cannatrace's embedded database \(not a gzipped tarball\)/,
    );
    writeFileSync(garbage, gzipSync(randomBytes(4096)));
    await expect(restore(into, garbage, true)).rejects.toThrow(/no PostgreSQL data directory in it/);
    const sql = await PgliteSqlClient.open(pgliteDir(into));
    try {
      expect(Number((await sql.query<{ n: string }>('SELECT count(*) AS n FROM events'))[0].n)).toBe(events);
    } finally {
      await sql.close();
    }
  }, 60_000);

  it('refuses while another holds the directory', async () => {
    const into = target();
    const sql = await PgliteSqlClient.open(pgliteDir(into));
    try {
      await expect(restore(into, file, true)).rejects.toThrow(DataDirLockedError);
      await expect(backup(into, join(root, 'other.backup'))).rejects.toThrow(DataDirLockedError);
    } finally {
      await sql.close();
    }
  });

  it('sends PostgreSQL to pg_dump', async () => {
    const postgres: AppConfig = { ...source, database: { kind: 'postgres', url: DATABASE_URL } };
    await expect(backup(postgres, join(root, 'pg.backup'))).rejects.toThrow(/pg_dump -Fc/);
  });
});

const havePgDump = spawnSync('pg_dump', ['--version']).status === 0;
(havePgDump ? describe : describe.skip)('the documented pg_dump path for PostgreSQL', () => {
  let api: Api;
  const database = `cannatrace_restore_${randomBytes(4).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: DATABASE_URL });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  beforeAll(async () => {
    api = await Api.start('postgres');
  });
  afterAll(async () => {
    await api.close();
    await admin(`DROP DATABASE IF EXISTS ${database}`);
  });

  it('dumps a schema with pg_dump -Fc, restores it with pg_restore into another database, and verify finds every event', async () => {
    for (const id of ['PH-A', 'PH-B', 'PH-C']) {
      await api.http
        .post('/v1/organisations')
        .set('Authorization', `Bearer ${token('ansm', 'ANSM')}`)
        .send({ id, kind: 'community_pharmacy', name: id, country: 'FR' })
        .expect(201);
    }
    const dump = join(mkdtempSync(join(tmpdir(), 'cannatrace-pgdump-')), 'cannatrace.dump');
    const dumped = spawnSync('pg_dump', ['-Fc', `--schema=${api.schema}`, `--file=${dump}`, DATABASE_URL], {
      encoding: 'utf8',
    });
    expect(dumped.stderr).toBe('');
    await admin(`CREATE DATABASE ${database}`);
    const targetUrl = DATABASE_URL.replace(/\/[^/]+$/, `/${database}`);
    const restored = spawnSync('pg_restore', ['--no-owner', `--dbname=${targetUrl}`, dump], { encoding: 'utf8' });
    expect(restored.stderr).toBe('');
    const store = await openEventStore({ kind: 'postgres', url: targetUrl, schema: api.schema });
    try {
      const report = await verifyChains(store);
      expect(report).toMatchObject({ ok: true, checkedEvents: 3 });
    } finally {
      await store.close();
    }
    rmSync(dump, { force: true });
  }, 60_000);
});

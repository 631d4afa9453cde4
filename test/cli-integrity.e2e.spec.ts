import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SQL_CLIENT } from '../apps/api/src/database/database.module.js';
import { digest, verify } from '../apps/cli/src/commands/integrity.js';
import type { StoreDigest } from '#event-store';
import type { SqlClient } from '#sql';
import { seedCatalogue } from './catalogue.fixtures.js';
import { Api } from './harness.js';

describe('command line: digest and verify --against (PostgreSQL)', () => {
  let api: Api;
  let sql: SqlClient;
  const dir = mkdtempSync(join(tmpdir(), 'tamper-cli-'));
  const keyFile = join(dir, 'keys', 'digest-key.pem');
  const digestFile = join(dir, 'digest.json');
  let signed: StoreDigest;
  beforeAll(async () => {
    api = await Api.start('postgres');
    sql = api.app.get<SqlClient>(SQL_CLIENT);
    await seedCatalogue(api);
  });
  afterAll(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('seals and signs with a key it creates once, readable by its owner only', async () => {
    signed = (await digest(api.store, sql, keyFile)) as StoreDigest;
    expect(signed.checkpoint.eventCount).toBe((await api.allEvents()).length);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect((await digest(api.store, sql, keyFile))?.keyId).toBe(signed.keyId);
    writeFileSync(digestFile, JSON.stringify(signed));
  });

  it('prints that the store holds what the digest certified', async () => {
    const { report, lines } = await verify(api.store, sql, { against: digestFile, keyId: signed.keyId });
    expect(report.ok).toBe(true);
    expect(lines).toEqual([
      expect.stringMatching(/^\d+ events sealed by \d+ checkpoints \(last .*\); 0 since$/),
      `digest: checkpoint ${signed.checkpoint.seq} of ${signed.checkpoint.eventCount} events, key ${signed.keyId}: the store still holds exactly what it certified`,
    ]);
  });

  it('names the stream an owner deleted, and says the digest no longer holds', async () => {
    await sql.transaction(async (tx) => {
      await tx.exec('ALTER TABLE events DISABLE TRIGGER USER');
      await tx.query('DELETE FROM events WHERE stream_id = $1', ['organisation-LAB-1']);
      await tx.exec('ALTER TABLE events ENABLE TRIGGER USER');
    });
    const { report, lines } = await verify(api.store, sql, { against: digestFile });
    expect(report.ok).toBe(false);
    expect(lines).toContain(
      `digest: checkpoint ${signed.checkpoint.seq} of ${signed.checkpoint.eventCount} events, key ${signed.keyId}: DOES NOT HOLD`,
    );
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^ {2}organisation-LAB-1 revision 0 \(event [0-9a-f-]{36}\): stream_missing \(checkpoint \d+ sealed the stream up to revision 0; the store holds none of it\)$/,
      ),
    );
    expect(lines.filter((l) => /^ {2}(checkpoint_mismatch|digest_mismatch): /.test(l))).toHaveLength(2);
  });

  it('refuses a file that is not a digest, naming it', async () => {
    await expect(verify(api.store, sql, { against: join(dir, 'missing.json') })).rejects.toThrow(
      /^cannot read the digest .*missing\.json: ENOENT/,
    );
  });
});

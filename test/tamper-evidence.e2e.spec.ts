import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { SQL_CLIENT } from '../apps/api/src/database/database.module.js';
import { digestProblem, type StoreDigest } from '#event-store';
import { type SqlClient } from '#sql';
import { Projector } from '#read-models';
import { GTIN, analysis, batch, seedCatalogue } from './catalogue.fixtures.js';
import { Api, BACKENDS, token } from './harness.js';

const STREAM = `batch-${GTIN}-L1`;

describe.each(BACKENDS)('tamper evidence over HTTP (%s)', (backend) => {
  let api: Api;
  let sql: SqlClient;
  // Each test starts from a store of its own holding a released batch (one test deletes an event of it).
  beforeEach(async () => {
    api = await Api.start(backend);
    sql = api.app.get<SqlClient>(SQL_CLIENT);
    await seedCatalogue(api);
    await api.post('/v1/batches', 'supplier', 'SUP-1', batch('L1')).expect(201);
    await api.post(`/v1/batches/${GTIN}/L1/analyses`, 'laboratory', 'LAB-1', analysis()).expect(201);
    const release = await api
      .post(`/v1/batches/${GTIN}/L1/release`, 'supplier', 'SUP-1', { qualifiedPerson: 'Dr QP' })
      .expect(201);
    // The release enters the supplier's register in a process of the api's own: wait for it, so that nothing
    // more is appended while the digests below are taken.
    const releaseId = release.body.eventIds[0];
    while (!(await api.allEvents()).some((e) => e.metadata.causationId === releaseId))
      await new Promise((resolve) => setTimeout(resolve, 50));
    await api.app.get(Projector).caughtUp();
  }, 120_000);
  afterEach(() => api.close());

  /** The digest ANSM is handed of the store as it stands. */
  const takeDigest = async (): Promise<StoreDigest> =>
    (await api.get('/v1/audit/digest', 'ansm', 'ANSM').expect(200)).body;

  it('answers ANSM a signed digest of every event committed so far', async () => {
    const digest = await takeDigest();
    const events = await api.allEvents();
    expect(digest).toMatchObject({
      format: 'cannatrace-digest/1',
      checkpoint: { eventCount: events.length, upTo: events[events.length - 1].position },
    });
    expect(digestProblem(digest)).toBeNull();
    // Asked again with nothing new: the same checkpoint, signed again.
    expect((await api.get('/v1/audit/digest', 'ansm', 'ANSM').expect(200)).body.checkpoint).toEqual(digest.checkpoint);
  });

  it('verifies the store against the digest while nothing was touched', async () => {
    const digest = await takeDigest();
    const report = (await api.http.post('/v1/audit/verify').set(ansm()).send(digest).expect(200)).body;
    expect(report).toMatchObject({
      ok: true,
      broken: [],
      problems: [],
      digest: { seq: digest.checkpoint.seq, holds: true },
      sealing: { checkpoints: digest.checkpoint.seq, unsealedEvents: 0 },
    });
  });

  it('refuses a body that is not a digest, naming the field', async () => {
    const digest = await takeDigest();
    const response = await api.http
      .post('/v1/audit/verify')
      .set(ansm())
      .send({ ...digest, checkpoint: { ...digest.checkpoint, storeHead: 'x' } })
      .expect(400);
    expect(response.body.errors).toEqual([
      { field: 'checkpoint.storeHead', message: 'storeHead must be a SHA-256 in hex' },
    ]);
  });

  it("names the batch's release deleted by the table's owner, where the chains alone saw nothing", async () => {
    const digest = await takeDigest();
    const [, , release] = await api.store.readStream(STREAM);
    expect(release.type).toBe('BatchReleased');
    await sql.transaction(async (tx) => {
      await tx.exec('ALTER TABLE events DISABLE TRIGGER USER');
      await tx.query('DELETE FROM events WHERE event_id = $1', [release.id]);
      await tx.exec('ALTER TABLE events ENABLE TRIGGER USER');
    });
    const history = await api.get(`/v1/audit/batches/${GTIN}/L1/history`, 'ansm', 'ANSM').expect(200);
    expect(history.body.state).toMatchObject({ released: false });

    const report = (await api.get('/v1/audit/verify', 'ansm', 'ANSM').expect(200)).body;
    expect(report.ok).toBe(false);
    expect(report.broken).toEqual([
      {
        stream: STREAM,
        revision: 2,
        eventId: release.id,
        reason: 'events_missing',
        checkpoint: expect.any(Number),
        detail: expect.stringMatching(
          /^checkpoint \d+ sealed the stream up to revision 2; the store holds it up to 1$/,
        ),
      },
    ]);
    const against = (await api.http.post('/v1/audit/verify').set(ansm()).send(digest).expect(200)).body;
    expect(against.digest).toMatchObject({ seq: digest.checkpoint.seq, holds: false });
    expect(against.problems.map((p: { reason: string }) => p.reason)).toEqual([
      'checkpoint_mismatch',
      'digest_mismatch',
    ]);
  });
});

function ansm() {
  return { Authorization: `Bearer ${token('ansm', 'ANSM')}` };
}

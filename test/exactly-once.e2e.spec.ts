import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SQL_CLIENT } from '../apps/api/src/database/database.module.js';
import type { Role } from '#auth';
import type { SqlClient } from '#sql';
import { batch, GTIN } from './catalogue.fixtures.js';
import { PHARMACIST, PRESCRIBER, prescription, scan, seedToPharmacy, TODAY } from './circuit.fixtures.js';
import { Api, token } from './harness.js';

type Sent = { role: Role; org: string; sub?: string; path: string; body: object };

/**
 * A client whose answer was lost (the api crashed after the append, the connection was cut) retries with its
 * Idempotency-Key, and meanwhile the key's record is gone and the api restarted: the retry writes nothing and
 * gets the first answer, rebuilt from the events that carry the command's ids.
 */
describe('exactly once: a retry after a lost answer, a lost key record and a restart (PostgreSQL)', () => {
  let first: Api;
  let restarted: Api;
  let sql: SqlClient;
  const send = (api: Api, { role, org, sub, path, body }: Sent, key: string) =>
    api.http
      .post(path)
      .set('Authorization', `Bearer ${token(role, org, sub)}`)
      .set('Idempotency-Key', key)
      .send(body);
  const events = async () => Number((await sql.query<{ n: string }>('SELECT count(*) AS n FROM events'))[0].n);

  beforeAll(async () => {
    first = await Api.start('postgres');
    await seedToPharmacy(first);
    sql = first.app.get<SqlClient>(SQL_CLIENT);
  });

  afterAll(async () => {
    await restarted?.close();
    await first.close();
  });

  it('answers every kind of command the first answer again, and writes nothing', async () => {
    const line = { gtin: GTIN, lot: 'L1', quantity: 1 };
    const pharmacist = { role: 'pharmacist' as Role, org: 'PH-1', sub: PHARMACIST };
    const requests: Sent[] = [
      {
        role: 'ansm',
        org: 'ANSM',
        path: '/v1/organisations',
        body: { id: 'PH-ONCE', kind: 'community_pharmacy', name: 'Once', country: 'FR' },
      },
      { role: 'supplier', org: 'SUP-1', path: '/v1/batches', body: batch('ONCE') },
      { role: 'exploitant', org: 'EXP-1', path: '/v1/shipments', body: { to: 'PH-1', lines: [line] } },
      {
        role: 'prescriber',
        org: 'CHU-1',
        sub: PRESCRIBER,
        path: '/v1/patients',
        body: { indication: 'EPILEPSY', includedOn: TODAY, consent: true },
      },
      { role: 'prescriber', org: 'CHU-1', sub: PRESCRIBER, path: '/v1/prescriptions', body: prescription('RX-ONCE') },
      { ...pharmacist, path: '/v1/dispensations', body: { prescriptionId: 'RX-ONCE', quantity: 1, scan: scan('S3') } },
      {
        ...pharmacist,
        path: '/v1/sites/PH-1/register/losses',
        body: {
          ...line,
          kind: 'loss',
          occurredOn: TODAY,
          declarations: { police: 'PV-1', ars: 'ARS-1', ansm: 'ANSM-1' },
        },
      },
    ];
    const answers: unknown[] = [];
    for (const [i, request] of requests.entries()) {
      const answer = await send(first, request, `once-${i}`);
      expect([request.path, answer.status]).toEqual([request.path, 201]);
      answers.push(answer.body);
    }
    // The receipt of the shipment just sent, as its own command.
    const shipmentId = (answers[2] as { shipmentId: string }).shipmentId;
    const receipt: Sent = { ...pharmacist, path: `/v1/shipments/${shipmentId}/receipt`, body: { lines: [line] } };
    const received = await send(first, receipt, 'once-receipt');
    expect(received.status).toBe(201);
    requests.push(receipt);
    answers.push(received.body);

    const written = await events();
    await sql.query('DELETE FROM idempotency_requests');
    restarted = await Api.start('postgres', {
      database: {
        kind: 'postgres',
        url: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
        schema: first.schema as string,
      },
    });
    for (const [i, request] of requests.entries()) {
      const key = i === requests.length - 1 ? 'once-receipt' : `once-${i}`;
      const again = await send(restarted, request, key);
      expect([request.path, again.status, again.body]).toEqual([request.path, 201, answers[i]]);
    }
    expect(await events()).toBe(written);
  });
});

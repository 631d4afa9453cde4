import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { rebuild } from '../apps/cli/src/commands/rebuild.js';
import { SQL_CLIENT } from '../apps/api/src/database/database.module.js';
import type { SqlClient } from '#sql';
import { Projector } from '#read-models';
import { GTIN } from './catalogue.fixtures.js';
import { PHARMACIST, prescription, scan, seedToPharmacy } from './circuit.fixtures.js';
import { Api, token } from './harness.js';

/**
 * The way a deployment outgrows one process: three api instances on one PostgreSQL (each with its own caches,
 * queues and idempotency bookkeeping; only the first runs the projections), commands and retries spread across
 * them at once. The invariants hold across processes because every append carries its expected revision.
 */
describe('several api processes on one PostgreSQL', () => {
  let apis: Api[];
  let sql: SqlClient;
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const line = (quantity: number) => [{ gtin: GTIN, lot: 'L1', quantity }];
  const post = (
    api: Api,
    role: 'exploitant' | 'pharmacist',
    org: string,
    path: string,
    body: object,
    headers: Record<string, string> = {},
    sub?: string,
  ) =>
    api.http
      .post(path)
      .set('Authorization', `Bearer ${token(role, org, sub)}`)
      .set(headers)
      .send(body);
  const statuses = (answers: { status: number }[]) => answers.map((a) => a.status).sort();

  beforeAll(async () => {
    const first = await Api.start('postgres');
    await seedToPharmacy(first);
    const others = await Promise.all(
      [1, 2].map(() =>
        Api.start('postgres', {
          runProjections: false,
          database: { kind: 'postgres', url, schema: first.schema as string },
        }),
      ),
    );
    apis = [first, ...others];
    sql = first.app.get<SqlClient>(SQL_CLIENT);
  });

  afterAll(async () => {
    for (const api of apis.slice(1)) await api.close();
    await apis[0].close();
  });

  it('ships exactly the stock held when 15 dispatches race over three processes', async () => {
    // EXP-1 holds 4 packs of L1 after the seed (10 received, 6 shipped to PH-1).
    const answers = await Promise.all(
      Array.from({ length: 15 }, (_, i) =>
        post(apis[i % 3], 'exploitant', 'EXP-1', '/v1/shipments', { to: 'PH-2', lines: line(1) }),
      ),
    );
    expect(statuses(answers)).toEqual([...Array(4).fill(201), ...Array(11).fill(422)]);
    expect(new Set(answers.filter((a) => a.status === 422).map((a) => a.body.rule))).toEqual(
      new Set(['insufficient_stock']),
    );
    const stock = await apis[2].http
      .get('/v1/sites/EXP-1/stock')
      .set('Authorization', `Bearer ${token('exploitant', 'EXP-1')}`)
      .expect(200);
    expect(stock.body).toEqual([]);
  });

  it('dispenses each serial once and never beyond the prescription, whichever process decides', async () => {
    const stockOfL1 = async () =>
      (
        await apis[1].http
          .get('/v1/sites/PH-1/stock')
          .set('Authorization', `Bearer ${token('pharmacist', 'PH-1')}`)
          .expect(200)
      ).body.find((l: { lot: string }) => l.lot === 'L1')?.quantity ?? 0;
    const held = await stockOfL1();
    await apis[0].http
      .post('/v1/prescriptions')
      .set('Authorization', `Bearer ${token('prescriber', 'CHU-1', '10000000001')}`)
      .send(prescription('RX-MULTI'))
      .expect(201);
    // Six serials, each sent to two processes at once: 12 attempts on a 4-pack prescription.
    const serials = ['S1', 'S2', 'S3', 'S4', 'S5', 'S6'];
    const answers = await Promise.all(
      serials.flatMap((serial, i) =>
        [0, 1].map((k) =>
          post(
            apis[(i + k) % 3],
            'pharmacist',
            'PH-1',
            '/v1/dispensations',
            { prescriptionId: 'RX-MULTI', quantity: 1, scan: scan(serial) },
            {},
            PHARMACIST,
          ),
        ),
      ),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(4);
    const refused = new Set(answers.filter((a) => a.status !== 201).map((a) => a.body.rule));
    expect([...refused].every((rule) => ['serial_already_dispensed', 'exceeds_prescription'].includes(rule))).toBe(
      true,
    );
    const dispensed = (await apis[1].registerEvents('PH-1'))
      .filter((e) => e.type === 'PrescriptionDispensed')
      .map((e) => e.data.serial);
    expect(dispensed).toHaveLength(4);
    expect(new Set(dispensed).size).toBe(4);
    expect(await stockOfL1()).toBe(held - 4);
  });

  it('answers one Idempotency-Key sent to three processes at once with one write and one answer', async () => {
    const send = (api: Api) =>
      post(
        api,
        'pharmacist',
        'PH-1',
        '/v1/sites/PH-1/register/losses',
        { ...line(1)[0], kind: 'loss', occurredOn: '2026-11-20', declarations: { police: 'PV', ars: 'A', ansm: 'N' } },
        { 'Idempotency-Key': 'multi-loss' },
        PHARMACIST,
      );
    const answers = await Promise.all(apis.map(send));
    const accepted = answers.filter((a) => a.status === 201);
    // The instances that claimed the key first answer 201, the same answer; the others see it in progress.
    expect(accepted.length).toBeGreaterThanOrEqual(1);
    for (const answer of accepted) expect(answer.body).toEqual(accepted[0].body);
    for (const answer of answers.filter((a) => a.status !== 201))
      expect([answer.status, answer.body.type]).toEqual([409, 'urn:cannatrace:problem:idempotency_in_progress']);
    const later = await Promise.all(apis.map(send));
    for (const answer of later) expect([answer.status, answer.body]).toEqual([201, accepted[0].body]);
    const losses = (await apis[0].registerEvents('PH-1')).filter((e) => e.type === 'LossDeclared');
    expect(losses).toHaveLength(1);
  });

  it('leaves read models equal to a rebuild from the events', async () => {
    const projector = apis[0].app.get(Projector);
    await projector.caughtUp();
    const readModels = () =>
      Promise.all([
        sql.query('SELECT * FROM rm_batch_sites ORDER BY gtin, lot, site_id'),
        sql.query('SELECT dispensation_id, patient_id, quantity FROM rm_dispensations ORDER BY dispensation_id'),
        sql.query('SELECT shipment_id, accepted FROM rm_shipments ORDER BY shipment_id'),
      ]);
    const before = await readModels();
    await rebuild(apis[0].store, apis[0].app.get(DataSource), undefined);
    await projector.caughtUp();
    expect(await readModels()).toEqual(before);
  });
});

import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { SQL_CLIENT } from '../apps/api/src/database/database.module.js';
import { rebuild } from '../apps/cli/src/commands/rebuild.js';
import { replay } from '../apps/cli/src/commands/replay.js';
import type { SqlClient } from '#sql';
import { Projector } from '#read-models';
import { GTIN } from './catalogue.fixtures.js';
import { asPharmacist, asPrescriber, prescription, scan, seedToPharmacy } from './circuit.fixtures.js';
import { Api } from './harness.js';

const readModels = (sql: SqlClient) =>
  Promise.all([
    sql.query('SELECT * FROM rm_batch_sites ORDER BY gtin, lot, site_id'),
    sql.query('SELECT dispensation_id, patient_id, quantity FROM rm_dispensations ORDER BY dispensation_id'),
    sql.query('SELECT * FROM rm_batches ORDER BY gtin, lot'),
    sql.query('SELECT * FROM rm_prescriptions ORDER BY prescription_id'),
    sql.query('SELECT shipment_id, accepted FROM rm_shipments ORDER BY shipment_id'),
    sql.query('SELECT * FROM rm_mass_balances ORDER BY gtin, lot'),
    sql.query('SELECT * FROM rm_mass_balance_sites ORDER BY gtin, lot, site_id'),
    sql.query('SELECT * FROM rm_mass_balance_shipments ORDER BY shipment_id, gtin, lot'),
  ]);

describe('command line: rebuild and replay (PostgreSQL)', () => {
  let api: Api;
  let sql: SqlClient;
  beforeAll(async () => {
    api = await Api.start('postgres');
    sql = api.app.get<SqlClient>(SQL_CLIENT);
    await seedToPharmacy(api);
    await asPrescriber(api, '/v1/prescriptions', prescription('RX-CLI')).expect(201);
    await asPharmacist(api, '/v1/dispensations', { prescriptionId: 'RX-CLI', quantity: 1, scan: scan('S2') }).expect(
      201,
    );
    await api.app.get(Projector).caughtUp();
  });
  afterAll(() => api.close());

  it('rebuilds every read model from zero, identical, even while the api keeps projecting', async () => {
    const before = await readModels(sql);
    expect((before[0] as unknown[]).length).toBeGreaterThan(0);
    const summary = await rebuild(api.store, api.app.get(DataSource), undefined);
    expect(summary).toMatch(
      /^batches, trace, prescriptions, alerts, raised-alerts, follow-up, vigilance, reports, mass-balance rebuilt from \d+ events in [\d.]+ s \(\d+ events\/s\)$/,
    );
    await api.app.get(Projector).caughtUp();
    expect(await readModels(sql)).toEqual(before);
  });

  it('refuses an unknown projection by name', async () => {
    await expect(rebuild(api.store, api.app.get(DataSource), ['nonsense'])).rejects.toThrow(
      /unknown projection nonsense; known: batches, trace, prescriptions, alerts, raised-alerts, follow-up, vigilance, reports, mass-balance/,
    );
  });

  it("replays a batch's history and its state as of an instant", async () => {
    const lines: string[] = [];
    const log = jest.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    try {
      const summary = await replay(api.store, { gtin: GTIN, lot: 'L1' }, new Date());
      expect(summary).toMatch(/^\d+ events concern lot L1 of 03400930000014 as of /);
      expect(lines[0]).toMatch(new RegExp(`batch-${GTIN}-L1@0  BatchRegistered  by SUP-1/`));
      expect(JSON.parse(lines.at(-1) as string)).toMatchObject({
        status: 'registered',
        released: true,
        recalled: false,
      });
    } finally {
      log.mockRestore();
    }
  });
});

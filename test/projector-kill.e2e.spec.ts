import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { SQL_CLIENT } from '../apps/api/src/database/database.module.js';
import type { SqlClient } from '#sql';
import { DATABASE_URL } from '../libs/event-store/test/scratch-schema.js';
import { PROJECTIONS, Projector } from '#read-models';
import { analysis, batch, GTIN } from './catalogue.fixtures.js';
import { seedToPharmacy } from './circuit.fixtures.js';
import { Api } from './harness.js';

const readModels = (sql: SqlClient) =>
  Promise.all([
    sql.query(
      'SELECT gtin, lot, site_id, received, shipped, dispensed, on_hand FROM rm_batch_sites ORDER BY gtin, lot, site_id',
    ),
    sql.query('SELECT dispensation_id, quantity FROM rm_dispensations ORDER BY dispensation_id'),
    sql.query('SELECT shipment_id, accepted FROM rm_shipments ORDER BY shipment_id'),
    sql.query('SELECT gtin, lot, released, on_hold, recalled FROM rm_batches ORDER BY gtin, lot'),
    sql.query('SELECT prescription_id, dispensed_quantity FROM rm_prescriptions ORDER BY prescription_id'),
  ]);

describe('the projector process killed (SIGKILL) again and again under load', () => {
  let api: Api;
  let sql: SqlClient;
  beforeAll(async () => {
    const build = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`build failed: ${build.stdout}${build.stderr}`);
    api = await Api.start('postgres', { runProjections: false });
    sql = api.app.get<SqlClient>(SQL_CLIENT);
    await seedToPharmacy(api);
    await api.post('/v1/batches', 'supplier', 'SUP-1', { ...batch('L9'), quantity: 10_000 }).expect(201);
    await api.post(`/v1/batches/${GTIN}/L9/analyses`, 'supplier', 'SUP-1', analysis()).expect(201);
    await api.post(`/v1/batches/${GTIN}/L9/release`, 'supplier', 'SUP-1', { qualifiedPerson: 'QP' }).expect(201);
  }, 120_000);
  afterAll(() => api.close());

  const projectorProcess = (): ChildProcess =>
    spawn(process.execPath, ['dist/apps/cli/src/main.js', 'project'], {
      env: {
        ...process.env,
        EVENT_STORE: 'postgres',
        DATABASE_URL,
        DATABASE_SCHEMA: api.schema,
        JWT_SECRET: 'not-used-by-the-projector-but-required-here',
      },
      stdio: 'ignore',
    });

  it('ends with read models identical to a rebuild from zero', async () => {
    let loading = true;
    const load = (async () => {
      for (let i = 0; loading; i++) {
        const shipmentId = (
          await api
            .post('/v1/shipments', 'supplier', 'SUP-1', {
              to: 'EXP-1',
              lines: [{ gtin: GTIN, lot: 'L9', quantity: 1 + (i % 3) }],
            })
            .expect(201)
        ).body.shipmentId;
        await api
          .post(`/v1/shipments/${shipmentId}/receipt`, 'exploitant', 'EXP-1', {
            lines: [{ gtin: GTIN, lot: 'L9', quantity: 1 + (i % 3) }],
          })
          .expect(201);
      }
    })();
    const checkpoints = async () =>
      (await sql.query<{ checkpoint: string }>('SELECT checkpoint FROM projection_checkpoints ORDER BY name'))
        .map((r) => r.checkpoint)
        .join(' ');
    let kills = 0;
    let killedWhileWorking = 0;
    for (; kills < 6; kills++) {
      const before = await checkpoints();
      const child = projectorProcess();
      // Kill it once it has committed some work (or after 5 s), a random moment into its next batches.
      const deadline = Date.now() + 5000;
      while ((await checkpoints()) === before && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 20));
      if ((await checkpoints()) !== before) killedWhileWorking += 1;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 150));
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    expect(killedWhileWorking).toBeGreaterThan(0);
    loading = false;
    await load;

    const last = projectorProcess();
    const watcher = new Projector(api.store, api.app.get(DataSource), PROJECTIONS);
    const deadline = Date.now() + 60_000;
    while ((await watcher.status()).some((s) => s.behind > 0)) {
      if (Date.now() > deadline) throw new Error('the projector process did not catch up');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    last.kill('SIGTERM');
    await new Promise((resolve) => last.once('exit', resolve));
    const afterKills = await readModels(sql);
    expect((afterKills[2] as unknown[]).length).toBeGreaterThan(10);

    const rebuilt = new Projector(api.store, api.app.get(DataSource), PROJECTIONS);
    await rebuilt.rebuild();
    rebuilt.start();
    await rebuilt.caughtUp();
    await rebuilt.stop();
    expect(await readModels(sql)).toEqual(afterKills);
    expect(kills).toBe(6);
  }, 120_000);
});

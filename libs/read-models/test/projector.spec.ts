import { afterAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { eventStoreOn, type EventStore, type NewEvent } from '#event-store';
import { openSqlClient, type SqlClient, type SqlClientConfig } from '#sql';
import { DATABASE_URL, scratchSchema } from '../../event-store/test/scratch-schema.js';
import {
  openReadModels,
  PROJECTIONS,
  Projector,
  readModelsOptions,
  traceProjection,
  type Projection,
} from '#read-models';

const GTIN = '03400930000014';
const metadata = () => ({
  actor: 'u',
  role: 'exploitant',
  organisation: 'EXP-1',
  occurredAt: '2026-03-01T10:00:00.000Z',
  commandId: randomUUID(),
  correlationId: randomUUID(),
});
const line = (lot: string, quantity: number) => ({ gtin: GTIN, lot, quantity });

/** A register history over several sites and batches: 3 x 40 shipments out, 3 x 40 receipts in, dispensations. */
async function seed(store: EventStore): Promise<void> {
  const append = (stream: string, type: string, data: NewEvent['data']) =>
    store.append(stream, [{ type, data, metadata: metadata() }]);
  for (const lot of ['L1', 'L2', 'L3']) {
    await append('register-SUP-1', 'StockEntered', { ...line(lot, 500), reason: 'batch_release' });
    for (let i = 0; i < 40; i++) {
      const shipmentId = `SUP-1~${lot}${String(i).padStart(10, '0')}`;
      await append('register-SUP-1', 'ShipmentDispatched', {
        shipmentId,
        to: 'EXP-1',
        lines: [line(lot, 5)],
        carrier: null,
        importAuthorisation: null,
      });
      await append('register-EXP-1', 'ShipmentReceived', {
        shipmentId,
        from: 'SUP-1',
        accepted: [line(lot, 5)],
        discrepancies: [],
        serials: [],
      });
      await append('register-EXP-1', 'PrescriptionDispensed', {
        dispensationId: `${lot}-${i}`,
        prescriptionId: `RX-${i}`,
        patientId: `PSN-${i % 7}`,
        gtin: GTIN,
        lot,
        quantity: 1,
        serial: null,
        dispensedOn: '2026-03-02',
      });
    }
  }
}

async function snapshot(sql: SqlClient): Promise<unknown[]> {
  return Promise.all([
    sql.query('SELECT * FROM rm_batch_sites ORDER BY gtin, lot, site_id'),
    sql.query(
      'SELECT dispensation_id, prescription_id, patient_id, pharmacy_id, quantity FROM rm_dispensations ORDER BY dispensation_id',
    ),
    sql.query('SELECT shipment_id, from_site, to_site, lines, accepted FROM rm_shipments ORDER BY shipment_id'),
  ]);
}

/** Fails once, in the middle of applying the `failAt`-th batch, as a process killed there would. */
function crashingOnce(projection: Projection, failAt: number): Projection {
  let batches = 0;
  return {
    ...projection,
    async apply(tx, events, batch) {
      batches += 1;
      const half = Math.floor(events.length / 2);
      await projection.apply(tx, events.slice(0, half), batch);
      if (batches === failAt) throw new Error('killed in the middle of a batch');
      await projection.apply(tx, events.slice(half), batch);
    },
  };
}

const backends: [string, () => { config: SqlClientConfig; drop: () => Promise<void> }][] = [
  ['pglite', () => ({ config: { kind: 'pglite' }, drop: async () => undefined })],
  [
    'postgres',
    () => {
      const scratch = scratchSchema('projector');
      return { config: { kind: 'postgres', url: DATABASE_URL, schema: scratch.schema }, drop: scratch.drop };
    },
  ],
];

describe.each(backends)('projector (%s)', (_name, backend) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  async function open() {
    const { config, drop } = backend();
    const sql = await openSqlClient(config);
    const store = await eventStoreOn(sql);
    const readModels = await openReadModels(readModelsOptions(config, sql));
    cleanups.push(
      drop,
      () => sql.close(),
      () => readModels.destroy(),
    );
    return { sql, store, readModels };
  }

  it('takes a register event type met outside a register for no movement, and goes on', async () => {
    const { sql, store, readModels } = await open();
    await store.append('inbox-EXP-1', [
      {
        type: 'ShipmentDispatched',
        data: {
          shipmentId: 'X~1',
          to: 'PH-1',
          lines: [{ gtin: GTIN, lot: 'L1', quantity: 1 }],
          carrier: null,
          importAuthorisation: null,
        },
        metadata: metadata(),
      },
    ]);
    await seed(store);
    const projector = new Projector(store, readModels, [traceProjection], { retryMs: 10 });
    await projector.register();
    projector.start();
    await projector.caughtUp(10_000);
    await projector.stop();
    expect(await sql.query("SELECT shipment_id FROM rm_shipments WHERE shipment_id = 'X~1'")).toEqual([]);
    expect((await projector.status())[0].lastError).toBeNull();
  });

  it('restarted after a crash in the middle of a batch, ends identical to a rebuild from zero', async () => {
    const { sql, store, readModels } = await open();
    await seed(store);
    const crashing = new Projector(store, readModels, [crashingOnce(traceProjection, 3)], {
      batchSize: 25,
      retryMs: 10,
    });
    await crashing.register();
    crashing.start();
    await crashing.caughtUp();
    const afterCrash = await snapshot(sql);
    const status = await crashing.status();
    await crashing.stop();

    const sites = (afterCrash[0] as { site_id: string; lot: string; on_hand: number; dispensed: number }[]).map((r) => [
      r.site_id,
      r.lot,
      r.on_hand,
      r.dispensed,
    ]);
    expect(sites).toEqual([
      ['EXP-1', 'L1', 160, 40],
      ['SUP-1', 'L1', 300, 0],
      ['EXP-1', 'L2', 160, 40],
      ['SUP-1', 'L2', 300, 0],
      ['EXP-1', 'L3', 160, 40],
      ['SUP-1', 'L3', 300, 0],
    ]);
    expect(status[0].behind).toBe(0);

    const rebuilt = new Projector(store, readModels, [traceProjection], { batchSize: 1000 });
    await rebuilt.rebuild();
    rebuilt.start();
    await rebuilt.caughtUp();
    await rebuilt.stop();
    expect(await snapshot(sql)).toEqual(afterCrash);
  });

  it('feeds every projection at one checkpoint from ONE reader of the global order', async () => {
    const { sql, store, readModels } = await open();
    await seed(store);
    const subscribed: string[] = [];
    const counting: EventStore = Object.assign(Object.create(store) as EventStore, {
      subscribe: (
        handler: Parameters<EventStore['subscribe']>[0],
        options?: Parameters<EventStore['subscribe']>[1],
      ) => {
        subscribed.push(String(options?.from));
        return store.subscribe(handler, options);
      },
    });
    const projector = new Projector(counting, readModels, PROJECTIONS, { batchSize: 50 });
    await projector.register();
    await projector.rebuild();
    projector.start();
    await projector.caughtUp();
    await projector.stop();
    expect(subscribed).toEqual(['start']);
    const [sites] = (await snapshot(sql)) as { site_id: string; received: number }[][];
    expect(sites.filter((r) => r.site_id === 'EXP-1').map((r) => r.received)).toEqual([200, 200, 200]);
    const checkpoints = await sql.query<{ checkpoint: string }>(
      'SELECT DISTINCT checkpoint FROM projection_checkpoints',
    );
    expect(checkpoints).toHaveLength(1);
  });

  it('lets the other projections read on when one fails a batch; the failed one catches up from its own checkpoint', async () => {
    const { sql, store, readModels } = await open();
    await seed(store);
    const others = PROJECTIONS.filter((p) => p.name !== traceProjection.name);
    const projector = new Projector(store, readModels, [crashingOnce(traceProjection, 2), ...others], {
      batchSize: 25,
      retryMs: 10,
    });
    await projector.register();
    projector.start();
    await projector.caughtUp();
    const afterCrash = await snapshot(sql);
    const statuses = await projector.status();
    await projector.stop();
    expect(statuses.map((s) => [s.name, s.behind, s.running, s.lastError])).toEqual(
      [
        'trace',
        'batches',
        'prescriptions',
        'alerts',
        'raised-alerts',
        'follow-up',
        'vigilance',
        'reports',
        'mass-balance',
      ].map((name) => [name, 0, true, null]),
    );

    const rebuilt = new Projector(store, readModels, [traceProjection], { batchSize: 1000 });
    await rebuilt.rebuild();
    rebuilt.start();
    await rebuilt.caughtUp();
    await rebuilt.stop();
    expect(await snapshot(sql)).toEqual(afterCrash);
  });

  it('never applies a batch twice when two processes run the same projections', async () => {
    const { sql, store, readModels } = await open();
    await seed(store);
    const first = new Projector(store, readModels, PROJECTIONS, { batchSize: 10, retryMs: 5 });
    const second = new Projector(store, readModels, PROJECTIONS, { batchSize: 10, retryMs: 5 });
    await first.register();
    await second.register();
    first.start();
    second.start();
    await first.caughtUp();
    await second.caughtUp();
    await Promise.all([first.stop(), second.stop()]);
    const [sites] = (await snapshot(sql)) as { site_id: string; received: number }[][];
    expect(sites.filter((r) => r.site_id === 'EXP-1').map((r) => r.received)).toEqual([200, 200, 200]);
  });
});

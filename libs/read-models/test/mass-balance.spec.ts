import { afterAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { batchStream, registerBookStream } from '#domain';
import { eventStoreOn, type EventStore, type NewEvent } from '#event-store';
import { openSqlClient, type SqlClient, type SqlClientConfig } from '#sql';
import { DATABASE_URL, scratchSchema } from '../../event-store/test/scratch-schema.js';
import {
  findImbalances,
  massBalanceProjection,
  openReadModels,
  Projector,
  readMassBalance,
  readModelsOptions,
} from '#read-models';

const GTIN = '03400930000014';
const MONTH = '2026-03';
const book = (site: string, month = MONTH) => registerBookStream(site, month);
const line = (lot: string, quantity: number) => ({ gtin: GTIN, lot, quantity });
const metadata = () => ({
  actor: 'u',
  role: 'exploitant',
  organisation: 'EXP-1',
  occurredAt: '2026-03-01T10:00:00.000Z',
  commandId: randomUUID(),
  correlationId: randomUUID(),
});

/** Appends one event and answers its id (what the balance names as evidence). */
function writer(store: EventStore) {
  return async (stream: string, type: string, data: NewEvent['data']): Promise<string> => {
    const id = randomUUID();
    await store.append(stream, [{ id, type, data, metadata: metadata() }]);
    return id;
  };
}

const opened = (month = MONTH, stock: ReturnType<typeof line>[] = []) => ({
  month,
  previousBook: null,
  carried: { stock, releasesEntered: [], received: [], fills: [], serials: [] },
});
const dispatch = (shipmentId: string, to: string, lines: ReturnType<typeof line>[], extra = {}) => ({
  shipmentId,
  to,
  lines,
  carrier: null,
  importAuthorisation: null,
  ...extra,
});
const receipt = (
  shipmentId: string,
  from: string,
  accepted: ReturnType<typeof line>[],
  discrepancies: NewEvent['data'][] = [],
) => ({
  shipmentId,
  from,
  accepted,
  discrepancies,
  serials: [],
});
const released = (quantity: number) => ({ qualifiedPerson: 'QP', quantity });

/**
 * Lot OK goes the whole circuit and stays balanced: release, entry, shipments with a receipt short of 2 packs
 * declared missing, dispensation, loss, destruction, an inventory adjustment, a return, a shipment in transit, a
 * recall acknowledged and quarantined, a book closed and opened.
 */
async function balancedCircuit(store: EventStore): Promise<void> {
  const append = writer(store);
  const lot = 'OK';
  await append(batchStream(GTIN, lot), 'BatchReleased', released(100));
  await append(book('SUP-1'), 'RegisterBookOpened', opened());
  await append(book('SUP-1'), 'StockEntered', { ...line(lot, 100), reason: 'batch_release' });
  await append(book('SUP-1'), 'ShipmentDispatched', dispatch('S1', 'EXP-1', [line(lot, 60)]));
  await append(book('EXP-1'), 'RegisterBookOpened', opened());
  await append(
    book('EXP-1'),
    'ShipmentReceived',
    receipt('S1', 'SUP-1', [line(lot, 58)], [{ kind: 'missing', gtin: GTIN, lot, shipped: 60, received: 58 }]),
  );
  await append(book('EXP-1'), 'ShipmentDispatched', dispatch('S2', 'PH-1', [line(lot, 30)]));
  await append(book('PH-1'), 'RegisterBookOpened', opened());
  await append(book('PH-1'), 'ShipmentReceived', receipt('S2', 'EXP-1', [line(lot, 30)]));
  await append(book('PH-1'), 'PrescriptionDispensed', {
    dispensationId: 'D1',
    prescriptionId: 'RX-1',
    patientId: 'PSN-000001',
    gtin: GTIN,
    lot,
    quantity: 5,
    serial: null,
    dispensedOn: '2026-03-02',
    expiresOn: '2027-01-01',
  });
  await append(book('PH-1'), 'LossDeclared', {
    ...line(lot, 2),
    kind: 'theft',
    occurredOn: '2026-03-03',
    declarations: { police: 'P', ars: 'A', ansm: 'N' },
  });
  await append(book('PH-1'), 'StockDestroyed', {
    ...line(lot, 1),
    destroyedOn: '2026-03-04',
    witnessRpps: '10000000002',
    reportReference: 'PV-1',
    arsNotifiedOn: '2026-02-01',
  });
  await append(book('PH-1'), 'InventoryCounted', {
    countedOn: '2026-03-05',
    counts: [{ gtin: GTIN, lot, counted: 21, recorded: 22 }],
    adjustments: [{ gtin: GTIN, lot, difference: -1 }],
  });
  await append(batchStream(GTIN, lot), 'BatchRecalled', { reason: 'defect' });
  await append(book('PH-1'), 'ShipmentDispatched', dispatch('S3', 'EXP-1', [line(lot, 21)], { return: true }));
  await append(book('EXP-1'), 'ShipmentReceived', receipt('S3', 'PH-1', [line(lot, 21)]));
  await append(book('EXP-1'), 'RecallAcknowledged', { gtin: GTIN, lot, onHand: 49 });
  await append(book('EXP-1'), 'RecalledStockQuarantined', line(lot, 49));
  await append(book('EXP-1'), 'ShipmentDispatched', dispatch('S4', 'SUP-1', [line(lot, 10)], { return: true }));
  await append(book('SUP-1'), 'RegisterBookClosed', { nextMonth: '2026-04', closing: [line(lot, 40)] });
  await append(book('SUP-1', '2026-04'), 'RegisterBookOpened', opened('2026-04', [line(lot, 40)]));
}

async function snapshot(readModels: DataSource): Promise<unknown[]> {
  return Promise.all([
    readModels.query('SELECT * FROM rm_mass_balances ORDER BY gtin, lot'),
    readModels.query('SELECT * FROM rm_mass_balance_sites ORDER BY gtin, lot, site_id'),
    readModels.query('SELECT * FROM rm_mass_balance_shipments ORDER BY shipment_id, gtin, lot'),
  ]);
}

const backends: [string, () => { config: SqlClientConfig; drop: () => Promise<void> }][] = [
  ['pglite', () => ({ config: { kind: 'pglite' }, drop: async () => undefined })],
  [
    'postgres',
    () => {
      const scratch = scratchSchema('massbalance');
      return { config: { kind: 'postgres', url: DATABASE_URL, schema: scratch.schema }, drop: scratch.drop };
    },
  ],
];

describe.each(backends)('mass balance projection (%s)', (_name, backend) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  async function open(): Promise<{ sql: SqlClient; store: EventStore; readModels: DataSource }> {
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

  async function project(store: EventStore, readModels: DataSource, batchSize: number): Promise<void> {
    const projector = new Projector(store, readModels, [massBalanceProjection], { batchSize, retryMs: 10 });
    await projector.register();
    projector.start();
    await projector.caughtUp(20_000);
    await projector.stop();
    expect((await projector.status())[0].lastError).toBeNull();
  }

  it('keeps a whole circuit in balance, term by term, and a rebuild in one batch reproduces it', async () => {
    const { store, readModels } = await open();
    await balancedCircuit(store);
    // Three events a batch: statements, receipts and closings fall across batches.
    await project(store, readModels, 3);
    const balance = await readMassBalance(readModels, GTIN, 'OK');
    expect(balance?.terms).toEqual({
      released: 100,
      awaitingEntry: 0,
      onHand: 40 + 39 + 0,
      inTransit: 10,
      missingAtReceipt: 2,
      dispensed: 5,
      lost: 2,
      destroyed: 1,
      adjusted: -1,
    });
    expect(balance?.difference).toBe(0);
    expect(balance?.disagreements).toEqual([]);
    expect(balance?.balanced).toBe(true);
    expect(balance?.siteFigures.map((s) => [s.site, s.onHand, s.stated, s.statedExpected])).toEqual([
      ['EXP-1', 39, 49, 49],
      ['PH-1', 0, 22, 22],
      ['SUP-1', 40, 40, 40],
    ]);
    expect(await findImbalances(readModels)).toEqual([]);

    const projected = await snapshot(readModels);
    const rebuilt = new Projector(store, readModels, [massBalanceProjection], { batchSize: 1000 });
    await rebuilt.rebuild();
    rebuilt.start();
    await rebuilt.caughtUp();
    await rebuilt.stop();
    expect(await snapshot(readModels)).toEqual(projected);
  });

  it('counts packs released but not yet entered as awaiting entry, in balance', async () => {
    const { store, readModels } = await open();
    await writer(store)(batchStream(GTIN, 'WAIT'), 'BatchReleased', released(70));
    await project(store, readModels, 50);
    const balance = await readMassBalance(readModels, GTIN, 'WAIT');
    expect([balance?.terms.awaitingEntry, balance?.balanced]).toEqual([70, true]);
  });

  it('names the sender and the receiver of a receipt that does not add up, with the events that show it', async () => {
    const { store, readModels } = await open();
    const append = writer(store);
    const lot = 'SHORT';
    await append(batchStream(GTIN, lot), 'BatchReleased', released(50));
    await append(book('SUP-1'), 'StockEntered', { ...line(lot, 50), reason: 'batch_release' });
    const sent = await append(book('SUP-1'), 'ShipmentDispatched', dispatch('S9', 'EXP-1', [line(lot, 10)]));
    // 8 accepted and no `missing` discrepancy: 2 packs vanish between the registers.
    const got = await append(book('EXP-1'), 'ShipmentReceived', receipt('S9', 'SUP-1', [line(lot, 8)]));
    await project(store, readModels, 2);
    const balance = await readMassBalance(readModels, GTIN, lot);
    expect(balance?.balanced).toBe(false);
    expect(balance?.difference).toBe(2);
    expect(balance?.sites).toEqual(['EXP-1', 'SUP-1']);
    expect(balance?.disagreements.map((d) => [d.site, d.reason, d.expected, d.recorded, d.shipmentId])).toEqual([
      ['SUP-1', 'shipment_differs', 10, 8, 'S9'],
      ['EXP-1', 'shipment_differs', 10, 8, 'S9'],
    ]);
    expect(await findImbalances(readModels)).toEqual([
      { gtin: GTIN, lot, sites: ['EXP-1', 'SUP-1'], evidence: [sent, got].sort(), difference: 2, released: 50 },
    ]);
  });

  it('names the site whose register states another stock than its movements give', async () => {
    const { store, readModels } = await open();
    const append = writer(store);
    const lot = 'COUNT';
    await append(batchStream(GTIN, lot), 'BatchReleased', released(50));
    await append(book('SUP-1'), 'StockEntered', { ...line(lot, 50), reason: 'batch_release' });
    await append(book('SUP-1'), 'ShipmentDispatched', dispatch('S1', 'PH-9', [line(lot, 12)]));
    await append(book('PH-9'), 'ShipmentReceived', receipt('S1', 'SUP-1', [line(lot, 12)]));
    const count = await append(book('PH-9'), 'InventoryCounted', {
      countedOn: '2026-03-05',
      counts: [{ gtin: GTIN, lot, counted: 14, recorded: 14 }],
      adjustments: [],
    });
    await project(store, readModels, 1000);
    const balance = await readMassBalance(readModels, GTIN, lot);
    // The equation holds (no movement is wrong), but the register disagrees with itself.
    expect([balance?.difference, balance?.balanced, balance?.sites]).toEqual([0, false, ['PH-9']]);
    expect(balance?.disagreements).toEqual([
      { site: 'PH-9', reason: 'register_differs', expected: 12, recorded: 14, shipmentId: null, evidence: [count] },
    ]);
  });

  it('names a book closing that leaves out packs held, and a receipt of a shipment never dispatched', async () => {
    const { store, readModels } = await open();
    const append = writer(store);
    const lot = 'BOOK';
    await append(batchStream(GTIN, lot), 'BatchReleased', released(40));
    await append(book('SUP-1'), 'StockEntered', { ...line(lot, 40), reason: 'batch_release' });
    const closed = await append(book('SUP-1'), 'RegisterBookClosed', { nextMonth: '2026-04', closing: [] });
    const ghost = await append(book('PH-2'), 'ShipmentReceived', receipt('NEVER', 'EXP-1', [line(lot, 5)]));
    await project(store, readModels, 1);
    const balance = await readMassBalance(readModels, GTIN, lot);
    expect(balance?.difference).toBe(-5);
    expect(balance?.disagreements.map((d) => [d.site, d.reason, d.expected, d.recorded, d.evidence])).toEqual([
      ['SUP-1', 'register_differs', 40, 0, [closed]],
      ['EXP-1', 'shipment_differs', 0, 5, [ghost]],
      ['PH-2', 'shipment_differs', 0, 5, [ghost]],
    ]);
  });

  it('names the supplier when more packs enter its register than were released', async () => {
    const { store, readModels } = await open();
    const append = writer(store);
    const lot = 'MORE';
    const release = await append(batchStream(GTIN, lot), 'BatchReleased', released(100));
    const entry = await append(book('SUP-1'), 'StockEntered', { ...line(lot, 120), reason: 'batch_release' });
    await project(store, readModels, 1000);
    const [imbalance] = await findImbalances(readModels);
    expect(imbalance).toEqual({
      gtin: GTIN,
      lot,
      sites: ['SUP-1'],
      evidence: [release, entry].sort(),
      difference: -20,
      released: 100,
    });
    const balance = await readMassBalance(readModels, GTIN, lot);
    expect(balance?.disagreements.map((d) => [d.reason, d.expected, d.recorded])).toEqual([
      ['release_entry_differs', 100, 120],
    ]);
  });
});

import { randomUUID } from 'node:crypto';
import { addMonths, batchKey, batchStream, registerBookStream, type Line, type RegisterEvent } from '#domain';
import { eventStoreOn, type EventStore, type NewEvent } from '#event-store';
import { openSqlClient } from '#sql';
import {
  findImbalances,
  massBalanceProjection,
  openReadModels,
  Projector,
  readModelsOptions,
  traceProjection,
  type Projection,
} from '#read-models';
import type { DataSource } from 'typeorm';
import { benchUrl } from './database.js';
import { GTIN } from './load.js';
import { median, type Row } from './measure.js';

const SCHEMA = 'massbalance';
const LOTS = ['MB1', 'MB2', 'MB3', 'MB4'];
const EXPLOITANTS = ['EXP-A', 'EXP-B'];
const FIRST_MONTH = '2026-01';
const MONTHS = 6;
const DISPENSED_A_MONTH = 30;

const metadata = (organisation: string, keys: string[]) => ({
  actor: '10000000002',
  role: 'pharmacist',
  organisation,
  occurredAt: '2026-03-01T10:00:00.000Z',
  commandId: randomUUID(),
  correlationId: randomUUID(),
  batchKeys: keys,
});

/** Each site's stock per lot as its register keeps it, so the books close on the figures the movements give. */
class Stocks {
  private readonly bySite = new Map<string, Map<string, number>>();
  move(site: string, lot: string, packs: number): void {
    const stock = this.bySite.get(site) ?? new Map<string, number>();
    stock.set(lot, (stock.get(lot) ?? 0) + packs);
    this.bySite.set(site, stock);
  }
  of(site: string, lot: string): number {
    return this.bySite.get(site)?.get(lot) ?? 0;
  }
  lines(site: string): Line[] {
    return [...(this.bySite.get(site) ?? [])].filter(([, q]) => q !== 0).map(([lot, quantity]) => line(lot, quantity));
  }
}

const line = (lot: string, quantity: number): Line => ({ gtin: GTIN, lot, quantity });

/**
 * Six months of a circuit in monthly books: the supplier releases four lots and ships them to two exploitants,
 * each exploitant ships to its pharmacies every month, every pharmacy receives (one receipt in twenty short of a
 * pack, declared missing), dispenses 30 packs, one in ten declares a loss, one in five counts an inventory a
 * pack short; every book is opened with its carried stock and closed with its balance. In balance throughout.
 */
async function writeHistory(store: EventStore, pharmacies: number): Promise<number> {
  const stocks = new Stocks();
  const sites = ['SUP-1', ...EXPLOITANTS, ...Array.from({ length: pharmacies }, (_, i) => `PH-${i}`)];
  const exploitantOf = (p: number) => EXPLOITANTS[p % EXPLOITANTS.length];
  let written = 0;
  const append = async (stream: string, organisation: string, events: { type: string; data: unknown }[]) => {
    const keys = LOTS.map((lot) => batchKey(GTIN, lot));
    await store.append(
      stream,
      events.map((e) => ({
        type: e.type,
        data: e.data as NewEvent['data'],
        metadata: metadata(organisation, keys),
      })),
    );
    written += events.length;
  };
  const perPharmacy = DISPENSED_A_MONTH + 4;
  for (const lot of LOTS)
    await append(batchStream(GTIN, lot), 'SUP-1', [
      { type: 'BatchReleased', data: { qualifiedPerson: 'QP', quantity: perPharmacy * pharmacies * MONTHS } },
    ]);
  const books = new Map<string, RegisterEvent[]>();
  const bookOf = (site: string) => books.get(site) as RegisterEvent[];
  for (let m = 0; m < MONTHS; m++) {
    const month = addMonths(FIRST_MONTH, m);
    const lot = LOTS[m % LOTS.length];
    for (const site of sites) {
      const opening: RegisterEvent = {
        type: 'RegisterBookOpened',
        data: {
          month,
          previousBook: m === 0 ? null : registerBookStream(site, addMonths(month, -1)),
          carried: { stock: stocks.lines(site), releasesEntered: [], received: [], fills: [], serials: [] },
        },
      };
      books.set(site, [opening]);
    }
    if (m < LOTS.length) {
      const entered = perPharmacy * pharmacies * MONTHS;
      bookOf('SUP-1').push({ type: 'StockEntered', data: { ...line(lot, entered), reason: 'batch_release' } });
      stocks.move('SUP-1', lot, entered);
    }
    // The supplier ships each exploitant this month's packs for its pharmacies; each receives them whole.
    for (const exploitant of EXPLOITANTS) {
      const quantity = perPharmacy * Math.ceil(pharmacies / EXPLOITANTS.length);
      const shipmentId = `SUP-1~${month}~${exploitant}`;
      bookOf('SUP-1').push({
        type: 'ShipmentDispatched',
        data: { shipmentId, to: exploitant, lines: [line(lot, quantity)], carrier: null, importAuthorisation: null },
      });
      stocks.move('SUP-1', lot, -quantity);
      bookOf(exploitant).push({
        type: 'ShipmentReceived',
        data: { shipmentId, from: 'SUP-1', accepted: [line(lot, quantity)], discrepancies: [], serials: [] },
      });
      stocks.move(exploitant, lot, quantity);
    }
    for (let p = 0; p < pharmacies; p++) {
      const site = `PH-${p}`;
      const exploitant = exploitantOf(p);
      const shipmentId = `${exploitant}~${month}~${p}`;
      bookOf(exploitant).push({
        type: 'ShipmentDispatched',
        data: { shipmentId, to: site, lines: [line(lot, perPharmacy)], carrier: null, importAuthorisation: null },
      });
      stocks.move(exploitant, lot, -perPharmacy);
      const short = p % 20 === m ? 1 : 0;
      const book = bookOf(site);
      book.push({
        type: 'ShipmentReceived',
        data: {
          shipmentId,
          from: exploitant,
          accepted: [line(lot, perPharmacy - short)],
          discrepancies: short
            ? [{ kind: 'missing', gtin: GTIN, lot, shipped: perPharmacy, received: perPharmacy - short }]
            : [],
          serials: [],
        },
      });
      stocks.move(site, lot, perPharmacy - short);
      for (let d = 0; d < DISPENSED_A_MONTH; d++) {
        book.push({
          type: 'PrescriptionDispensed',
          data: {
            dispensationId: `${site}-${month}-${d}`,
            prescriptionId: `RX-${site}-${month}-${d % 10}`,
            patientId: `PSN-${p}-${d % 10}`,
            gtin: GTIN,
            lot,
            quantity: 1,
            serial: null,
            dispensedOn: `${month}-15`,
            expiresOn: '2099-01-31',
          },
        });
        stocks.move(site, lot, -1);
      }
      if (p % 10 === m) {
        book.push({
          type: 'LossDeclared',
          data: {
            ...line(lot, 1),
            kind: 'loss',
            occurredOn: `${month}-20`,
            declarations: { police: 'P', ars: 'A', ansm: 'N' },
          },
        });
        stocks.move(site, lot, -1);
      }
      if (p % 5 === m % 5) {
        const counts = stocks.lines(site).map((l) => ({
          gtin: GTIN,
          lot: l.lot,
          recorded: l.quantity,
          counted: l.lot === lot ? l.quantity - 1 : l.quantity,
        }));
        book.push({
          type: 'InventoryCounted',
          data: {
            countedOn: `${month}-25`,
            counts,
            adjustments: counts
              .filter((c) => c.counted !== c.recorded)
              .map((c) => ({ gtin: GTIN, lot: c.lot, difference: c.counted - c.recorded })),
          },
        });
        stocks.move(site, lot, -1);
      }
    }
    // Senders' books before receivers': a receipt follows its dispatch in the global order.
    for (const site of sites) {
      const book = bookOf(site);
      book.push({ type: 'RegisterBookClosed', data: { nextMonth: addMonths(month, 1), closing: stocks.lines(site) } });
      for (let i = 0; i < book.length; i += 200)
        await append(registerBookStream(site, month), site, book.slice(i, i + 200));
    }
  }
  return written;
}

async function projectFromZero(store: EventStore, readModels: DataSource, projection: Projection): Promise<number> {
  const projector = new Projector(store, readModels, [projection], { batchSize: 500 });
  await projector.register();
  await projector.rebuild([projection.name]);
  const started = process.hrtime.bigint();
  projector.start();
  await projector.caughtUp(600_000);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await projector.stop();
  return seconds;
}

/** The mass-balance projection over a realistic register history, against the trace projection over the same. */
export async function massBalanceBenchmarks(pharmacies: number, runs: number, log: (line: string) => void) {
  const rows: Row[] = [];
  const sql = await openSqlClient({ kind: 'postgres', url: benchUrl(), schema: SCHEMA, poolSize: 4 });
  const store = await eventStoreOn(sql);
  const readModels = await openReadModels(
    readModelsOptions({ kind: 'postgres', url: benchUrl(), schema: SCHEMA, poolSize: 4 }, sql),
  );
  try {
    log(`writing six months of register history for ${pharmacies} pharmacies`);
    const events = await writeHistory(store, pharmacies);
    const balance: number[] = [];
    const trace: number[] = [];
    for (let run = 0; run < runs; run++) {
      balance.push(events / (await projectFromZero(store, readModels, massBalanceProjection)));
      trace.push(events / (await projectFromZero(store, readModels, traceProjection)));
    }
    const imbalances = await findImbalances(readModels);
    if (imbalances.length > 0) throw new Error(`the bench history is out of balance: ${JSON.stringify(imbalances)}`);
    const started = process.hrtime.bigint();
    await findImbalances(readModels);
    const sweepMs = Number(process.hrtime.bigint() - started) / 1e6;
    const balanceRate = median(balance);
    const traceRate = median(trace);
    rows.push(
      {
        group: 'mass balance',
        figure: `projection from zero over ${events} register events (${pharmacies + 3} sites, ${LOTS.length} batches, batches of 500), against the trace projection over the same`,
        value: balanceRate,
        unit: `events/s (trace ${Math.round(traceRate)})`,
        vsPeer: balanceRate / traceRate,
        target: '>= 0.5x trace',
      },
      {
        group: 'mass balance',
        figure: 'findImbalances (the alert sweep) once projected',
        value: sweepMs,
        unit: 'ms',
      },
    );
  } finally {
    await readModels.destroy();
    await sql.close();
  }
  return rows;
}

import { randomUUID } from 'node:crypto';
import { INDICATIONS, REGION_CODES, registerBookStream } from '#domain';
import { eventStoreOn, type EventStore, type JsonObject, type NewEvent } from '#event-store';
import { openSqlClient } from '#sql';
import {
  dispensationsPerMonth,
  openReadModels,
  patientsPerIndication,
  Projector,
  readModelsOptions,
  readReport,
  reportsProjection,
  vigilanceRates,
} from '#read-models';
import { benchUrl } from './database.js';
import { median, percentile, type Row } from './measure.js';

const SCHEMA = 'reports';
const PHARMACIES = 200;
const PATIENTS = 3000;
const PRODUCTS = 10;
const gtin = (n: number) => `0340093000${String(1000 + n).padStart(4, '0')}`;

/**
 * A year of the circuit as the reports read it: pharmacies in every region (a tenth without one), 3,000 patients
 * over the indications, a prescription a month each, `dispensations` dispensations over 12 months, a stop for one
 * patient in ten and a vigilance report per 100 dispensations. Appended in batches of 100 events.
 */
async function loadHistory(store: EventStore, dispensations: number): Promise<number> {
  let pending: [string, NewEvent][] = [];
  let written = 0;
  const flush = async () => {
    const byStream = new Map<string, NewEvent[]>();
    for (const [stream, event] of pending) byStream.set(stream, [...(byStream.get(stream) ?? []), event]);
    await Promise.all([...byStream].map(([stream, events]) => store.append(stream, events)));
    written += pending.length;
    pending = [];
  };
  const add = async (stream: string, type: string, data: JsonObject, occurredAt = '2026-01-01T09:00:00.000Z') => {
    pending.push([
      stream,
      {
        type,
        data,
        metadata: {
          actor: 'bench',
          role: 'ansm',
          organisation: 'ANSM',
          occurredAt,
          commandId: randomUUID(),
          correlationId: randomUUID(),
        },
      },
    ]);
    if (pending.length >= 100) await flush();
  };
  for (let p = 0; p < PHARMACIES; p++) {
    const region: JsonObject = p % 10 === 0 ? {} : { region: REGION_CODES[p % REGION_CODES.length] };
    await add(`organisation-PH-${p}`, 'OrganisationRegistered', {
      id: `PH-${p}`,
      kind: 'community_pharmacy',
      name: `PH ${p}`,
      country: 'FR',
      ...region,
    });
  }
  for (let g = 0; g < PRODUCTS; g++)
    await add(`product-${gtin(g)}`, 'ProductAuthorised', {
      gtin: gtin(g),
      name: `Product ${g}`,
      exploitantId: 'EXP-1',
    });
  await flush();
  const day = (n: number) => `2026-${String((n % 12) + 1).padStart(2, '0')}-${String((n % 28) + 1).padStart(2, '0')}`;
  for (let i = 0; i < PATIENTS; i++) {
    const indication = INDICATIONS[i % INDICATIONS.length];
    await add(`indication-${indication}`, 'PatientIncluded', {
      indication,
      patientId: `P-${i}`,
      includedOn: day(i % 3),
    });
    for (let m = 0; m < 12; m++)
      await add(`prescription-RX-${i}-${m}`, 'PrescriptionIssued', {
        patientId: `P-${i}`,
        indication,
        gtin: gtin(i % PRODUCTS),
      });
  }
  // Appends within a flush run in parallel: what a dispensation is counted by is committed before it.
  await flush();
  for (let d = 0; d < dispensations; d++) {
    const patient = d % PATIENTS;
    const month = Math.floor((d / dispensations) * 12);
    const on = `2026-${String(month + 1).padStart(2, '0')}-${String((d % 28) + 1).padStart(2, '0')}`;
    const pharmacy = `PH-${patient % PHARMACIES}`;
    await add(registerBookStream(pharmacy, on.slice(0, 7)), 'PrescriptionDispensed', {
      dispensationId: `D-${d}`,
      prescriptionId: `RX-${patient}-${month}`,
      patientId: `P-${patient}`,
      gtin: gtin(patient % PRODUCTS),
      lot: `L${month}`,
      quantity: 1 + (d % 3),
      serial: null,
      dispensedOn: on,
    });
    if (d % 100 === 0)
      await add(`vigilance-report-VR-${d}`, 'VigilanceReportFiled', {
        reportId: `VR-${d}`,
        kind: d % 300 === 0 ? 'abuse_dependence' : 'adverse_effect',
        patientId: `P-${patient}`,
        seriousness: d % 200 === 0 ? 'serious' : 'non_serious',
        region: '11',
        batches: [{ gtin: gtin(patient % PRODUCTS), lot: `L${month}` }],
        products: [gtin(patient % PRODUCTS)],
        filedOn: on,
      });
  }
  for (let i = 0; i < PATIENTS; i += 10) {
    const indication = INDICATIONS[i % INDICATIONS.length];
    await add(`indication-${indication}`, 'PatientTreatmentStopped', {
      indication,
      patientId: `P-${i}`,
      stoppedOn: day(i),
      reason: 'inefficacy',
      consultationId: `C-${i}`,
    });
  }
  await flush();
  return written;
}

/** The report projection's throughput over a year of history, and the latency of the reports read from it. */
export async function reportBenchmarks(dispensations: number, log: (line: string) => void): Promise<Row[]> {
  const config = { kind: 'postgres' as const, url: benchUrl(), schema: SCHEMA, poolSize: 8 };
  const sql = await openSqlClient(config);
  const store = await eventStoreOn(sql);
  const readModels = await openReadModels(readModelsOptions(config, sql));
  const rows: Row[] = [];
  try {
    log(`reports: loading a year with ${dispensations} dispensations`);
    const written = await loadHistory(store, dispensations);
    const projector = new Projector(store, readModels, [reportsProjection], { batchSize: 5000 });
    await projector.register();
    await projector.rebuild();
    const started = Date.now();
    projector.start();
    await projector.caughtUp(600_000);
    await projector.stop();
    const rate = written / ((Date.now() - started) / 1000);
    rows.push({
      group: 'reports',
      figure: `report projection from zero over ${written} events (${dispensations} dispensations)`,
      value: rate,
      unit: 'events/s',
    });
    const year = { from: '2026-01', to: '2026-12' };
    const latency = async (figure: string, read: () => Promise<unknown>) => {
      const times: number[] = [];
      for (let i = 0; i < 20; i++) {
        const t = process.hrtime.bigint();
        await read();
        times.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
      rows.push({
        group: 'reports',
        figure: `${figure} (median of 20)`,
        value: median(times),
        unit: `ms (p95 ${percentile(times, 95).toFixed(1)} ms)`,
      });
    };
    log('reports: query latency');
    await latency('dispensations per month, region and product over 12 months', () =>
      readReport(readModels, async (tx) => ({ rows: await dispensationsPerMonth(tx, year) })),
    );
    await latency('patients per indication over 12 months', () =>
      readReport(readModels, async (tx) => ({ rows: await patientsPerIndication(tx, year) })),
    );
    await latency('vigilance rates per product and batch over 12 months', () =>
      readReport(readModels, async (tx) => ({ rows: await vigilanceRates(tx, year) })),
    );
  } finally {
    await readModels.destroy();
    await store.close();
    await sql.close();
  }
  return rows;
}

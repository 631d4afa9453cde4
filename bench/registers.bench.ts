import autocannon from 'autocannon';
import { randomBytes, randomUUID } from 'node:crypto';
import {
  addMonths,
  carryOver,
  monthOf,
  parisDate,
  registerBookStream,
  registerDecider,
  type RegisterEvent,
  type RegisterState,
} from '#domain';
import { openEventStore, type EventStore, type NewEvent } from '#event-store';
import { benchUrl } from './database.js';
import { bearer, CONFORMING_FLOWER_RESULTS, post, startApi, stop } from './http.bench.js';
import { GTIN } from './load.js';
import { percentile, type Row } from './measure.js';

const SCHEMA = 'registers';
const PORT = 3973;
const LOT = 'REG1';
const MONTHS = 20;
const MEASURED = 500;
const WARM_UP = 20;

type Kind = 'pharmacy' | 'exploitant';

/**
 * A site's register as years of use leave it: `events` spread over monthly books, the last one (this month) open
 * and as full as the others, every book opened with what the previous one carried. Written through the port, so
 * hashes and revisions are those of real use.
 */
async function writeHistory(store: EventStore, site: string, kind: Kind, events: number): Promise<void> {
  const thisMonth = monthOf(parisDate(new Date()));
  const perBook = Math.floor(events / MONTHS);
  let previous: { stream: string; state: RegisterState } | undefined;
  for (let m = MONTHS - 1; m >= 0; m--) {
    const month = addMonths(thisMonth, -m);
    const stream = registerBookStream(site, month);
    const book: RegisterEvent[] = [
      {
        type: 'RegisterBookOpened',
        data: { month, previousBook: previous?.stream ?? null, carried: carryOver(previous?.state, month) },
      },
    ];
    const movements = perBook - 2;
    const line = (quantity: number) => ({ gtin: GTIN, lot: LOT, quantity });
    book.push({
      type: 'ShipmentReceived',
      data: {
        shipmentId: `SUP-1~${month}~${randomBytes(6).toString('hex')}`,
        from: 'SUP-1',
        accepted: [line(movements + 10_000)],
        discrepancies: [],
        serials: [],
      },
    });
    for (let i = 0; i < movements; i++) {
      book.push(
        kind === 'pharmacy'
          ? {
              type: 'PrescriptionDispensed',
              data: {
                dispensationId: randomUUID(),
                prescriptionId: `RX-HIST-${month}-${i % 50}`,
                patientId: `PSN-HIST-${i % 50}`,
                gtin: GTIN,
                lot: LOT,
                quantity: 1,
                serial: null,
                dispensedOn: `${month}-15`,
                expiresOn: '2099-01-31',
              },
            }
          : {
              type: 'ShipmentDispatched',
              data: {
                shipmentId: `${site}~${month}~${i.toString(16).padStart(12, '0')}`,
                to: 'PH-HOT',
                lines: [line(1)],
                carrier: null,
                importAuthorisation: null,
              },
            },
      );
    }
    const state = book.reduce(registerDecider.evolve, registerDecider.initialState());
    if (m > 0) book.push(...registerDecider.decide({ type: 'CloseBook', nextMonth: addMonths(month, 1) }, state));
    const occurredAt = `${month}-15T10:00:00.000Z`;
    for (let start = 0; start < book.length; start += 1_000) {
      const chunk: NewEvent[] = book.slice(start, start + 1_000).map((event) => ({
        type: event.type,
        data: event.data as never,
        metadata: {
          actor: 'bench',
          role: 'system',
          organisation: site,
          occurredAt,
          commandId: randomUUID(),
          correlationId: randomUUID(),
          schemaVersion: event.type === 'PrescriptionDispensed' ? 2 : 1,
        },
      }));
      await store.append(stream, chunk);
    }
    previous = { stream, state: book.slice(-1).reduce(registerDecider.evolve, state) };
  }
}

/** Organisations written with the date they would have had: the register's books start at their registration. */
async function registerOrganisations(store: EventStore): Promise<void> {
  const since = `${addMonths(monthOf(parisDate(new Date())), -MONTHS)}-01T09:00:00.000Z`;
  for (const [id, kind] of [
    ['EXP-BIG', 'exploitant'],
    ['EXP-SMALL', 'exploitant'],
    ['PH-BIG', 'community_pharmacy'],
    ['PH-SMALL', 'community_pharmacy'],
  ]) {
    const commandId = randomUUID();
    await store.append(`organisation-${id}`, [
      {
        type: 'OrganisationRegistered',
        data: { id, kind, name: id, country: 'FR' },
        metadata: {
          actor: 'bench',
          role: 'ansm',
          organisation: 'ANSM',
          occurredAt: since,
          commandId,
          correlationId: commandId,
        },
      },
    ]);
  }
}

async function seed(store: EventStore, big: number): Promise<void> {
  const ansm = bearer('ansm', 'ANSM');
  await registerOrganisations(store);
  for (const [id, kind, country] of [
    ['SUP-1', 'supplier', 'PT'],
    ['PH-HOT', 'community_pharmacy', 'FR'],
    ['CHU-1', 'reference_centre', 'FR'],
  ]) {
    await post(PORT, '/v1/organisations', ansm, { id, kind, name: id, country });
  }
  await post(PORT, '/v1/professionals', ansm, {
    rpps: '10000000001',
    kind: 'prescriber',
    name: 'Dr Bench',
    organisationId: 'CHU-1',
    trainedOn: '2026-01-05',
  });
  for (const [rpps, site] of [
    ['30000000001', 'PH-BIG'],
    ['30000000002', 'PH-SMALL'],
    ['30000000003', 'PH-HOT'],
  ]) {
    await post(PORT, '/v1/professionals', ansm, {
      rpps,
      kind: 'pharmacist',
      name: site,
      organisationId: site,
      trainedOn: '2026-01-05',
    });
  }
  await post(PORT, '/v1/products', ansm, {
    gtin: GTIN,
    name: 'Fleurs',
    supplierId: 'SUP-1',
    exploitantId: 'EXP-BIG',
    form: 'dried_flower',
    ratio: 'THC_DOMINANT',
    declared: { thc: 20, cbd: 1 },
    contentUnit: 'percent',
  });
  const supplier = bearer('supplier', 'SUP-1');
  await post(PORT, '/v1/batches', supplier, {
    gtin: GTIN,
    lot: LOT,
    quantity: 1_000_000,
    manufacturedOn: '2026-01-10',
    expiresOn: '2099-01-31',
  });
  await post(PORT, `/v1/batches/${GTIN}/${LOT}/analyses`, supplier, {
    laboratory: 'Lab',
    sampledOn: '2026-01-12',
    certificateSha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    results: CONFORMING_FLOWER_RESULTS,
  });
  await post(PORT, `/v1/batches/${GTIN}/${LOT}/release`, supplier, { qualifiedPerson: 'QP' });
  await writeHistory(store, 'PH-BIG', 'pharmacy', big);
  await writeHistory(store, 'PH-SMALL', 'pharmacy', 1_000);
  await writeHistory(store, 'EXP-BIG', 'exploitant', big);
  await writeHistory(store, 'EXP-SMALL', 'exploitant', 1_000);
  const shipment = await post(PORT, '/v1/shipments', bearer('exploitant', 'EXP-BIG'), {
    to: 'PH-HOT',
    lines: [{ gtin: GTIN, lot: LOT, quantity: 20_000 }],
  });
  await post(
    PORT,
    `/v1/shipments/${String(shipment.shipmentId)}/receipt`,
    bearer('pharmacist', 'PH-HOT', '30000000003'),
    { lines: [{ gtin: GTIN, lot: LOT, quantity: 20_000 }] },
  );
  const prescriber = bearer('prescriber', 'CHU-1', '10000000001');
  const prescriptions = [
    ...['PH-BIG', 'PH-SMALL'].map((site) => [site, 0]),
    ...Array.from({ length: 16 }, (_, k) => ['PH-HOT', k]),
  ] as [string, number][];
  for (const [site, k] of prescriptions) {
    const { patientId } = await post(PORT, '/v1/patients', prescriber, {
      indication: 'NEUROPATHIC_PAIN',
      includedOn: '2026-01-20',
      consent: true,
    });
    await post(PORT, '/v1/prescriptions', prescriber, {
      securePrescriptionNumber: `RX-${site}-${k}`,
      patientId,
      indication: 'NEUROPATHIC_PAIN',
      gtin: GTIN,
      dailyDose: 1,
      durationDays: 28,
      quantity: 1000,
      pharmacyId: site,
      issuedOn: parisDate(new Date()),
    });
  }
}

/**
 * Latencies of `count` requests to each of two sites, sent one after another and alternating between them, after
 * a warm-up: the load of a shared machine then weighs on both alike.
 */
async function alternating(
  count: number,
  first: () => Promise<Response>,
  second: () => Promise<Response>,
): Promise<[number[], number[]]> {
  const latencies: [number[], number[]] = [[], []];
  for (let i = 0; i < WARM_UP + count; i++) {
    for (const [k, send] of [first, second].entries()) {
      const started = performance.now();
      const response = await send();
      if (response.status !== 201) throw new Error(`${response.status} ${await response.text()}`);
      if (i >= WARM_UP) latencies[k].push(performance.now() - started);
    }
  }
  return latencies;
}

function send(path: string, auth: string, body: unknown): Promise<Response> {
  return fetch(`http://127.0.0.1:${PORT}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: auth },
    body: JSON.stringify(body),
  });
}

function latencyRows(figure: string, big: number[], small: number[], events: number): Row[] {
  const [p50Big, p99Big, p50Small, p99Small] = [
    percentile(big, 50),
    percentile(big, 99),
    percentile(small, 50),
    percentile(small, 99),
  ];
  return [
    {
      group: 'registers',
      figure: `${figure}, ${events.toLocaleString('en-US')} prior register events vs 1,000 (p50; ${MEASURED} each, one after another, alternating)`,
      value: p50Big,
      unit: `ms (1,000: ${p50Small.toFixed(2)} ms)`,
      vsLimit: p50Big / p50Small,
      target: '<= 1.2x',
    },
    {
      group: 'registers',
      figure: `${figure}, the same, p99`,
      value: p99Big,
      unit: `ms (1,000: ${p99Small.toFixed(2)} ms)`,
      vsLimit: p99Big / p99Small,
      target: '<= 1.2x',
    },
  ];
}

function burst(path: string, auth: string, body: (i: number) => unknown): Promise<autocannon.Result> {
  let i = 0;
  return new Promise((resolve, reject) =>
    autocannon(
      {
        url: `http://127.0.0.1:${PORT}`,
        connections: 8,
        duration: 10,
        requests: [
          {
            method: 'POST',
            path,
            setupRequest: (request) => ({
              ...request,
              headers: { 'content-type': 'application/json', authorization: auth },
              body: JSON.stringify(body(i++)),
            }),
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    ),
  );
}

function burstRow(figure: string, result: autocannon.Result): Row {
  const total = result['2xx'] + result.non2xx;
  return {
    group: 'registers',
    figure: `${figure}: ${result['2xx']} accepted, ${result.non2xx} refused (${((100 * result.non2xx) / Math.max(1, total)).toFixed(2)} %)`,
    value: result.requests.average,
    unit: `requests/s (p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms)`,
    target: '<= 1 % refused',
  };
}

/** A command's cost against years of a site's history, and one site's register under 8 clients at once. */
export async function registerBenchmarks(big: number, log: (line: string) => void): Promise<Row[]> {
  const rows: Row[] = [];
  const api = await startApi(SCHEMA, PORT);
  const store = await openEventStore({ kind: 'postgres', url: benchUrl(), schema: SCHEMA });
  try {
    log(
      `registers: ${big.toLocaleString('en-US')} and 1,000 prior register events for a pharmacy and an exploitant, over ${MONTHS} monthly books`,
    );
    await seed(store, big);
    log('registers: dispensations one after another at each pharmacy');
    const dispense = (site: string, rpps: string) => () =>
      send('/v1/dispensations', bearer('pharmacist', site, rpps), {
        prescriptionId: `RX-${site}-0`,
        quantity: 1,
        gtin: GTIN,
        lot: LOT,
      });
    const [dispensedBig, dispensedSmall] = await alternating(
      MEASURED,
      dispense('PH-BIG', '30000000001'),
      dispense('PH-SMALL', '30000000002'),
    );
    rows.push(...latencyRows('dispensation over HTTP', dispensedBig, dispensedSmall, big));
    log("registers: an exploitant's dispatches one after another");
    const dispatch = (site: string) => () =>
      send('/v1/shipments', bearer('exploitant', site), {
        to: 'PH-HOT',
        lines: [{ gtin: GTIN, lot: LOT, quantity: 1 }],
      });
    const [dispatchedBig, dispatchedSmall] = await alternating(MEASURED, dispatch('EXP-BIG'), dispatch('EXP-SMALL'));
    rows.push(...latencyRows("exploitant's dispatch over HTTP", dispatchedBig, dispatchedSmall, big));
    log('registers: 8 clients dispensing at one pharmacy for 10 s');
    const hot = bearer('pharmacist', 'PH-HOT', '30000000003');
    rows.push(
      burstRow(
        '8 clients dispensing at one pharmacy at once, 10 s',
        await burst('/v1/dispensations', hot, (i) => ({
          prescriptionId: `RX-PH-HOT-${i % 16}`,
          quantity: 1,
          gtin: GTIN,
          lot: LOT,
        })),
      ),
    );
    log('registers: 8 clients shipping from one exploitant for 10 s');
    rows.push(
      burstRow(
        '8 clients shipping from one exploitant at once, 10 s',
        await burst('/v1/shipments', bearer('exploitant', 'EXP-BIG'), () => ({
          to: 'PH-HOT',
          lines: [{ gtin: GTIN, lot: LOT, quantity: 1 }],
        })),
      ),
    );
  } finally {
    await stop(api);
    await store.close();
  }
  return rows;
}

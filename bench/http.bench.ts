import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { signToken, type Role } from '#auth';
import { benchUrl } from './database.js';
import { GTIN } from './load.js';
import type { Row } from './measure.js';
import { LOADED_SCHEMA } from './store.bench.js';

/** Results of a certificate of analysis that conform to the flower product's specification. */
export const CONFORMING_FLOWER_RESULTS = {
  thc: 20,
  cbd: 1,
  cbn: 0.5,
  lossOnDrying: 10,
  foreignMatter: 1,
  arsenic: 0.1,
  cadmium: 0.5,
  lead: 1,
  mercury: 0.05,
  aflatoxinB1: 1,
  aflatoxinsTotal: 2,
  tamc: 1000,
  tymc: 100,
};

const SECRET = 'bench-secret-bench-secret-bench-secret';
const PHARMACIES = 8;
const PRESCRIPTIONS_PER_PHARMACY = 25;

/** The api in a process of its own, on the bench database. */
export async function startApi(schema: string, port: number, env: Record<string, string> = {}): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['dist/apps/api/src/main.js'], {
    env: {
      ...process.env,
      EVENT_STORE: 'postgres',
      DATABASE_URL: benchUrl(),
      DATABASE_SCHEMA: schema,
      JWT_SECRET: SECRET,
      PORT: String(port),
      RATE_LIMIT_PER_MINUTE: '1000000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return child;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) throw new Error(`the api exited: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill();
  throw new Error(`the api did not answer /health: ${output}`);
}

export function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

export const bearer = (role: Role, org: string, sub = `${role}-bench`) =>
  `Bearer ${signToken(SECRET, { sub, role, org }, 3600)}`;

export async function post(port: number, path: string, auth: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: auth },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (response.status !== 201) throw new Error(`${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

/** Organisations, one batch released and delivered to 8 pharmacies, 200 patients and prescriptions of 1,000 packs. */
async function seed(port: number): Promise<void> {
  const ansm = bearer('ansm', 'ANSM');
  const pharmacies = Array.from({ length: PHARMACIES }, (_, p) => `PH-${p}`);
  for (const [id, kind, country] of [
    ['SUP-1', 'supplier', 'PT'],
    ['EXP-1', 'exploitant', 'FR'],
    ['CHU-1', 'reference_centre', 'FR'],
    ...pharmacies.map((p) => [p, 'community_pharmacy', 'FR']),
  ]) {
    await post(port, '/v1/organisations', ansm, { id, kind, name: id, country });
  }
  await post(port, '/v1/professionals', ansm, {
    rpps: '10000000001',
    kind: 'prescriber',
    name: 'Dr Bench',
    organisationId: 'CHU-1',
    trainedOn: '2026-01-05',
  });
  for (let p = 0; p < PHARMACIES; p++) {
    await post(port, '/v1/professionals', ansm, {
      rpps: `2000000000${p}`,
      kind: 'pharmacist',
      name: `Pharmacist ${p}`,
      organisationId: `PH-${p}`,
      trainedOn: '2026-01-05',
    });
  }
  await post(port, '/v1/products', ansm, {
    gtin: GTIN,
    name: 'Fleurs',
    supplierId: 'SUP-1',
    exploitantId: 'EXP-1',
    form: 'dried_flower',
    ratio: 'THC_DOMINANT',
    declared: { thc: 20, cbd: 1 },
    contentUnit: 'percent',
  });
  const supplier = bearer('supplier', 'SUP-1');
  await post(port, '/v1/batches', supplier, {
    gtin: GTIN,
    lot: 'HTTP1',
    quantity: 1_000_000,
    manufacturedOn: '2026-01-10',
    expiresOn: '2099-01-31',
  });
  await post(port, `/v1/batches/${GTIN}/HTTP1/analyses`, supplier, {
    laboratory: 'Lab',
    sampledOn: '2026-01-12',
    certificateSha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    results: CONFORMING_FLOWER_RESULTS,
  });
  await post(port, `/v1/batches/${GTIN}/HTTP1/release`, supplier, { qualifiedPerson: 'QP' });
  const line = (quantity: number) => [{ gtin: GTIN, lot: 'HTTP1', quantity }];
  const toExploitant = (await post(port, '/v1/shipments', supplier, { to: 'EXP-1', lines: line(800_000) })).shipmentId;
  const exploitant = bearer('exploitant', 'EXP-1');
  await post(port, `/v1/shipments/${String(toExploitant)}/receipt`, exploitant, { lines: line(800_000) });
  const prescriber = bearer('prescriber', 'CHU-1', '10000000001');
  for (let p = 0; p < PHARMACIES; p++) {
    const shipment = (await post(port, '/v1/shipments', exploitant, { to: `PH-${p}`, lines: line(50_000) })).shipmentId;
    await post(port, `/v1/shipments/${String(shipment)}/receipt`, bearer('pharmacist', `PH-${p}`, `2000000000${p}`), {
      lines: line(50_000),
    });
    for (let k = 0; k < PRESCRIPTIONS_PER_PHARMACY; k++) {
      const { patientId } = await post(port, '/v1/patients', prescriber, {
        indication: k % 2 ? 'NEUROPATHIC_PAIN' : 'CNS_SPASTICITY',
        includedOn: '2026-01-20',
        consent: true,
      });
      await post(port, '/v1/prescriptions', prescriber, {
        securePrescriptionNumber: `RX-${p}-${k}`,
        patientId,
        indication: k % 2 ? 'NEUROPATHIC_PAIN' : 'CNS_SPASTICITY',
        gtin: GTIN,
        dailyDose: 1,
        durationDays: 28,
        quantity: 1000,
        pharmacyId: `PH-${p}`,
        issuedOn: new Date().toISOString().slice(0, 10),
      });
    }
  }
}

/** Waits until every process of the api that follows the store has handled it all (a fresh api catches up first). */
async function caughtUp(port: number): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    const health = (await (await fetch(`http://127.0.0.1:${port}/health`)).json()) as {
      projections: { behind: number }[];
    };
    if (health.projections.every((p) => p.behind === 0)) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('the api did not catch up with the store');
}

function run(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

export async function httpBenchmarks(log: (line: string) => void): Promise<Row[]> {
  const rows: Row[] = [];
  log('HTTP: seeding 8 pharmacies and 200 prescriptions through the api');
  const api = await startApi('http', 3971);
  try {
    await seed(3971);
    const tokens = Array.from({ length: PHARMACIES }, (_, p) => bearer('pharmacist', `PH-${p}`, `2000000000${p}`));
    let i = 0;
    log('HTTP: dispensations for 10 s from 8 connections (autocannon)');
    const result = await run({
      url: 'http://127.0.0.1:3971',
      connections: 8,
      duration: 10,
      requests: [
        {
          method: 'POST',
          path: '/v1/dispensations',
          setupRequest: (request) => {
            const p = i % PHARMACIES;
            const k = Math.floor(i / PHARMACIES) % PRESCRIPTIONS_PER_PHARMACY;
            i += 1;
            return {
              ...request,
              headers: { 'content-type': 'application/json', authorization: tokens[p] },
              body: JSON.stringify({ prescriptionId: `RX-${p}-${k}`, quantity: 1, gtin: GTIN, lot: 'HTTP1' }),
            };
          },
        },
      ],
    });
    rows.push({
      group: 'http',
      figure: `dispensation end to end, 8 connections, 8 pharmacies (${result['2xx']} accepted, ${result.non2xx} refused)`,
      value: result.requests.average,
      unit: `requests/s (p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms)`,
    });
  } finally {
    await stop(api);
  }

  log('HTTP: trace of a batch on the loaded store (once the api has caught up with it)');
  const loaded = await startApi(LOADED_SCHEMA, 3972);
  try {
    await caughtUp(3972);
    let n = 0;
    const result = await run({
      url: 'http://127.0.0.1:3972',
      connections: 4,
      duration: 10,
      requests: [
        {
          method: 'GET',
          setupRequest: (request) => ({
            ...request,
            path: `/v1/trace/batches/${GTIN}/L${n++ % 1000}`,
            headers: { authorization: bearer('ansm', 'ANSM') },
          }),
        },
      ],
    });
    if (result.non2xx > 0) throw new Error(`trace answered ${result.non2xx} errors`);
    rows.push({
      group: 'http',
      figure: 'trace of a batch on the loaded store, 4 connections',
      value: result.latency.p99,
      unit: `ms p99 (p50 ${result.latency.p50} ms, ${Math.round(result.requests.average)} requests/s)`,
      target: 'p99 < 20 ms',
    });
  } finally {
    await stop(loaded);
  }
  return rows;
}

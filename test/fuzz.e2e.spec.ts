import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { GTIN } from './catalogue.fixtures.js';
import { PHARMACIST, PRESCRIBER, prescription, seedToPharmacy, TODAY } from './circuit.fixtures.js';
import { Api, token } from './harness.js';
import type { Role } from '#auth';

interface Endpoint {
  path: string;
  role: Role;
  org: string;
  sub?: string;
  body: Record<string, unknown>;
  required: string[];
  scanField?: string;
}

const line = { gtin: GTIN, lot: 'L1', quantity: 1 };
const ENDPOINTS: Endpoint[] = [
  {
    path: '/v1/organisations',
    role: 'ansm',
    org: 'ANSM',
    body: { id: 'ORG-F', kind: 'supplier', name: 'F', country: 'FR' },
    required: ['id', 'kind', 'name', 'country'],
  },
  {
    path: '/v1/professionals',
    role: 'ansm',
    org: 'ANSM',
    body: { rpps: '10000000099', kind: 'pharmacist', name: 'F', organisationId: 'PH-1', trainedOn: TODAY },
    required: ['rpps', 'kind', 'name', 'organisationId'],
  },
  {
    path: '/v1/products',
    role: 'ansm',
    org: 'ANSM',
    body: {
      gtin: '03400930000038',
      name: 'F',
      supplierId: 'SUP-1',
      exploitantId: 'EXP-1',
      form: 'oil',
      ratio: 'BALANCED',
      declared: { thc: 10, cbd: 10 },
      contentUnit: 'mg_per_ml',
    },
    required: ['gtin', 'name', 'supplierId', 'exploitantId', 'form', 'ratio', 'declared', 'contentUnit'],
  },
  {
    path: '/v1/batches',
    role: 'supplier',
    org: 'SUP-1',
    body: { gtin: GTIN, lot: 'FZ', quantity: 5, manufacturedOn: '2026-01-10', expiresOn: '2099-01-01' },
    required: ['gtin', 'lot', 'quantity', 'manufacturedOn', 'expiresOn'],
  },
  {
    path: `/v1/batches/${GTIN}/L1/analyses`,
    role: 'supplier',
    org: 'SUP-1',
    body: { laboratory: 'L', sampledOn: '2026-01-12', certificateSha256: 'a'.repeat(64), results: { thc: 20, cbd: 1 } },
    required: ['laboratory', 'sampledOn', 'certificateSha256', 'results'],
  },
  {
    path: `/v1/batches/${GTIN}/L1/investigations`,
    role: 'supplier',
    org: 'SUP-1',
    body: { reportSha256: 'b'.repeat(64), conclusion: 'c' },
    required: ['reportSha256', 'conclusion'],
  },
  {
    path: `/v1/batches/${GTIN}/L1/release`,
    role: 'supplier',
    org: 'SUP-1',
    body: { qualifiedPerson: 'QP' },
    required: ['qualifiedPerson'],
  },
  { path: `/v1/batches/${GTIN}/L1/hold`, role: 'ansm', org: 'ANSM', body: { reason: 'r' }, required: ['reason'] },
  { path: `/v1/batches/${GTIN}/L1/lift-hold`, role: 'ansm', org: 'ANSM', body: { reason: 'r' }, required: ['reason'] },
  { path: `/v1/batches/${GTIN}/L1/recall`, role: 'ansm', org: 'ANSM', body: { reason: 'r' }, required: ['reason'] },
  {
    path: '/v1/shipments',
    role: 'exploitant',
    org: 'EXP-1',
    body: { to: 'PH-1', lines: [line] },
    required: ['to', 'lines'],
  },
  {
    path: '/v1/shipments/EXP-1~000000000000/receipt',
    role: 'pharmacist',
    org: 'PH-1',
    sub: PHARMACIST,
    body: { lines: [line] },
    required: ['lines'],
  },
  {
    path: '/v1/sites/PH-1/register/losses',
    role: 'pharmacist',
    org: 'PH-1',
    sub: PHARMACIST,
    body: { ...line, kind: 'loss', occurredOn: TODAY, declarations: { police: 'p', ars: 'a', ansm: 'n' } },
    required: ['gtin', 'lot', 'quantity', 'kind', 'occurredOn', 'declarations'],
  },
  {
    path: '/v1/sites/PH-1/register/destructions',
    role: 'pharmacist',
    org: 'PH-1',
    sub: PHARMACIST,
    body: {
      ...line,
      destroyedOn: TODAY,
      witnessRpps: '10000000006',
      reportReference: 'PV',
      arsNotifiedOn: '2026-01-01',
    },
    required: ['gtin', 'lot', 'quantity', 'destroyedOn', 'witnessRpps', 'reportReference', 'arsNotifiedOn'],
  },
  {
    path: '/v1/sites/PH-1/register/inventories',
    role: 'pharmacist',
    org: 'PH-1',
    sub: PHARMACIST,
    body: { countedOn: TODAY, counts: [line] },
    required: ['countedOn', 'counts'],
  },
  {
    path: '/v1/patients',
    role: 'prescriber',
    org: 'CHU-1',
    sub: PRESCRIBER,
    body: { indication: 'EPILEPSY', includedOn: TODAY, consent: true },
    required: ['indication', 'includedOn', 'consent'],
  },
  {
    path: '/v1/prescriptions',
    role: 'prescriber',
    org: 'CHU-1',
    sub: PRESCRIBER,
    body: prescription('RX-FUZZ'),
    required: Object.keys(prescription('RX-FUZZ')),
  },
  {
    path: '/v1/prescriptions/RX-NONE/cancel',
    role: 'prescriber',
    org: 'CHU-1',
    sub: PRESCRIBER,
    body: { reason: 'r' },
    required: ['reason'],
  },
  {
    path: '/v1/dispensations',
    role: 'pharmacist',
    org: 'PH-1',
    sub: PHARMACIST,
    body: { prescriptionId: 'RX-NONE', quantity: 1, gtin: GTIN, lot: 'L1' },
    required: ['prescriptionId', 'quantity'],
    scanField: 'scan',
  },
];

/** A value no field accepts: an operator object, a huge string, a negative fraction, a huge number. */
const wrongValue = fc.constantFrom<unknown>({ $gt: 1 }, 'x'.repeat(5000), -1.5, 1e308, [[]], '\u0000');

type Mutation = {
  kind:
    | 'unknown_field'
    | 'missing_field'
    | 'wrong_type'
    | 'malformed_json'
    | 'wrong_content_type'
    | 'too_large'
    | 'broken_scan';
  pick: number;
  value: unknown;
  text: string;
};

const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom(
    'unknown_field',
    'missing_field',
    'wrong_type',
    'malformed_json',
    'wrong_content_type',
    'too_large',
    'broken_scan',
  ),
  pick: fc.nat(),
  value: wrongValue,
  text: fc.string({ maxLength: 60 }),
});

describe('hostile input over HTTP (embedded store)', () => {
  let api: Api;
  beforeAll(async () => {
    api = await Api.start('pglite');
    await seedToPharmacy(api);
  });
  afterAll(() => api.close());

  it('answers 10,000 bad requests across every POST endpoint with a 4xx problem, and writes nothing', async () => {
    const before = (await api.allEvents()).length;
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: ENDPOINTS.length - 1 }), mutation, async (e, m) => {
        const endpoint = ENDPOINTS[e];
        const body: Record<string, unknown> = structuredClone(endpoint.body);
        let payload: string;
        let contentType = 'application/json';
        switch (m.kind) {
          case 'unknown_field':
            body[`unknown_${m.pick % 7}`] = m.value;
            payload = JSON.stringify(body);
            break;
          case 'missing_field':
            delete body[endpoint.required[m.pick % endpoint.required.length]];
            payload = JSON.stringify(body);
            break;
          case 'wrong_type':
            body[endpoint.required[m.pick % endpoint.required.length]] = m.value;
            payload = JSON.stringify(body);
            break;
          case 'malformed_json': {
            // Cut before the closing brace, and never add one: the object can never close.
            const full = JSON.stringify(body);
            payload = `${full.slice(0, 1 + (m.pick % (full.length - 1)))}${m.text.replace(/[}\]]/g, '')}`;
            break;
          }
          case 'wrong_content_type':
            payload = JSON.stringify(body);
            contentType = 'text/plain';
            break;
          case 'too_large':
            body[endpoint.required[0]] = 'x'.repeat(1_200_000);
            payload = JSON.stringify(body);
            break;
          case 'broken_scan':
            if (endpoint.scanField) {
              delete body.gtin;
              delete body.lot;
              body[endpoint.scanField] =
                `]d201${GTIN.slice(0, 13)}${(Number(GTIN[13]) + 1 + (m.pick % 9)) % 10}10${m.text.slice(0, 5)}`;
            } else {
              body[`scan_${m.pick % 3}`] = m.text;
            }
            payload = JSON.stringify(body);
            break;
        }
        const response = await api.http
          .post(endpoint.path)
          .set('Authorization', `Bearer ${token(endpoint.role, endpoint.org, endpoint.sub)}`)
          .set('Content-Type', contentType)
          .send(payload);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.status < 400 || response.status >= 500) {
          throw new Error(
            `${endpoint.path} ${m.kind}: ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`,
          );
        }
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      }),
      { numRuns: 10_000 },
    );
    expect((await api.allEvents()).length).toBe(before);
    expect([...statuses.keys()].every((s) => s >= 400 && s < 500)).toBe(true);
    expect(statuses.get(400)).toBeGreaterThan(5000);
  }, 300_000);
});

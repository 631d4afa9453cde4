import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { createHmac } from 'node:crypto';
import { GTIN } from './catalogue.fixtures.js';
import { PHARMACIST, PRESCRIBER, prescription, seedToPharmacy, TODAY } from './circuit.fixtures.js';
import { Api, JWT_SECRET, token } from './harness.js';
import type { Role } from '#auth';

interface Endpoint {
  path: string;
  role: Role;
  org: string;
  sub?: string;
  body: Record<string, unknown>;
  required: string[];
  scanField?: string;
  /** Date fields, for far dates. */
  dates?: string[];
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
    dates: ['trainedOn'],
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
    dates: ['manufacturedOn', 'expiresOn'],
  },
  {
    path: `/v1/batches/${GTIN}/L1/analyses`,
    role: 'supplier',
    org: 'SUP-1',
    body: { laboratory: 'L', sampledOn: '2026-01-12', certificateSha256: 'a'.repeat(64), results: { thc: 20, cbd: 1 } },
    required: ['laboratory', 'sampledOn', 'certificateSha256', 'results'],
    dates: ['sampledOn'],
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
    dates: ['occurredOn'],
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
    dates: ['destroyedOn', 'arsNotifiedOn'],
  },
  {
    path: '/v1/sites/PH-1/register/inventories',
    role: 'pharmacist',
    org: 'PH-1',
    sub: PHARMACIST,
    body: { countedOn: TODAY, counts: [line] },
    required: ['countedOn', 'counts'],
    dates: ['countedOn'],
  },
  {
    path: '/v1/patients',
    role: 'prescriber',
    org: 'CHU-1',
    sub: PRESCRIBER,
    body: { indication: 'EPILEPSY', includedOn: TODAY, consent: true },
    required: ['indication', 'includedOn', 'consent'],
    dates: ['includedOn'],
  },
  {
    path: '/v1/prescriptions',
    role: 'prescriber',
    org: 'CHU-1',
    sub: PRESCRIBER,
    body: prescription('RX-FUZZ'),
    required: Object.keys(prescription('RX-FUZZ')),
    dates: ['issuedOn'],
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

const KINDS = [
  'unknown_field',
  'missing_field',
  'wrong_type',
  'malformed_json',
  'wrong_content_type',
  'too_large',
  'broken_scan',
  'nul_in_path',
  'unstorable_text',
  'deep_json',
  'prototype_key',
  'wide_object',
  'far_date',
  'unauthenticated_body',
  'bad_token',
] as const;
type Kind = (typeof KINDS)[number];

type Mutation = { kind: Kind; pick: number; value: unknown; text: string };

const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom(...KINDS),
  pick: fc.nat(),
  value: wrongValue,
  text: fc.string({ maxLength: 60 }),
});

/** Dates no field takes: far ahead, before 2000, or not on the calendar. */
const FAR_DATES = ['9999-12-31', '2100-01-01', '1899-12-31', '0000-01-01', '2026-02-30'];
/** Tokens the api must refuse though signed with its secret: immortal, from the future, too old, unsigned. */
function badToken(pick: number): string {
  const now = Math.floor(Date.now() / 1000);
  const claims = { sub: 'fuzz', role: 'ansm', org: 'ANSM' };
  const variants: object[] = [
    { ...claims, iat: now, exp: 1e308 },
    { ...claims, iat: now + 3600, exp: now + 7200 },
    { ...claims, iat: now - 13 * 3600, exp: now + 60 },
    { ...claims, exp: now + 60 },
  ];
  if (pick % 5 === 4) return `${b64({ alg: 'none' })}.${b64({ ...claims, iat: now, exp: now + 60 })}.`;
  const input = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(variants[pick % 4])}`;
  return `${input}.${createHmac('sha256', JWT_SECRET).update(input).digest('base64url')}`;
}
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** The one status each case gets (never a 2xx, never a 5xx), derived from what the case sends. */
function expectedStatus(kind: Kind, pick: number): number {
  switch (kind) {
    case 'too_large':
      return 413;
    case 'unauthenticated_body':
      // Without a valid token a body may hold 8 kB: 10 characters reach the guard (401), 9,000 or 600,000 do not.
      return [10, 9_000, 600_000][pick % 3] > 8 * 1024 ? 413 : 401;
    case 'bad_token':
      return 401;
    default:
      // Every other case is malformed input, including a body of another content type (left unread: validation
      // refuses the missing fields) and a scan whose GTIN check digit is wrong (unreadable; elsewhere an unknown
      // field).
      return 400;
  }
}

describe('hostile input over HTTP (embedded store)', () => {
  let api: Api;
  beforeAll(async () => {
    api = await Api.start('pglite');
    await seedToPharmacy(api);
  }, 120_000);
  afterAll(() => api.close());

  it('answers 10,000 bad requests across every POST endpoint with a 4xx problem, and writes nothing', async () => {
    const before = (await api.allEvents()).length;
    const statuses = new Map<number, number>();
    const byKind = new Map<Kind, Map<number, number>>();
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: ENDPOINTS.length - 1 }), mutation, async (e, m) => {
        const endpoint = ENDPOINTS[e];
        const body: Record<string, unknown> = structuredClone(endpoint.body);
        const required = endpoint.required[m.pick % endpoint.required.length];
        let payload: string;
        let contentType = 'application/json';
        let path = endpoint.path;
        let authorization: string | undefined = `Bearer ${token(endpoint.role, endpoint.org, endpoint.sub)}`;
        switch (m.kind) {
          case 'unknown_field':
            body[`unknown_${m.pick % 7}`] = m.value;
            payload = JSON.stringify(body);
            break;
          case 'missing_field':
            delete body[required];
            payload = JSON.stringify(body);
            break;
          case 'wrong_type':
            body[required] = m.value;
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
          case 'nul_in_path': {
            // Into a path segment, or into a query string when the path has no parameter.
            const segments = path.split('/');
            const at = 2 + (m.pick % (segments.length - 2));
            const nul = ['%00', '%ED%A0%80', '%C0%80', '%E0%A4%A'][m.pick % 4];
            path =
              segments.length > 3 && m.pick % 2 === 0
                ? segments.map((part, i) => (i === at ? `${part}${nul}${encodeURIComponent(m.text)}` : part)).join('/')
                : `${path}?q=${nul}`;
            payload = JSON.stringify(body);
            break;
          }
          case 'unstorable_text': {
            // A lone surrogate or a NUL, escaped in the JSON text the way a hostile client sends it.
            const bad = ['\\ud800', '\\udfff', 'x\\u0000y', '\\udbff\\u0041'][m.pick % 4];
            payload = JSON.stringify({ ...body, [required]: 'PLACEHOLDER' }).replace('PLACEHOLDER', bad);
            break;
          }
          case 'deep_json': {
            const depth = [17, 100, 10_000][m.pick % 3];
            const deep = `${'['.repeat(depth)}${']'.repeat(depth)}`;
            payload = JSON.stringify({ ...body, [required]: 'PLACEHOLDER' }).replace('"PLACEHOLDER"', deep);
            break;
          }
          case 'prototype_key': {
            const key = ['__proto__', 'constructor', 'prototype'][m.pick % 3];
            payload = JSON.stringify(body).replace(/^\{/, `{"${key}":${JSON.stringify(m.value)},`);
            break;
          }
          case 'wide_object': {
            const count = [101, 5000, 60_000][m.pick % 3];
            body[required] = Object.fromEntries(Array.from({ length: count }, (_, i) => [i.toString(36), 1]));
            payload = JSON.stringify(body);
            break;
          }
          case 'far_date': {
            const field = endpoint.dates?.[m.pick % endpoint.dates.length];
            body[field ?? required] = FAR_DATES[m.pick % FAR_DATES.length];
            // An endpoint without a date gets an unknown field holding one.
            if (!field) body[`date_${m.pick % 3}`] = FAR_DATES[0];
            payload = JSON.stringify(body);
            break;
          }
          case 'unauthenticated_body':
            authorization = m.pick % 2 === 0 ? undefined : `Bearer ${m.text.replace(/[^A-Za-z0-9.]/g, '') || 'x'}`;
            body[endpoint.required[0]] = 'x'.repeat([10, 9_000, 600_000][m.pick % 3]);
            payload = JSON.stringify(body);
            break;
          case 'bad_token':
            authorization = `Bearer ${badToken(m.pick)}`;
            payload = JSON.stringify(body);
            break;
        }
        const post = api.http.post(path).set('Content-Type', contentType);
        if (authorization) post.set('Authorization', authorization);
        const response = await post.send(payload);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        const kind = byKind.get(m.kind) ?? new Map<number, number>();
        kind.set(response.status, (kind.get(response.status) ?? 0) + 1);
        byKind.set(m.kind, kind);
        if (response.status !== expectedStatus(m.kind, m.pick)) {
          throw new Error(`${path} ${m.kind}: ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`);
        }
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      }),
      { numRuns: 10_000 },
    );
    expect((await api.allEvents()).length).toBe(before);
    expect([...statuses.keys()].every((s) => s >= 400 && s < 500)).toBe(true);
    expect(statuses.get(400)).toBeGreaterThan(5000);
    // Every kind was sent (about 10,000 / 15 each); the counts, for the record.
    expect(KINDS.filter((k) => !byKind.has(k))).toEqual([]);
    console.log(
      `fuzz: ${[...byKind].map(([k, counts]) => `${k} ${JSON.stringify(Object.fromEntries(counts))}`).join('; ')}`,
    );
  }, 600_000);
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ROLES, type Role } from '#auth';
import { GTIN } from './catalogue.fixtures.js';
import { Api, token } from './harness.js';

const ALL = ROLES;
const B = `/v1/batches/${GTIN}/L1`;
/** Every endpoint but /health and /docs, with the roles its guard lets through. */
const TABLE: [method: 'get' | 'post' | 'put' | 'delete', path: string, allowed: readonly Role[]][] = [
  ['post', '/v1/organisations', ['ansm']],
  ['get', '/v1/organisations/ORG', ['ansm']],
  ['post', '/v1/professionals', ['ansm']],
  ['get', '/v1/professionals/10000000001', ['ansm']],
  ['post', '/v1/products', ['ansm']],
  ['put', `/v1/products/${GTIN}/specification`, ['ansm']],
  ['get', `/v1/products/${GTIN}`, ALL],
  ['post', '/v1/batches', ['supplier']],
  ['post', `${B}/analyses`, ['supplier', 'laboratory']],
  ['post', `${B}/investigations`, ['supplier']],
  ['post', `${B}/release`, ['supplier']],
  ['post', `${B}/hold`, ['ansm']],
  ['post', `${B}/lift-hold`, ['ansm']],
  ['post', `${B}/recall`, ['ansm']],
  ['post', `${B}/recall/acknowledgement`, ['supplier', 'exploitant', 'pharmacist']],
  ['post', `${B}/recall/quarantine`, ['supplier', 'exploitant', 'pharmacist']],
  ['get', `${B}/recall`, ALL],
  ['get', B, ALL],
  ['get', '/v1/batches', ['ansm', 'supplier']],
  ['post', '/v1/shipments', ['supplier', 'exploitant', 'pharmacist']],
  ['post', '/v1/shipments/EXP-1~000000000000/receipt', ['supplier', 'exploitant', 'pharmacist']],
  ['get', '/v1/shipments/EXP-1~000000000000', ALL],
  ['get', '/v1/sites/ORG/stock', ALL],
  ['get', '/v1/sites/ORG/register', ALL],
  ['get', '/v1/sites/ORG/shipments', ALL],
  ['get', '/v1/sites/ORG/register/balance?month=2026-01', ALL],
  ['get', '/v1/sites/ORG/alerts', ALL],
  ['post', '/v1/sites/ORG/register/losses', ['supplier', 'exploitant', 'pharmacist']],
  ['post', '/v1/sites/ORG/register/destructions', ['supplier', 'exploitant', 'pharmacist']],
  ['post', '/v1/sites/ORG/register/inventories', ['supplier', 'exploitant', 'pharmacist']],
  ['post', '/v1/patients', ['prescriber']],
  ['get', '/v1/indications', ALL],
  ['put', '/v1/indications/EPILEPSY/cap', ['ansm']],
  ['post', '/v1/patients/CT-7AFG3H3YAQ90HCBC1/consultations', ['prescriber']],
  ['get', '/v1/follow-up/overdue', ['prescriber', 'ansm']],
  ['get', '/v1/follow-up/schedule', ['prescriber', 'ansm']],
  ['put', '/v1/follow-up/schedule', ['ansm']],
  ['post', '/v1/prescriptions', ['prescriber']],
  ['post', '/v1/prescriptions/RX-1/cancel', ['prescriber']],
  ['get', '/v1/prescriptions/RX-1', ALL],
  ['get', '/v1/prescriptions', ['ansm', 'pharmacist', 'prescriber']],
  ['post', '/v1/dispensations', ['pharmacist']],
  ['post', '/v1/scans/read', ALL],
  ['get', `/v1/trace/batches/${GTIN}/L1`, ['ansm']],
  ['get', `/v1/audit/batches/${GTIN}/L1/history`, ['ansm']],
  ['get', `/v1/audit/batches/${GTIN}/L1/epcis`, ['ansm']],
  ['get', '/v1/audit/verify', ['ansm']],
  ['get', '/v1/audit/alerts', ['ansm']],
  ['post', '/v1/audit/alerts/A-1/acknowledgement', ['ansm']],
  ['post', '/v1/audit/alerts/A-1/closure', ['ansm']],
  ['get', '/v1/audit/alert-settings', ['ansm']],
  ['put', '/v1/audit/alert-settings', ['ansm']],
  ['get', `/v1/audit/batches/${GTIN}/L1/balance`, ['ansm', 'supplier', 'exploitant']],
  ['get', '/v1/audit/balances', ['ansm']],
  ['post', '/v1/audit/verify', ['ansm']],
  ['get', '/v1/audit/digest', ['ansm']],
  ['get', '/v1/reports/patients-per-indication', ['ansm']],
  ['get', '/v1/reports/dispensations', ['ansm']],
  ['get', '/v1/reports/vigilance', ['ansm']],
  ['get', `/v1/reports/products/${GTIN}/annual-summary`, ['ansm', 'exploitant']],
  ...[
    '/v1/epcis/events',
    '/v1/epcis/events/X',
    ...['eventTypes', 'bizSteps', 'dispositions', 'epcs', 'bizLocations', 'readPoints'].map(
      (v) => `/v1/epcis/${v}/X/events`,
    ),
  ].map((path): [method: 'get', path: string, allowed: readonly Role[]] => [
    'get',
    path,
    ['ansm', 'supplier', 'exploitant', 'pharmacist'],
  ]),
  ['post', '/v1/subscriptions', ALL],
  ['get', '/v1/subscriptions', ALL],
  ['get', '/v1/subscriptions/S-1', ALL],
  ['put', '/v1/subscriptions/S-1/cursor', ALL],
  ['delete', '/v1/subscriptions/S-1', ALL],
  // A cursor that is not one: answered at once (a valid stream would never end).
  ['get', '/v1/events/stream?from=nope', ALL],
  ['post', '/v1/vigilance/reports', ['pharmacist', 'prescriber']],
  ['get', '/v1/vigilance/reports', ['ansm', 'pharmacist', 'prescriber']],
  ['get', '/v1/vigilance/reports/R-1', ['ansm', 'pharmacist', 'prescriber']],
  ['post', '/v1/vigilance/reports/R-1/corrections', ['pharmacist', 'prescriber']],
  ['post', '/v1/vigilance/reports/R-1/follow-ups', ['pharmacist', 'prescriber']],
  ['get', '/v1/vigilance/signals', ['ansm']],
  ['get', '/v1/vigilance/signals/S-1', ['ansm']],
  ['post', '/v1/vigilance/signals/S-1/hold', ['ansm']],
  ['put', '/v1/vigilance/thresholds', ['ansm']],
  ['get', '/v1/vigilance/thresholds', ['ansm']],
];

describe('access control: every endpoint against every role', () => {
  let api: Api;
  beforeAll(async () => {
    api = await Api.start('pglite');
  });
  afterAll(() => api.close());

  it('lists every route the api serves', async () => {
    const paths = Object.keys((await api.http.get('/docs-json')).body.paths).filter((p) => p.startsWith('/v1'));
    const covered = new Set(TABLE.map(([, path]) => path.split('?')[0]));
    const shape = (path: string) =>
      path.replace(/\{[^}]+\}/g, '*').replace(/\/(?:[A-Z0-9][A-Za-z0-9~._-]*|ORG|RX-1)(?=\/|$)/g, '/*');
    const tableShapes = new Set([...covered].map(shape));
    for (const path of paths) expect([path, tableShapes.has(shape(path))]).toEqual([path, true]);
  });

  for (const [method, path, allowed] of TABLE) {
    it(`${method.toUpperCase()} ${path}: 401 without a token; 403 to ${ALL.filter((r) => !allowed.includes(r)).join(', ') || 'nobody'}`, async () => {
      const written = await api.eventsWrittenBy(async () => {
        expect((await api.http[method](path).send({})).status).toBe(401);
        for (const role of ALL) {
          const response = await api.http[method](path)
            .set('Authorization', `Bearer ${token(role, 'ORG')}`)
            .send({});
          if (allowed.includes(role)) {
            expect([role, response.body.type]).not.toEqual([role, 'urn:cannatrace:problem:role_not_allowed']);
            expect(response.status).not.toBe(401);
          } else {
            expect([role, response.status, response.body.type]).toEqual([
              role,
              403,
              'urn:cannatrace:problem:role_not_allowed',
            ]);
          }
        }
      });
      expect(written).toBe(0);
    });
  }

  it("keeps a site's stock and register from another organisation, and its writes from ANSM", async () => {
    for (const id of ['PH-1', 'PH-2'])
      await api
        .post('/v1/organisations', 'ansm', 'ANSM', { id, kind: 'community_pharmacy', name: id, country: 'FR' })
        .expect(201);
    await api
      .post('/v1/professionals', 'ansm', 'ANSM', {
        rpps: '10000000005',
        kind: 'pharmacist',
        name: 'Pharmacist of PH-2',
        organisationId: 'PH-2',
        trainedOn: '2026-01-05',
      })
      .expect(201);
    for (const what of ['stock', 'register', 'register/balance?month=2026-01', 'alerts']) {
      const response = await api.http
        .get(`/v1/sites/PH-1/${what}`)
        .set('Authorization', `Bearer ${token('pharmacist', 'PH-2')}`);
      expect([what, response.status, response.body.type]).toEqual([
        what,
        403,
        'urn:cannatrace:problem:not_site_member',
      ]);
    }
    // A token whose role the registry does not give its organisation: a supplier token naming a pharmacy.
    const supplierOfAPharmacy = await api.http
      .get('/v1/sites/PH-1/register')
      .set('Authorization', `Bearer ${token('supplier', 'PH-1')}`);
    expect([supplierOfAPharmacy.status, supplierOfAPharmacy.body.rule]).toEqual([403, 'organisation_kind_mismatch']);
    const write = await api.http
      .post('/v1/sites/PH-1/register/losses')
      .set('Authorization', `Bearer ${token('ansm', 'ANSM')}`)
      .send({});
    expect(write.status).toBe(403);
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Projector } from '#read-models';
import type { Role } from '#auth';
import { GTIN } from './catalogue.fixtures.js';
import {
  asPharmacist,
  asPrescriber,
  includePatient,
  PHARMACIST,
  prescription,
  scan,
  seedToPharmacy,
} from './circuit.fixtures.js';
import { Api, BACKENDS, token } from './harness.js';

const REGIONAL_PHARMACIST = '10000000007';

describe.each(BACKENDS)('the regulator’s reports over HTTP (%s)', (backend) => {
  let api: Api;
  const get = (path: string, role: Role, org: string, accept?: string) => {
    const request = api.http.get(path).set('Authorization', `Bearer ${token(role, org)}`);
    return accept ? request.set('Accept', accept) : request;
  };
  const period = 'from=2026-10&to=2026-11';

  beforeAll(async () => {
    api = await Api.start(backend);
    await seedToPharmacy(api);
    const beta = await includePatient(api, 'NEUROPATHIC_PAIN');
    await api.http
      .put('/v1/indications/EPILEPSY/cap')
      .set('Authorization', `Bearer ${token('ansm', 'ANSM')}`)
      .send({ cap: 600 })
      .expect(200);
    // A pharmacy in Auvergne-Rhône-Alpes; PH-1 of the seed has no region.
    await api
      .post('/v1/organisations', 'ansm', 'ANSM', {
        id: 'PH-R',
        kind: 'community_pharmacy',
        name: 'Pharmacie de Lyon',
        country: 'FR',
        region: '84',
      })
      .expect(201);
    await api
      .post('/v1/organisations', 'ansm', 'ANSM', { id: 'EXP-2', kind: 'exploitant', name: 'Other', country: 'FR' })
      .expect(201);
    await api
      .post('/v1/professionals', 'ansm', 'ANSM', {
        rpps: REGIONAL_PHARMACIST,
        kind: 'pharmacist',
        name: 'Pharmacien de Lyon',
        organisationId: 'PH-R',
        trainedOn: '2026-01-05',
      })
      .expect(201);
    const shipment = (
      await api
        .post('/v1/shipments', 'exploitant', 'EXP-1', { to: 'PH-R', lines: [{ gtin: GTIN, lot: 'L1', quantity: 2 }] })
        .expect(201)
    ).body.shipmentId as string;
    await asPharmacist(
      api,
      `/v1/shipments/${shipment}/receipt`,
      { scans: [scan('S7'), scan('S8')] },
      REGIONAL_PHARMACIST,
      'PH-R',
    ).expect(201);
    await asPrescriber(api, '/v1/prescriptions', prescription('RX-REP-1')).expect(201);
    await asPrescriber(
      api,
      '/v1/prescriptions',
      prescription('RX-REP-2', { patientId: beta, indication: 'NEUROPATHIC_PAIN', pharmacyId: 'PH-R' }),
    ).expect(201);
    for (const serial of ['S1', 'S2'])
      await asPharmacist(api, '/v1/dispensations', {
        prescriptionId: 'RX-REP-1',
        scan: scan(serial),
        quantity: 1,
      }).expect(201);
    await asPharmacist(
      api,
      '/v1/dispensations',
      { prescriptionId: 'RX-REP-2', scan: scan('S7'), quantity: 1 },
      REGIONAL_PHARMACIST,
      'PH-R',
    ).expect(201);
    await api.app.get(Projector).caughtUp();
  }, 120_000);
  afterAll(() => api.close());

  it('counts the patients included per indication, against the cap ANSM set, as of the last event', async () => {
    const { body, headers } = await get(`/v1/reports/patients-per-indication?${period}`, 'ansm', 'ANSM').expect(200);
    const events = await api.allEvents();
    const last = events[events.length - 1];
    expect(body.asOf).toEqual({ position: last.position, recordedAt: last.metadata.recordedAt });
    expect(headers['cannatrace-as-of-position']).toBe(last.position);
    expect([body.from, body.to, body.rows.length]).toEqual(['2026-10', '2026-11', 10]);
    const row = (month: string, indication: string) =>
      body.rows.find((r: { month: string; indication: string }) => r.month === month && r.indication === indication);
    expect(row('2026-11', 'EPILEPSY')).toMatchObject({
      cap: 600,
      included: 1,
      active: 1,
      stopped: 0,
      includedInMonth: 1,
    });
    expect(row('2026-11', 'NEUROPATHIC_PAIN')).toMatchObject({ cap: 750, included: 1, active: 1 });
    expect(row('2026-10', 'EPILEPSY')).toMatchObject({ cap: 500, included: 0 });
  });

  it('counts dispensations per month, region of the pharmacy and product; a pharmacy without region is unknown', async () => {
    const { body } = await get(`/v1/reports/dispensations?${period}`, 'ansm', 'ANSM').expect(200);
    expect(body.rows).toEqual([
      {
        month: '2026-11',
        region: '84',
        regionName: 'Auvergne-Rhône-Alpes',
        gtin: GTIN,
        productName: 'Fleurs THC 20',
        dispensations: 1,
        packs: 1,
        patients: 1,
      },
      {
        month: '2026-11',
        region: 'unknown',
        regionName: null,
        gtin: GTIN,
        productName: 'Fleurs THC 20',
        dispensations: 2,
        packs: 2,
        patients: 1,
      },
    ]);
  });

  it('answers CSV for ?format=csv and for Accept: text/csv, with the same figures', async () => {
    const byQuery = await get(`/v1/reports/dispensations?${period}&format=csv`, 'ansm', 'ANSM').expect(200);
    const byAccept = await get(`/v1/reports/dispensations?${period}`, 'ansm', 'ANSM', 'text/csv').expect(200);
    expect(byQuery.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(byAccept.text).toBe(byQuery.text);
    expect(byQuery.text.split('\r\n')).toEqual([
      'month,region,regionName,gtin,productName,dispensations,packs,patients',
      `2026-11,84,Auvergne-Rhône-Alpes,${GTIN},Fleurs THC 20,1,1,1`,
      `2026-11,unknown,,${GTIN},Fleurs THC 20,2,2,1`,
      '',
    ]);
  });

  it('rates vigilance per 1,000 patients exposed: no report yet, a rate of 0', async () => {
    const { body } = await get(`/v1/reports/vigilance?${period}`, 'ansm', 'ANSM').expect(200);
    expect(
      body.rows.map((r: Record<string, unknown>) => [r.gtin, r.lot, r.reports, r.patientsExposed, r.ratePer1000]),
    ).toEqual([
      [GTIN, null, 0, 2, 0],
      [GTIN, 'L1', 0, 2, 0],
    ]);
  });

  it("gives the product's annual summary to ANSM and its exploitant, and refuses another exploitant", async () => {
    const path = `/v1/reports/products/${GTIN}/annual-summary?year=2026`;
    const { body } = await get(path, 'exploitant', 'EXP-1').expect(200);
    expect(body).toMatchObject({ gtin: GTIN, exploitantId: 'EXP-1', year: 2026, dispensations: 3, patients: 2 });
    expect(body.patientsByIndication).toContainEqual({ indication: 'NEUROPATHIC_PAIN', patients: 1 });
    await get(path, 'ansm', 'ANSM').expect(200);
    const refused = await get(path, 'exploitant', 'EXP-2').expect(403);
    expect(refused.body.rule).toBe('not_product_exploitant');
    const unknown = await get('/v1/reports/products/03400930000021/annual-summary', 'ansm', 'ANSM').expect(404);
    expect(unknown.body.rule).toBe('product_unknown');
    const csv = await get(`${path}&format=csv`, 'exploitant', 'EXP-1').expect(200);
    expect(csv.text.split('\r\n').slice(0, 2)).toEqual(['figure,value', `gtin,${GTIN}`]);
    expect(csv.text).toContain('\r\npatients,2\r\n');
  });

  it('refuses other roles, and a period that is not one', async () => {
    for (const path of ['patients-per-indication', 'dispensations', 'vigilance']) {
      for (const [role, org] of [
        ['pharmacist', 'PH-1'],
        ['prescriber', 'CHU-1'],
        ['exploitant', 'EXP-1'],
      ] as [Role, string][]) {
        const refused = await get(`/v1/reports/${path}`, role, org).expect(403);
        expect(refused.body.type).toBe('urn:cannatrace:problem:role_not_allowed');
      }
    }
    const pharmacist = await api.http
      .get(`/v1/reports/products/${GTIN}/annual-summary`)
      .set('Authorization', `Bearer ${token('pharmacist', 'PH-1', PHARMACIST)}`)
      .expect(403);
    expect(pharmacist.headers['content-type']).toContain('application/problem+json');
    const backwards = await get('/v1/reports/dispensations?from=2026-11&to=2026-10', 'ansm', 'ANSM').expect(400);
    expect(backwards.body.rule).toBe('report_period_invalid');
    await get('/v1/reports/dispensations?format=xml', 'ansm', 'ANSM').expect(400);
    await get('/v1/reports/dispensations?from=2026-13', 'ansm', 'ANSM').expect(400);
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CONTAMINANTS, DEFAULT_LIMITS } from '#domain';
import { analysis, batch, conformingFlowerResults, GTIN, OTHER_GTIN, seedCatalogue } from './catalogue.fixtures.js';
import { Projector } from '#read-models';
import { EventAlerts } from '../apps/api/src/processes/alerts/event-alerts.js';
import { Api, BACKENDS } from './harness.js';

describe.each(BACKENDS)('batches over HTTP (%s)', (backend) => {
  let api: Api;
  beforeAll(async () => {
    api = await Api.start(backend);
    await seedCatalogue(api);
    // A pharmacist reads batches below: tokens are checked against the registry, so one is registered.
    await api
      .post('/v1/organisations', 'ansm', 'ANSM', { id: 'PH-1', kind: 'community_pharmacy', name: 'PH', country: 'FR' })
      .expect(201);
    await api
      .post('/v1/professionals', 'ansm', 'ANSM', {
        rpps: '10000000002',
        kind: 'pharmacist',
        name: 'Pharmacist',
        organisationId: 'PH-1',
        trainedOn: '2026-01-05',
      })
      .expect(201);
  }, 120_000);
  afterAll(() => api.close());

  const supplier = (path: string, body: unknown) => api.post(path, 'supplier', 'SUP-1', body);
  const ansm = (path: string, body: unknown) => api.post(path, 'ansm', 'ANSM', body);
  const at = (lot: string, action = '') => `/v1/batches/${GTIN}/${lot}${action}`;

  /** Expects the problem answer, and that nothing at all was written. */
  async function refused(
    send: () => Promise<{ status: number; body: Record<string, unknown>; headers: Record<string, string> }>,
    status: number,
    rule?: string,
  ) {
    let response!: { status: number; body: Record<string, unknown>; headers: Record<string, string> };
    const written = await api.eventsWrittenBy(async () => {
      response = await send();
    });
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({
      status,
      type: expect.any(String),
      title: expect.any(String),
      detail: expect.any(String),
    });
    if (rule) expect(response.body.rule).toBe(rule);
    expect(written).toBe(0);
    return response.body;
  }

  it('registers, analyses and releases a batch, then answers its state', async () => {
    const registered = await supplier('/v1/batches', batch('HAPPY')).expect(201);
    expect(registered.body).toEqual({
      eventIds: [expect.any(String)],
      stream: `batch-${GTIN}-HAPPY`,
      revision: 0,
      gtin: GTIN,
      lot: 'HAPPY',
    });

    expect((await api.get(at('HAPPY'), 'supplier', 'SUP-1').expect(200)).body).toMatchObject({
      view: 'full',
      gtin: GTIN,
      lot: 'HAPPY',
      quantity: 500,
      expiresOn: '2031-01-31',
      conformant: null,
      released: false,
      onHold: false,
      recalled: false,
    });

    const analysed = await api.post(at('HAPPY', '/analyses'), 'laboratory', 'LAB-1', analysis()).expect(201);
    expect(analysed.body).toEqual({
      eventIds: [expect.any(String)],
      stream: `batch-${GTIN}-HAPPY`,
      revision: 1,
      conformant: true,
      failures: [],
    });

    const released = await supplier(at('HAPPY', '/release'), { qualifiedPerson: 'Dr QP' }).expect(201);
    expect(released.body.revision).toBe(2);

    expect((await api.get(at('HAPPY'), 'ansm', 'ANSM').expect(200)).body).toMatchObject({
      conformant: true,
      released: true,
      onHold: false,
      recalled: false,
    });
    const events = await api.store.readStream(`batch-${GTIN}-HAPPY`);
    expect(events.map((e) => e.type)).toEqual(['BatchRegistered', 'AnalysisRecorded', 'BatchReleased']);
    expect(events[0].metadata).toMatchObject({
      actor: 'supplier-user',
      role: 'supplier',
      organisation: 'SUP-1',
      batchKeys: [`${GTIN}-HAPPY`],
    });
  });

  it('refuses a batch to a role other than supplier, and to another supplier', async () => {
    await refused(() => api.post('/v1/batches', 'pharmacist', 'PH-1', batch('ROLE')), 403, undefined);
    await refused(() => api.post('/v1/batches', 'supplier', 'SUP-2', batch('FOREIGN')), 403, 'not_product_supplier');
    await refused(
      () => api.post('/v1/batches', 'supplier', 'SUP-1', batch('FOREIGN', OTHER_GTIN)),
      403,
      'not_product_supplier',
    );
  });

  it('registers a lot once, and expiry after manufacture', async () => {
    await supplier('/v1/batches', batch('ONCE')).expect(201);
    await refused(() => supplier('/v1/batches', batch('ONCE')), 409, 'lot_exists');
    await refused(
      () => supplier('/v1/batches', { ...batch('EXPIRY'), expiresOn: '2026-01-10' }),
      422,
      'expiry_not_after_manufacture',
    );
  });

  it('refuses a malformed GTIN, an unknown field, a wrong type, naming each field', async () => {
    const badDigit = await refused(() => supplier('/v1/batches', { ...batch('X'), gtin: '03400930000015' }), 400);
    expect(badDigit.errors).toEqual([{ field: 'gtin', message: 'gtin has a wrong check digit' }]);
    const letters = await refused(() => supplier('/v1/batches', { ...batch('X'), gtin: '0340093000001A' }), 400);
    expect(letters.errors).toEqual([{ field: 'gtin', message: 'gtin must be 14 digits (a GTIN-14)' }]);
    const unknown = await refused(() => supplier('/v1/batches', { ...batch('X'), colour: 'green' }), 400);
    expect(unknown.errors).toEqual([{ field: 'colour', message: 'property colour should not exist' }]);
    const types = await refused(
      () => supplier('/v1/batches', { ...batch('X'), quantity: '500', expiresOn: '2026-02-30' }),
      400,
    );
    const fields = new Set((types.errors as { field: string }[]).map((e) => e.field));
    expect([...fields].sort()).toEqual(['expiresOn', 'quantity']);
    expect(types.errors).toContainEqual({ field: 'quantity', message: 'quantity must be an integer number' });
    expect(types.errors).toContainEqual({ field: 'expiresOn', message: 'expiresOn must be a date written YYYY-MM-DD' });
    const nested = await refused(
      () => supplier(at('HAPPY', '/analyses'), { ...analysis(), results: { ...conformingFlowerResults, colour: 1 } }),
      400,
    );
    expect(nested.errors).toEqual([{ field: 'results.colour', message: 'property colour should not exist' }]);
  });

  it('lists the failure of each analyte kind with its value, limit and rule', async () => {
    await supplier('/v1/batches', batch('FAILING')).expect(201);
    const cases: [string, number, number, string][] = [
      ['thc', 17.9, 18, 'below_declared_tolerance'],
      ['thc', 22.1, 22, 'above_declared_tolerance'],
      ['cbd', 0.8, 0.9, 'below_declared_tolerance'],
      ['cbd', 1.2, 1.1, 'above_declared_tolerance'],
      ...CONTAMINANTS.map((analyte): [string, number, number, string] => {
        const limit = DEFAULT_LIMITS.dried_flower[analyte] as number;
        return [analyte, limit * 2, limit, 'above_contaminant_limit'];
      }),
    ];
    for (const [analyte, value, limit, rule] of cases) {
      const response = await supplier(
        at('FAILING', '/analyses'),
        analysis({ ...conformingFlowerResults, [analyte]: value }),
      ).expect(201);
      expect(response.body.conformant).toBe(false);
      expect(response.body.failures).toEqual([{ analyte, value, limit, rule }]);
    }
    const { tymc: _missing, ...withoutTymc } = conformingFlowerResults;
    const missing = await supplier(at('FAILING', '/analyses'), analysis(withoutTymc)).expect(201);
    expect(missing.body.failures).toEqual([{ analyte: 'tymc', value: null, limit: 1e4, rule: 'missing_result' }]);
    expect((await api.get(at('FAILING'), 'ansm', 'ANSM')).body.conformant).toBe(false);
  });

  it('refuses an analysis to another supplier, and of an unknown batch', async () => {
    await supplier('/v1/batches', batch('FOREIGN-ANALYSIS')).expect(201);
    await refused(
      () => api.post(at('FOREIGN-ANALYSIS', '/analyses'), 'supplier', 'SUP-2', analysis()),
      403,
      'not_batch_supplier',
    );
    await refused(() => supplier(at('NOSUCH', '/analyses'), analysis()), 404, 'batch_unknown');
  });

  it('releases only after a conforming latest analysis', async () => {
    await supplier('/v1/batches', batch('RELEASE')).expect(201);
    await refused(() => supplier(at('RELEASE', '/release'), { qualifiedPerson: 'QP' }), 422, 'no_analysis');
    await supplier(at('RELEASE', '/analyses'), analysis()).expect(201);
    await refused(
      () => api.post(at('RELEASE', '/release'), 'supplier', 'SUP-2', { qualifiedPerson: 'QP' }),
      403,
      'not_batch_supplier',
    );
    await supplier(at('RELEASE', '/release'), { qualifiedPerson: 'QP' }).expect(201);
    await refused(() => supplier(at('RELEASE', '/release'), { qualifiedPerson: 'QP' }), 422, 'batch_already_released');
  });

  it("after a laboratory's failure (lead 50), releases only after an investigation and a conforming laboratory retest; ANSM is alerted", async () => {
    const release = () => supplier(at('OOS', '/release'), { qualifiedPerson: 'QP' });
    const investigation = { reportSha256: 'b'.repeat(64), conclusion: 'sample contaminated at the laboratory' };
    await supplier('/v1/batches', batch('OOS')).expect(201);
    await refused(() => supplier(at('OOS', '/investigations'), investigation), 422, 'no_out_of_specification_result');
    const failed = await api
      .post(at('OOS', '/analyses'), 'laboratory', 'LAB-1', analysis({ ...conformingFlowerResults, lead: 50 }))
      .expect(201);
    expect(failed.body.failures).toEqual([{ analyte: 'lead', value: 50, limit: 5, rule: 'above_contaminant_limit' }]);

    await supplier(at('OOS', '/analyses'), analysis()).expect(201);
    await refused(release, 422, 'investigation_required');
    await refused(
      () => api.post(at('OOS', '/investigations'), 'supplier', 'SUP-2', investigation),
      403,
      'not_batch_supplier',
    );
    await refused(() => supplier(at('OOS', '/investigations'), { ...investigation, reportSha256: 'x' }), 400);
    await supplier(at('OOS', '/investigations'), investigation).expect(201);
    await refused(() => supplier(at('OOS', '/investigations'), investigation), 422, 'investigation_already_reported');
    await supplier(at('OOS', '/analyses'), analysis()).expect(201);
    await refused(release, 422, 'laboratory_retest_required');
    await api.post(at('OOS', '/analyses'), 'laboratory', 'LAB-1', analysis()).expect(201);
    await release().expect(201);

    const view = (await api.get(at('OOS'), 'supplier', 'SUP-1').expect(200)).body;
    expect(view.outOfSpecification).toEqual({
      failures: [{ analyte: 'lead', value: 50, limit: 5, rule: 'above_contaminant_limit' }],
      recordedBy: { role: 'laboratory', organisation: 'LAB-1' },
      sampledOn: '2026-01-12',
      investigation,
      retestedBy: 'LAB-1',
    });
    const history = (await api.get(`/v1/audit/batches/${GTIN}/OOS/history`, 'ansm', 'ANSM').expect(200)).body;
    const ofBatch = history.events.filter((e: { stream: string }) => e.stream === `batch-${GTIN}-OOS`);
    expect(ofBatch.map((e: { type: string; actor: { role: string } }) => `${e.type} ${e.actor.role}`)).toEqual([
      'BatchRegistered supplier',
      'AnalysisRecorded laboratory',
      'AnalysisRecorded supplier',
      'InvestigationReported supplier',
      'AnalysisRecorded supplier',
      'AnalysisRecorded laboratory',
      'BatchReleased supplier',
    ]);
    expect(ofBatch[3].data).toEqual(investigation);

    await api.app.get(EventAlerts).caughtUp();
    await api.app.get(Projector).caughtUp();
    const alerts = (await api.get('/v1/audit/alerts', 'ansm', 'ANSM').expect(200)).body;
    expect(alerts.filter((a: { lot: string }) => a.lot === 'OOS')).toEqual([
      {
        kind: 'out_of_specification',
        gtin: GTIN,
        lot: 'OOS',
        recordedBy: { role: 'laboratory', organisation: 'LAB-1' },
        sampledOn: '2026-01-12',
        failures: [{ analyte: 'lead', value: 50, limit: 5, rule: 'above_contaminant_limit' }],
        raisedAt: expect.any(String),
        eventId: failed.body.eventIds[0],
        id: expect.any(String),
        state: 'open',
        site: 'SUP-1',
        shipmentId: null,
        evidence: [failed.body.eventIds[0]],
        details: {
          recordedBy: { role: 'laboratory', organisation: 'LAB-1' },
          sampledOn: '2026-01-12',
          failures: [{ analyte: 'lead', value: 50, limit: 5, rule: 'above_contaminant_limit' }],
        },
        acknowledgement: null,
        closure: null,
      },
    ]);
  });

  it('holds, lifts and recalls (ANSM only); a held or recalled batch is not released', async () => {
    await supplier('/v1/batches', batch('HOLD')).expect(201);
    await supplier(at('HOLD', '/analyses'), analysis()).expect(201);
    await refused(() => supplier(at('HOLD', '/hold'), { reason: 'x' }), 403);
    await ansm(at('HOLD', '/hold'), { reason: 'inquiry' }).expect(201);
    expect((await api.get(at('HOLD'), 'ansm', 'ANSM')).body.onHold).toBe(true);
    await refused(() => supplier(at('HOLD', '/release'), { qualifiedPerson: 'QP' }), 422, 'batch_on_hold');
    await refused(() => ansm(at('HOLD', '/hold'), { reason: 'again' }), 422, 'batch_on_hold');
    await ansm(at('HOLD', '/lift-hold'), { reason: 'cleared' }).expect(201);
    await refused(() => ansm(at('HOLD', '/lift-hold'), { reason: 'again' }), 422, 'batch_not_on_hold');

    await ansm(at('HOLD', '/recall'), { reason: 'contamination' }).expect(201);
    await refused(() => supplier(at('HOLD', '/release'), { qualifiedPerson: 'QP' }), 422, 'batch_recalled');
    await refused(() => ansm(at('HOLD', '/recall'), { reason: 'again' }), 422, 'batch_recalled');
    await refused(() => ansm(at('HOLD', '/hold'), { reason: 'after' }), 422, 'batch_recalled');
    expect((await api.get(at('HOLD'), 'ansm', 'ANSM')).body).toMatchObject({
      recalled: true,
      onHold: false,
      released: false,
    });
  });

  it('answers 404 for an unknown batch or product', async () => {
    await api.get(at('NOSUCH'), 'ansm', 'ANSM').expect(404);
    await api.get('/v1/products/03400930000038', 'ansm', 'ANSM').expect(404);
  });
});

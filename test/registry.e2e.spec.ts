import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GTIN, seedCatalogue } from './catalogue.fixtures.js';
import { Api, BACKENDS, token } from './harness.js';

/** A pharmacist registered before the tests, who reads products. */
const READER = '10000000007';

describe.each(BACKENDS)('registry and catalogue over HTTP (%s)', (backend) => {
  let api: Api;
  beforeAll(async () => {
    api = await Api.start(backend);
    await seedCatalogue(api);
    await ansm('/v1/organisations', {
      id: 'PH-READER',
      kind: 'community_pharmacy',
      name: 'Pharmacie',
      country: 'FR',
    }).expect(201);
    await ansm('/v1/professionals', {
      rpps: READER,
      kind: 'pharmacist',
      name: 'Reader',
      organisationId: 'PH-READER',
    }).expect(201);
  }, 120_000);
  afterAll(() => api.close());

  const ansm = (path: string, body: unknown) => api.post(path, 'ansm', 'ANSM', body);

  async function refusedWithoutWriting(
    send: () => Promise<{ status: number; body: Record<string, unknown> }>,
    status: number,
  ) {
    let response!: { status: number; body: Record<string, unknown> };
    expect(await api.eventsWrittenBy(async () => (response = await send()))).toBe(0);
    expect(response.status).toBe(status);
    return response.body;
  }

  it('registers organisations once, each kind checked', async () => {
    const created = await ansm('/v1/organisations', {
      id: 'CHU-LYON',
      kind: 'reference_centre',
      name: 'CHU de Lyon',
      country: 'FR',
    }).expect(201);
    expect(created.body).toMatchObject({ organisationId: 'CHU-LYON', stream: 'organisation-CHU-LYON', revision: 0 });
    expect((await api.get('/v1/organisations/CHU-LYON', 'ansm', 'ANSM').expect(200)).body).toEqual({
      id: 'CHU-LYON',
      kind: 'reference_centre',
      name: 'CHU de Lyon',
      country: 'FR',
    });
    expect(
      (
        await refusedWithoutWriting(
          () => ansm('/v1/organisations', { id: 'CHU-LYON', kind: 'reference_centre', name: 'Again', country: 'FR' }),
          409,
        )
      ).rule,
    ).toBe('organisation_exists');
    const bad = await refusedWithoutWriting(
      () => ansm('/v1/organisations', { id: 'bad id!', kind: 'hospital', name: '', country: 'France' }),
      400,
    );
    expect((bad.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(['country', 'id', 'kind', 'name']);
  });

  it('registers professionals with their training and reference-centre membership', async () => {
    await ansm('/v1/organisations', {
      id: 'CHU-NANTES',
      kind: 'reference_centre',
      name: 'CHU de Nantes',
      country: 'FR',
    }).expect(201);
    await ansm('/v1/organisations', {
      id: 'PH-1',
      kind: 'community_pharmacy',
      name: 'Pharmacie',
      country: 'FR',
    }).expect(201);
    await ansm('/v1/professionals', {
      rpps: '10000000001',
      kind: 'prescriber',
      name: 'Dr A',
      organisationId: 'CHU-NANTES',
      trainedOn: '2026-01-05',
    }).expect(201);
    await ansm('/v1/professionals', {
      rpps: '10000000002',
      kind: 'pharmacist',
      name: 'B',
      organisationId: 'PH-1',
    }).expect(201);
    expect((await api.get('/v1/professionals/10000000001', 'ansm', 'ANSM')).body).toMatchObject({
      referenceCentre: true,
      trainedOn: '2026-01-05',
    });
    expect((await api.get('/v1/professionals/10000000002', 'ansm', 'ANSM')).body).toMatchObject({
      referenceCentre: false,
      trainedOn: null,
    });

    const rpps = await refusedWithoutWriting(
      () => ansm('/v1/professionals', { rpps: '1234', kind: 'prescriber', name: 'C', organisationId: 'PH-1' }),
      400,
    );
    expect(rpps.errors).toEqual([{ field: 'rpps', message: 'rpps must be 11 digits' }]);
    expect(
      (
        await refusedWithoutWriting(
          () =>
            ansm('/v1/professionals', {
              rpps: '10000000003',
              kind: 'pharmacist',
              name: 'C',
              organisationId: 'NOWHERE',
            }),
          422,
        )
      ).rule,
    ).toBe('organisation_unknown');
    expect(
      (
        await refusedWithoutWriting(
          () =>
            ansm('/v1/professionals', {
              rpps: '10000000003',
              kind: 'pharmacist',
              name: 'C',
              organisationId: 'CHU-NANTES',
            }),
          422,
        )
      ).rule,
    ).toBe('pharmacist_needs_pharmacy');
    await refusedWithoutWriting(() => api.get('/v1/professionals/10000000001', 'pharmacist', 'PH-1'), 403);
  });

  it("answers a product with its form's default specification, which ANSM can change", async () => {
    const product = (
      await api.http
        .get(`/v1/products/${GTIN}`)
        .set('Authorization', `Bearer ${token('pharmacist', 'PH-READER', READER)}`)
        .expect(200)
    ).body;
    expect(product).toMatchObject({
      gtin: GTIN,
      form: 'dried_flower',
      tolerancePercent: 10,
      narcotic: true,
      supplierId: 'SUP-1',
    });
    expect(product.limits).toEqual({
      lossOnDrying: 12,
      cbn: 1,
      foreignMatter: 2,
      arsenic: 0.2,
      cadmium: 1,
      lead: 5,
      mercury: 0.1,
      aflatoxinB1: 2,
      aflatoxinsTotal: 4,
      tamc: 100000,
      tymc: 10000,
    });
    await api.http
      .put(`/v1/products/${GTIN}/specification`)
      .set('Authorization', `Bearer ${token('ansm', 'ANSM')}`)
      .send({ tolerancePercent: 15, limits: { lead: 3 } })
      .expect(200);
    expect((await api.get(`/v1/products/${GTIN}`, 'ansm', 'ANSM')).body).toMatchObject({
      tolerancePercent: 15,
      limits: { lead: 3 },
    });
  });

  it('refuses a product with a bad GTIN, an unknown supplier, or twice', async () => {
    const body = {
      gtin: '03400930000038',
      name: 'Huile',
      supplierId: 'SUP-1',
      exploitantId: 'EXP-1',
      form: 'oil',
      ratio: 'BALANCED',
      declared: { thc: 10, cbd: 10 },
      contentUnit: 'mg_per_ml',
    };
    const bad = await refusedWithoutWriting(
      () => ansm('/v1/products', { ...body, gtin: '03400930000039', declared: { thc: -1, cbd: 'x' } }),
      400,
    );
    expect((bad.errors as { field: string }[]).map((e) => e.field)).toEqual(
      expect.arrayContaining(['gtin', 'declared.thc', 'declared.cbd']),
    );
    expect((await refusedWithoutWriting(() => ansm('/v1/products', { ...body, supplierId: 'EXP-1' }), 422)).rule).toBe(
      'supplier_unknown',
    );
    const created = await ansm('/v1/products', body).expect(201);
    expect(created.body.gtin).toBe('03400930000038');
    expect((await api.get('/v1/products/03400930000038', 'ansm', 'ANSM')).body).toMatchObject({
      limits: {},
      narcotic: true,
      tolerancePercent: 10,
    });
    expect((await refusedWithoutWriting(() => ansm('/v1/products', body), 409)).rule).toBe('product_exists');
  });
});

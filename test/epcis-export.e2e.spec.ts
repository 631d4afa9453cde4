import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { analysis, batch, flowerProduct, GTIN } from './catalogue.fixtures.js';
import { epcisProblems } from './epcis-structure.js';
import { Api } from './harness.js';

const SUPPLIER_GLN = '5601234000009';
const EXPLOITANT_GLN = '3760000000017';

describe('GLNs of organisations in the EPCIS export', () => {
  let api: Api;
  beforeAll(async () => {
    api = await Api.start('pglite');
    const organisations = [
      { id: 'SUP-1', kind: 'supplier', name: 'Supplier', country: 'PT', gln: SUPPLIER_GLN },
      { id: 'EXP-1', kind: 'exploitant', name: 'Exploitant', country: 'FR', gln: EXPLOITANT_GLN },
      { id: 'PH-1', kind: 'community_pharmacy', name: 'Pharmacie du Centre', country: 'FR' },
    ];
    for (const organisation of organisations)
      await api.post('/v1/organisations', 'ansm', 'ANSM', organisation).expect(201);
    await api.post('/v1/products', 'ansm', 'ANSM', flowerProduct(GTIN, 'SUP-1')).expect(201);
    await api.post('/v1/batches', 'supplier', 'SUP-1', batch('L1')).expect(201);
    await api.post(`/v1/batches/${GTIN}/L1/analyses`, 'supplier', 'SUP-1', analysis()).expect(201);
    await api.post(`/v1/batches/${GTIN}/L1/release`, 'supplier', 'SUP-1', { qualifiedPerson: 'QP' }).expect(201);
    const shipmentId = (
      await api
        .post('/v1/shipments', 'supplier', 'SUP-1', { to: 'EXP-1', lines: [{ gtin: GTIN, lot: 'L1', quantity: 10 }] })
        .expect(201)
    ).body.shipmentId;
    await api
      .post(`/v1/shipments/${shipmentId}/receipt`, 'exploitant', 'EXP-1', {
        lines: [{ gtin: GTIN, lot: 'L1', quantity: 10 }],
      })
      .expect(201);
    await api
      .post('/v1/shipments', 'exploitant', 'EXP-1', { to: 'PH-1', lines: [{ gtin: GTIN, lot: 'L1', quantity: 2 }] })
      .expect(201);
  });
  afterAll(() => api.close());

  it('registers an organisation with its GLN and refuses a GLN with a wrong check digit, writing nothing', async () => {
    expect((await api.get('/v1/organisations/SUP-1', 'ansm', 'ANSM').expect(200)).body).toMatchObject({
      gln: SUPPLIER_GLN,
    });
    let response!: { status: number; body: Record<string, unknown> };
    const written = await api.eventsWrittenBy(async () => {
      response = await api.post('/v1/organisations', 'ansm', 'ANSM', {
        id: 'PH-9',
        kind: 'community_pharmacy',
        name: 'P',
        country: 'FR',
        gln: '3760000000018',
      });
    });
    expect([written, response.status]).toEqual([0, 400]);
    expect(response.body.errors).toEqual([{ field: 'gln', message: 'gln has a wrong check digit' }]);
  });

  it('names places and parties by GLN where known, by cannatrace names otherwise', async () => {
    const document = (await api.get(`/v1/audit/batches/${GTIN}/L1/epcis`, 'ansm', 'ANSM').expect(200)).body;
    expect(epcisProblems(document)).toEqual([]);
    const events = document.epcisBody.eventList as {
      bizStep: string;
      readPoint?: { id: string };
      destinationList?: { destination: string }[];
    }[];
    expect(events.find((e) => e.bizStep === 'commissioning')?.readPoint).toEqual({
      id: `https://id.gs1.org/414/${SUPPLIER_GLN}`,
    });
    const shipments = events.filter((e) => e.bizStep === 'shipping');
    expect(shipments.map((e) => [e.readPoint?.id, e.destinationList?.[0].destination])).toEqual([
      [`https://id.gs1.org/414/${SUPPLIER_GLN}`, `https://id.gs1.org/417/${EXPLOITANT_GLN}`],
      [`https://id.gs1.org/414/${EXPLOITANT_GLN}`, 'urn:cannatrace:organisation:PH-1'],
    ]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Role } from '#auth';
import { Projector } from '#read-models';
import { GTIN } from './catalogue.fixtures.js';
import { seedToPharmacy } from './circuit.fixtures.js';
import { Api, BACKENDS } from './harness.js';

const L1 = `/v1/batches/${GTIN}/L1`;
const LOT_CLASS = `https://id.gs1.org/01/${GTIN}/10/L1`;

/**
 * Who may see what of a batch (docs/security.md): lot L1 of SUP-1, shipped to EXP-1, 6 packs received by PH-1.
 * SUP-2 is a competitor; PH-2 a pharmacy that never had any of it, until a shipment is sent to it.
 */
describe.each(BACKENDS)('who may see which view of a batch (%s)', (backend) => {
  let api: Api;
  beforeAll(async () => {
    api = await Api.start(backend);
    await seedToPharmacy(api);
    // The competitors and the laboratory exist in the registry: tokens of unregistered organisations are refused.
    for (const organisation of [
      { id: 'SUP-2', kind: 'supplier', name: 'Supplier Two', country: 'PT' },
      { id: 'EXP-2', kind: 'exploitant', name: 'Exploitant Two', country: 'FR' },
      { id: 'LAB-1', kind: 'laboratory', name: 'Laboratoire Central', country: 'FR' },
    ])
      await api.post('/v1/organisations', 'ansm', 'ANSM', organisation).expect(201);
    await api.app.get(Projector).caughtUp();
  });
  afterAll(() => api.close());

  const read = (role: Role, org: string, path = L1) => api.get(path, role, org);
  const holderView = {
    view: 'holder',
    gtin: GTIN,
    lot: 'L1',
    expiresOn: '2031-01-31',
    released: true,
    onHold: false,
    recalled: false,
  };

  it('shows all of it to its supplier, its exploitant and ANSM', async () => {
    for (const [role, org] of [
      ['supplier', 'SUP-1'],
      ['exploitant', 'EXP-1'],
      ['ansm', 'ANSM'],
    ] as [Role, string][]) {
      const body = (await read(role, org).expect(200)).body;
      expect([org, body]).toEqual([
        org,
        expect.objectContaining({ view: 'full', quantity: 20, conformant: true, failures: [], supplierId: 'SUP-1' }),
      ]);
    }
  });

  it("answers a competitor as for a batch that does not exist: supplier A cannot read supplier B's batch", async () => {
    const competitor = await read('supplier', 'SUP-2').expect(404);
    const unknown = await read('supplier', 'SUP-2', `/v1/batches/${GTIN}/NOSUCH`).expect(404);
    expect(competitor.body.rule).toBe('batch_unknown');
    expect(competitor.body.type).toBe(unknown.body.type);
    expect(JSON.stringify(competitor.body)).not.toMatch(/quantity|conformant|SUP-1/);
    const list = (await read('supplier', 'SUP-2', '/v1/batches').expect(200)).body;
    expect(list).toEqual([]);
  });

  it("shows a pharmacy that received packs the holder's view only: no quantity, conformity or supplier data", async () => {
    expect((await read('pharmacist', 'PH-1').expect(200)).body).toEqual(holderView);
    expect((await read('pharmacist', 'PH-1', `${L1}/recall`).expect(200)).body).toMatchObject({ recalled: false });
  });

  it('answers 404 to a pharmacy, a laboratory or a prescriber with no link, and the holder’s view once packs are sent', async () => {
    for (const [role, org] of [
      ['pharmacist', 'PH-2'],
      ['laboratory', 'LAB-1'],
      ['prescriber', 'CHU-1'],
      ['exploitant', 'EXP-2'],
    ] as [Role, string][])
      for (const path of [L1, `${L1}/recall`]) {
        const answer = await read(role, org, path);
        expect([org, path, answer.status, answer.body.rule]).toEqual([org, path, 404, 'batch_unknown']);
      }
    await api
      .post('/v1/shipments', 'exploitant', 'EXP-1', { to: 'PH-2', lines: [{ gtin: GTIN, lot: 'L1', quantity: 1 }] })
      .expect(201);
    await api.app.get(Projector).caughtUp();
    expect((await read('pharmacist', 'PH-2').expect(200)).body).toEqual(holderView);
  });

  it('keeps the trace, the history, its EPCIS export, the alerts and the recall to ANSM', async () => {
    for (const path of [
      `/v1/trace/batches/${GTIN}/L1`,
      `/v1/audit/batches/${GTIN}/L1/history`,
      `/v1/audit/batches/${GTIN}/L1/epcis`,
      '/v1/audit/alerts',
    ]) {
      for (const [role, org] of [
        ['supplier', 'SUP-2'],
        ['supplier', 'SUP-1'],
        ['pharmacist', 'PH-1'],
      ] as [Role, string][])
        expect([path, org, (await read(role, org, path)).status]).toEqual([path, org, 403]);
      expect([path, (await read('ansm', 'ANSM', path)).status]).toEqual([path, 200]);
    }
    expect((await api.post(`${L1}/recall`, 'supplier', 'SUP-2', { reason: 'x' })).status).toBe(403);
  });

  it("answers an EPCIS query with the events of the caller's own site only: none of the batch's to a competitor", async () => {
    const events = async (org: string, role: Role) =>
      (await read(role, org, `/v1/epcis/epcs/${encodeURIComponent(LOT_CLASS)}/events?perPage=1000`).expect(200)).body
        .epcisBody.queryResults.resultsBody.eventList as { bizStep: string }[];
    expect(await events('SUP-2', 'supplier')).toEqual([]);
    expect((await events('SUP-1', 'supplier')).map((e) => e.bizStep)).toEqual(
      expect.arrayContaining(['commissioning', 'inspecting']),
    );
    const atPharmacy = (await events('PH-1', 'pharmacist')).map((e) => e.bizStep);
    expect(atPharmacy).toEqual(['receiving']);
  });
});

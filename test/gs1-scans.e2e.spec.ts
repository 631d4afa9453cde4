import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { packDigitalLink } from '#gs1';
import { GTIN } from './catalogue.fixtures.js';
import { asPharmacist, asPrescriber, prescription, seedToPharmacy } from './circuit.fixtures.js';
import { Api } from './harness.js';

/** A pack's QR code: its GS1 Digital Link URI, on a manufacturer's own domain. */
const qr = (serial: string) =>
  packDigitalLink({ gtin: GTIN, expiryYymmdd: '310131', lot: 'L1', serial }, 'https://scan.labo.example/p');

describe('GS1 Digital Link scans over HTTP', () => {
  let api: Api;
  beforeAll(async () => {
    api = await Api.start('pglite');
    await seedToPharmacy(api);
  });
  afterAll(() => api.close());

  it('receives a delivery scanned from QR codes, and dispenses a pack by its QR code (defect 4)', async () => {
    const shipmentId = (
      await api
        .post('/v1/shipments', 'exploitant', 'EXP-1', { to: 'PH-1', lines: [{ gtin: GTIN, lot: 'L1', quantity: 2 }] })
        .expect(201)
    ).body.shipmentId;
    const receipt = await asPharmacist(api, `/v1/shipments/${shipmentId}/receipt`, {
      scans: [qr('S7'), `${qr('S8')}&712=CN-55`],
    }).expect(201);
    expect(receipt.body).toMatchObject({ accepted: [{ gtin: GTIN, lot: 'L1', quantity: 2 }], discrepancies: [] });

    await asPrescriber(api, '/v1/prescriptions', prescription('RX-QR')).expect(201);
    const dispensed = await asPharmacist(api, '/v1/dispensations', {
      prescriptionId: 'RX-QR',
      quantity: 1,
      scan: qr('S7'),
    }).expect(201);
    expect(dispensed.body).toMatchObject({ dispensationId: expect.any(String) });
  });

  it('refuses an unreadable QR code with a problem that says why, writing nothing', async () => {
    await asPrescriber(api, '/v1/prescriptions', prescription('RX-QR2')).expect(201);
    let response!: { status: number; body: Record<string, unknown> };
    const written = await api.eventsWrittenBy(async () => {
      response = await asPharmacist(api, '/v1/dispensations', {
        prescriptionId: 'RX-QR2',
        quantity: 1,
        scan: `https://id.gs1.org/01/${GTIN}/21/S8/10/L1`,
      });
    });
    expect(written).toBe(0);
    expect(response.status).toBe(400);
    expect(response.body.detail).toMatch(/\(01\) GTIN is followed by 21, 10 in the path/);
  });

  it('reads a scan for the desk, as the receipt will read it, writing nothing', async () => {
    let read!: { status: number; body: Record<string, unknown> };
    let refused!: { status: number; body: Record<string, unknown> };
    const written = await api.eventsWrittenBy(async () => {
      read = await asPharmacist(api, '/v1/scans/read', { scan: `${qr('S9')}&714=AIM-1` });
      refused = await asPharmacist(api, '/v1/scans/read', { scan: `]d201${GTIN}17311301` });
    });
    expect(written).toBe(0);
    expect([read.status, read.body]).toEqual([
      200,
      {
        gtin: GTIN,
        lot: 'L1',
        serial: 'S9',
        expiry: '2031-01-31',
        elements: [
          { ai: '01', value: GTIN },
          { ai: '10', value: 'L1' },
          { ai: '21', value: 'S9' },
          { ai: '17', value: '310131' },
          { ai: '714', value: 'AIM-1' },
        ],
      },
    ]);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      type: 'urn:cannatrace:problem:unreadable_scan',
      reason: 'bad_date',
      position: 18,
    });
  });
});

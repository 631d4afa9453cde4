import { describe, expect, it } from '@jest/globals';
import { epcisProblems } from '../../../test/epcis-structure.js';
import { batchEpcisDocument, parisOffset, PRESCRIPTION_TRANSACTION_TYPE, registerSiteOf } from '#domain';

const GTIN = '03400930000014';
const recorded = (stream: string, type: string, data: object, occurredAt = '2026-01-15T09:00:00.000Z') => ({
  id: '6f1c1d2e-3b4a-4c5d-8e9f-0a1b2c3d4e5f',
  stream,
  type,
  data,
  metadata: { occurredAt, recordedAt: occurredAt, organisation: 'SUP-1' },
});

describe('EPCIS export of a batch', () => {
  it('gives Paris offsets: +01:00 in winter, +02:00 in summer', () => {
    expect(parisOffset('2026-01-15T09:00:00Z')).toBe('+01:00');
    expect(parisOffset('2026-07-15T09:00:00Z')).toBe('+02:00');
  });

  it('maps each kind of event to its business step and disposition, lines of other batches left out', () => {
    const line = (lot: string, quantity: number) => ({ gtin: GTIN, lot, quantity });
    const document = batchEpcisDocument(GTIN, 'L1', [
      recorded(`batch-${GTIN}-L1`, 'BatchRegistered', { quantity: 100, supplierId: 'SUP-1' }),
      recorded('register-EXP-1', 'ShipmentDispatched', {
        shipmentId: 'EXP-1~1',
        to: 'PH-1',
        lines: [line('L1', 3), line('L9', 2)],
      }),
      recorded('register-PH-1', 'StockDestroyed', { ...line('L1', 1) }),
      recorded('register-PH-1', 'LossDeclared', { ...line('L1', 1), kind: 'theft' }),
      recorded('register-PH-1', 'UnknownFutureEvent', {}),
    ]);
    expect(
      document.epcisBody.eventList.map((e) => [
        e.action,
        e.bizStep,
        e.disposition,
        e.quantityList?.[0].quantity,
        e.readPoint?.id,
      ]),
    ).toEqual([
      ['ADD', 'commissioning', 'active', 100, 'urn:cannatrace:site:SUP-1'],
      ['OBSERVE', 'shipping', 'in_transit', 3, 'urn:cannatrace:site:EXP-1'],
      ['DELETE', 'destroying', 'destroyed', 1, 'urn:cannatrace:site:PH-1'],
      ['OBSERVE', 'other', 'stolen', 1, 'urn:cannatrace:site:PH-1'],
    ]);
    expect(document.epcisBody.eventList[1]).toMatchObject({
      destinationList: [{ type: 'owning_party', destination: 'urn:cannatrace:organisation:PH-1' }],
      quantityList: [{ epcClass: `https://id.gs1.org/01/${GTIN}/10/L1`, quantity: 3 }],
      eventTimeZoneOffset: '+01:00',
    });
  });

  const ansm = (type: string, data: object) => ({
    ...recorded(`batch-${GTIN}-L1`, type, data),
    metadata: { occurredAt: '2026-03-01T10:00:00.000Z', recordedAt: '2026-03-01T10:00:00.000Z', organisation: 'ANSM' },
  });
  const line = (quantity: number) => ({ gtin: GTIN, lot: 'L1', quantity });
  const history = [
    recorded(`batch-${GTIN}-L1`, 'BatchRegistered', { quantity: 100, supplierId: 'SUP-1' }),
    ansm('BatchPutOnHold', { reason: 'suspected contamination' }),
    ansm('BatchHoldLifted', { reason: 'analyses conformant' }),
    ansm('BatchRecalled', { reason: 'contamination confirmed' }),
    recorded('register-PH-1', 'LossDeclared', { ...line(1), kind: 'loss' }),
    recorded('register-PH-1', 'LossDeclared', { ...line(2), kind: 'theft' }),
    recorded('register-PH-1', 'InventoryCounted', {
      countedOn: '2026-03-31',
      counts: [{ gtin: GTIN, lot: 'L1', counted: 7, recorded: 7 }],
      adjustments: [],
    }),
    recorded('register-PH-1', 'PrescriptionDispensed', {
      dispensationId: 'D1',
      prescriptionId: 'RX-1',
      patientId: 'P-1',
      ...line(1),
      serial: null,
      dispensedOn: '2026-03-02',
    }),
  ];

  it('names no place for a hold, its lifting or a recall: they concern every pack, wherever it is (defect 6)', () => {
    const [registered, held, lifted, recalled] = batchEpcisDocument(GTIN, 'L1', history).epcisBody.eventList;
    expect(registered.readPoint).toEqual({ id: 'urn:cannatrace:site:SUP-1' });
    for (const event of [held, lifted, recalled]) {
      expect(event).not.toHaveProperty('readPoint');
      expect(event).not.toHaveProperty('bizLocation');
    }
    expect([held, lifted, recalled].map((e) => [e.bizStep, e.disposition])).toEqual([
      ['holding', 'non_sellable_other'],
      ['inspecting', 'sellable_accessible'],
      ['holding', 'recalled'],
    ]);
  });

  it('types losses, thefts, stock taking and prescriptions by their CBV 2.0 definitions (defect 6)', () => {
    const events = batchEpcisDocument(GTIN, 'L1', history).epcisBody.eventList.slice(4);
    expect(events.map((e) => [e.bizStep, e.disposition, e.quantityList?.[0].quantity])).toEqual([
      ['other', 'unknown', 1],
      ['other', 'stolen', 2],
      ['stock_taking', 'sellable_not_accessible', 7],
      ['dispensing', 'dispensed', 1],
    ]);
    expect(events[3].bizTransactionList).toEqual([
      { type: PRESCRIPTION_TRANSACTION_TYPE, bizTransaction: 'urn:cannatrace:prescription:RX-1' },
    ]);
    expect(JSON.stringify(events)).not.toContain('P-1');
  });

  it("percent-encodes !'()* in the Digital Link URIs of lots and serials (defect 5)", () => {
    const lot = "L(1)*'!";
    const document = batchEpcisDocument(GTIN, lot, [
      recorded(`batch-${GTIN}-${lot}`, 'BatchRegistered', { quantity: 5, supplierId: 'SUP-1' }),
      recorded('register-PH-1', 'PrescriptionDispensed', {
        dispensationId: 'D1',
        prescriptionId: 'RX-1',
        patientId: 'P-1',
        gtin: GTIN,
        lot,
        quantity: 1,
        serial: 'S(1)',
        dispensedOn: '2026-03-02',
      }),
    ]);
    const [registered, dispensed] = document.epcisBody.eventList;
    expect(registered.quantityList?.[0].epcClass).toBe(`https://id.gs1.org/01/${GTIN}/10/L%281%29%2A%27%21`);
    expect(dispensed.epcList).toEqual([`https://id.gs1.org/01/${GTIN}/21/S%281%29`]);
  });

  it('exports documents that pass the EPCIS 2.0 structure check', () => {
    expect(epcisProblems(batchEpcisDocument(GTIN, 'L1', history))).toEqual([]);
  });

  it('reads the holder site from a register stream, and nothing from other streams', () => {
    expect(registerSiteOf('register-PH-1')).toBe('PH-1');
    expect(registerSiteOf(`batch-${GTIN}-L1`)).toBeUndefined();
  });

  it('names sites and parties by their GLN where they have one, by cannatrace names otherwise', () => {
    const glns = new Map([
      ['EXP-1', '3760000000017'],
      ['PH-1', '3760000000024'],
    ]);
    const line = (quantity: number) => ({ gtin: GTIN, lot: 'L1', quantity });
    const document = batchEpcisDocument(
      GTIN,
      'L1',
      [
        recorded(`batch-${GTIN}-L1`, 'BatchRegistered', { quantity: 10, supplierId: 'SUP-1' }),
        recorded('register-EXP-1', 'ShipmentDispatched', { shipmentId: 'EXP-1~1', to: 'PH-1', lines: [line(3)] }),
      ],
      { glns },
    );
    const [registered, shipped] = document.epcisBody.eventList;
    expect(registered.readPoint).toEqual({ id: 'urn:cannatrace:site:SUP-1' });
    expect(shipped).toMatchObject({
      readPoint: { id: 'https://id.gs1.org/414/3760000000017' },
      bizLocation: { id: 'https://id.gs1.org/414/3760000000017' },
      sourceList: [{ type: 'owning_party', source: 'https://id.gs1.org/417/3760000000017' }],
      destinationList: [{ type: 'owning_party', destination: 'https://id.gs1.org/417/3760000000024' }],
    });
    expect(epcisProblems(document)).toEqual([]);
  });
});

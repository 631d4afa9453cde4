import { describe, expect, it } from '@jest/globals';
import { batchEpcisDocument, parisOffset } from '../src/index.js';

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
      recorded('register-EXP-1', 'ShipmentDispatched', { shipmentId: 'EXP-1~1', to: 'PH-1', lines: [line('L1', 3), line('L9', 2)] }),
      recorded('register-PH-1', 'StockDestroyed', { ...line('L1', 1) }),
      recorded('register-PH-1', 'LossDeclared', { ...line('L1', 1), kind: 'theft' }),
      recorded('register-PH-1', 'UnknownFutureEvent', {}),
    ]);
    expect(document.epcisBody.eventList.map((e) => [e.action, e.bizStep, e.disposition, e.quantityList?.[0].quantity, e.readPoint.id])).toEqual([
      ['ADD', 'commissioning', 'active', 100, 'urn:cannatrace:site:SUP-1'],
      ['OBSERVE', 'shipping', 'in_transit', 3, 'urn:cannatrace:site:EXP-1'],
      ['DELETE', 'destroying', 'destroyed', 1, 'urn:cannatrace:site:PH-1'],
      ['OBSERVE', 'removing', 'stolen', 1, 'urn:cannatrace:site:PH-1'],
    ]);
    expect(document.epcisBody.eventList[1]).toMatchObject({
      destinationList: [{ type: 'owning_party', destination: 'urn:cannatrace:organisation:PH-1' }],
      quantityList: [{ epcClass: `https://id.gs1.org/01/${GTIN}/10/L1`, quantity: 3 }],
      eventTimeZoneOffset: '+01:00',
    });
  });
});

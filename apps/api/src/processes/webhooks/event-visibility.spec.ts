import { describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '#event-store';
import { batchParties, maySee } from './event-visibility.js';

const KEY = '03400930000014-L1';
let position = 0;
const event = (
  stream: string,
  type: string,
  data: object,
  organisation = 'ANSM',
  batchKeys = [KEY],
): RecordedEvent => ({
  id: `e${++position}`,
  type,
  stream,
  revision: 0,
  position: `1/${position}`,
  data: data as RecordedEvent['data'],
  metadata: {
    actor: 'someone',
    role: 'ansm',
    organisation,
    occurredAt: '2026-11-25T09:00:00Z',
    recordedAt: '2026-11-25T09:00:00Z',
    commandId: 'c',
    correlationId: 'c',
    batchKeys,
  },
  prevHash: null,
  hash: 'h',
});

const registered = event(`batch-${KEY}`, 'BatchRegistered', { supplierId: 'SUP-1', exploitantId: 'EXP-1' }, 'SUP-1');
const toPh1 = event(
  'register-EXP-1~2026-11',
  'ShipmentDispatched',
  { shipmentId: 's', to: 'PH-1', lines: [] },
  'EXP-1',
);
const receivedByPh1 = event(
  'register-PH-1~2026-11',
  'ShipmentReceived',
  { shipmentId: 's', from: 'EXP-1', accepted: [{ gtin: '03400930000014', lot: 'L1', quantity: 2 }], discrepancies: [] },
  'PH-1',
);
const dispensed = event('register-PH-1~2026-11', 'PrescriptionDispensed', { patientId: 'PSN-1' }, 'PH-1');
const recalled = event(`batch-${KEY}`, 'BatchRecalled', { reason: 'x' });
const history = [registered, toPh1, receivedByPh1, dispensed, recalled];
const sees = (role: string, organisation: string, e: RecordedEvent) =>
  maySee({ role, organisation }, e, batchParties(history, e.id));

describe('which events an organisation may see', () => {
  it('ANSM sees everything', () => expect(history.every((e) => sees('ansm', 'ANSM', e))).toBe(true));
  it("a pharmacy sees its own register, a shipment to it, and its batch's recall once it received packs", () => {
    expect(history.map((e) => sees('pharmacist', 'PH-1', e))).toEqual([false, true, true, true, true]);
  });
  it("never another site's register, nor a batch it never held", () => {
    expect(history.map((e) => sees('pharmacist', 'PH-2', e))).toEqual([false, false, false, false, false]);
  });
  it("the batch's supplier and exploitant are parties from its registration", () => {
    expect(history.map((e) => sees('exploitant', 'EXP-1', e))).toEqual([true, true, false, false, true]);
    expect(history.map((e) => sees('supplier', 'SUP-1', e))).toEqual([true, false, false, false, true]);
  });
});

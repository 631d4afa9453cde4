import { describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '#event-store';
import { visibleTo } from './event-visibility.js';

const KEY = '03400930000014-L1';
const LINE = { gtin: '03400930000014', lot: 'L1' };
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

const batch = `batch-${KEY}`;
const registered = event(batch, 'BatchRegistered', { supplierId: 'SUP-1', exploitantId: 'EXP-1' }, 'SUP-1');
const analysed = event(batch, 'AnalysisRecorded', { laboratoryId: 'LAB-1', conforms: true }, 'LAB-1');
const toPh1 = event(
  'register-EXP-1~2026-11',
  'ShipmentDispatched',
  { shipmentId: 's', to: 'PH-1', lines: [] },
  'EXP-1',
);
const receivedByPh1 = event(
  'register-PH-1~2026-11',
  'ShipmentReceived',
  { shipmentId: 's', from: 'EXP-1', accepted: [{ ...LINE, quantity: 2 }], discrepancies: [] },
  'PH-1',
);
const toPh2 = event(
  'register-EXP-1~2026-11',
  'ShipmentDispatched',
  { shipmentId: 't', to: 'PH-2', lines: [{ ...LINE, quantity: 1 }] },
  'EXP-1',
);
const dispensed = event('register-PH-1~2026-11', 'PrescriptionDispensed', { patientId: 'PSN-1' }, 'PH-1');
const onHold = event(batch, 'BatchPutOnHold', { reason: 'x' });
const recalled = event(batch, 'BatchRecalled', { reason: 'x' });
const notifiedPh1 = event(batch, 'RecallSiteNotified', { organisationId: 'PH-1', quantity: 2 });
const notifiedPh2 = event(batch, 'RecallSiteNotified', { organisationId: 'PH-2', quantity: 1 });
const history = [
  registered,
  analysed,
  toPh1,
  receivedByPh1,
  toPh2,
  dispensed,
  onHold,
  recalled,
  notifiedPh1,
  notifiedPh2,
];
const store = { readByBatchKey: async () => history };
const seen = async (role: string, organisation: string) => {
  const names: string[] = [];
  for (const e of history) if (await visibleTo(store, { role, organisation }, e)) names.push(e.id);
  return names;
};
const ids = (...events: RecordedEvent[]) => events.map((e) => e.id);

describe('which events an organisation may see (batchAccess decides for a batch stream)', () => {
  it('ANSM sees everything', async () => expect(await seen('ansm', 'ANSM')).toEqual(ids(...history)));
  it('a holder site: its register, a shipment to it, hold/lift/recall, and only its OWN RecallSiteNotified', async () => {
    expect(await seen('pharmacist', 'PH-1')).toEqual(
      ids(toPh1, receivedByPh1, dispensed, onHold, recalled, notifiedPh1),
    );
  });
  it("a site that was only sent packs is a holder too, and never sees another site's register", async () => {
    expect(await seen('pharmacist', 'PH-2')).toEqual(ids(toPh2, onHold, recalled, notifiedPh2));
  });
  it('an unlinked site sees nothing of the batch', async () => {
    expect(await seen('pharmacist', 'PH-9')).toEqual([]);
  });
  it("the batch's supplier and exploitant see all the batch's events (analyses, every site's notice)", async () => {
    expect(await seen('supplier', 'SUP-1')).toEqual(
      ids(registered, analysed, onHold, recalled, notifiedPh1, notifiedPh2),
    );
    expect(await seen('exploitant', 'EXP-1')).toEqual(
      ids(registered, analysed, toPh1, toPh2, onHold, recalled, notifiedPh1, notifiedPh2),
    );
  });
  it('a site sees nothing of a batch before its link exists', async () => {
    const early = [registered, analysed, onHold];
    const before = { readByBatchKey: async () => early };
    expect(await visibleTo(before, { role: 'pharmacist', organisation: 'PH-1' }, onHold)).toBe(false);
  });
  it('vigilance is for ANSM alone: not even the reporting pharmacy receives its own report (free text)', async () => {
    const filed = event(
      'vigilance-report-r1',
      'VigilanceReportFiled',
      { reportId: 'r1', narrative: 'somnolence', patientId: 'PSN-1' },
      'PH-1',
      ['vigilance:batch:03400930000014:L1'],
    );
    const signal = event('vigilance-signal-s1', 'VigilanceSignalRaised', { signalId: 's1' }, 'cannatrace', []);
    const threshold = event('vigilance-thresholds', 'VigilanceThresholdSet', { reports: 3, days: 30 }, 'ANSM', []);
    for (const e of [filed, signal, threshold]) {
      expect(await visibleTo(store, { role: 'pharmacist', organisation: 'PH-1' }, e)).toBe(false);
      expect(await visibleTo(store, { role: 'supplier', organisation: 'SUP-1' }, e)).toBe(false);
      expect(await visibleTo(store, { role: 'ansm', organisation: 'ANSM' }, e)).toBe(true);
    }
  });
});

import { describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '#event-store';
import { exportBatch, UnknownBatchError } from './export.js';

const GTIN = '03400930000014';
const storeWith = (events: RecordedEvent[], organisations: Record<string, object> = {}) => ({
  readByBatchKey: async (key: string) => (key === `${GTIN}-L1` ? events : []),
  readStream: async (stream: string) => {
    const details = organisations[stream.replace('organisation-', '')];
    return (details ? [{ type: 'OrganisationRegistered', data: details }] : []) as unknown as RecordedEvent[];
  },
});

describe('cli export', () => {
  it('fails on a batch no event concerns, where it used to print an empty document (defect 7)', async () => {
    await expect(exportBatch(storeWith([]), { gtin: GTIN, lot: 'NOPE' })).rejects.toThrow(UnknownBatchError);
    await expect(exportBatch(storeWith([]), { gtin: GTIN, lot: 'NOPE' })).rejects.toThrow(
      `no event concerns lot NOPE of GTIN ${GTIN}`,
    );
  });

  it("exports a known batch's events", async () => {
    const registered = {
      id: '6f1c1d2e-3b4a-4c5d-8e9f-0a1b2c3d4e5f',
      stream: `batch-${GTIN}-L1`,
      type: 'BatchRegistered',
      data: { quantity: 10, supplierId: 'SUP-1' },
      metadata: {
        occurredAt: '2026-01-15T09:00:00.000Z',
        recordedAt: '2026-01-15T09:00:00.000Z',
        organisation: 'SUP-1',
      },
    } as unknown as RecordedEvent;
    const document = await exportBatch(storeWith([registered]), { gtin: GTIN, lot: 'L1' });
    expect(document.epcisBody.eventList.map((e) => [e.bizStep, e.readPoint?.id])).toEqual([
      ['commissioning', 'urn:cannatrace:site:SUP-1'],
    ]);
    const supplier = { id: 'SUP-1', kind: 'supplier', name: 'S', country: 'PT', gln: '5601234000009' };
    const withGln = await exportBatch(storeWith([registered], { 'SUP-1': supplier }), { gtin: GTIN, lot: 'L1' });
    expect(withGln.epcisBody.eventList[0].readPoint).toEqual({ id: 'https://id.gs1.org/414/5601234000009' });
  });
});

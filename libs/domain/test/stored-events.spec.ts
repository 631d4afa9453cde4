import { describe, expect, it } from '@jest/globals';
import {
  batchOf,
  batchStream,
  decidedEvent,
  legacyRegisterStream,
  prescriptionOf,
  prescriptionStream,
  registerBookStream,
} from '#domain';

const at = { occurredAt: '2026-03-01T10:00:00.000Z' };

describe('stored events typed by their stream', () => {
  it('reads a batch stream back into its GTIN and lot, a lot holding dashes included', () => {
    expect(batchOf(batchStream('03400930000014', 'L-1-A'))).toEqual({ gtin: '03400930000014', lot: 'L-1-A' });
    expect(batchOf('batch-03400930000014')).toBeUndefined();
    expect(batchOf('batch-03400930000014-')).toBeUndefined();
    expect(batchOf('product-03400930000014')).toBeUndefined();
  });

  it('reads a prescription stream back into its id', () => {
    expect(prescriptionOf(prescriptionStream('RX-1'))).toBe('RX-1');
    expect(prescriptionOf('prescription-')).toBeUndefined();
    expect(prescriptionOf('register-PH-1~2026-03')).toBeUndefined();
  });

  it('names the decider of each event: register books and the legacy register, batches, prescriptions', () => {
    const data = { gtin: '03400930000014', lot: 'L1', quantity: 5, reason: 'batch_release' };
    expect(
      decidedEvent({ stream: registerBookStream('PH-1', '2026-03'), type: 'StockEntered', data, metadata: at }),
    ).toEqual({
      of: 'register',
      site: 'PH-1',
      event: { stream: 'register-PH-1~2026-03', type: 'StockEntered', data, metadata: at },
      occurredAt: at.occurredAt,
    });
    expect(
      decidedEvent({ stream: legacyRegisterStream('PH-1'), type: 'StockEntered', data, metadata: at }),
    ).toMatchObject({ of: 'register', site: 'PH-1' });
    expect(
      decidedEvent({ stream: batchStream('03400930000014', 'L1'), type: 'BatchRecalled', data: {}, metadata: at }),
    ).toMatchObject({ of: 'batch', gtin: '03400930000014', lot: 'L1' });
    expect(
      decidedEvent({ stream: prescriptionStream('RX-1'), type: 'PrescriptionCancelled', data: {}, metadata: at }),
    ).toMatchObject({ of: 'prescription', prescriptionId: 'RX-1' });
    expect(
      decidedEvent({ stream: 'indication-EPILEPSY', type: 'PatientTreatmentStopped', data: {}, metadata: at }),
    ).toMatchObject({ of: 'indication', indication: 'EPILEPSY' });
    expect(
      decidedEvent({ stream: 'follow-up-CT-7AFG3H3YAQ90HCBC1', type: 'ConsultationRecorded', data: {}, metadata: at }),
    ).toMatchObject({ of: 'follow-up', patientId: 'CT-7AFG3H3YAQ90HCBC1' });
    expect(
      decidedEvent({ stream: 'follow-up-schedule', type: 'LongConsultationScheduleSet', data: {}, metadata: at }),
    ).toMatchObject({ of: 'follow-up-schedule' });
    expect(decidedEvent({ stream: 'indication-UNKNOWN', type: 'PatientIncluded', data: {}, metadata: at })).toEqual({
      of: 'other',
    });
  });

  it("types the streams the regulator's reports read, the follow-up schedule's among them", () => {
    const of = (stream: string) => decidedEvent({ stream, type: 'X', data: {}, metadata: at });
    expect(of('indication-EPILEPSY')).toMatchObject({ of: 'indication', indication: 'EPILEPSY' });
    expect(of('indication-NOT_ONE')).toEqual({ of: 'other' });
    expect(of('organisation-PH-1')).toMatchObject({ of: 'organisation', organisationId: 'PH-1' });
    expect(of('product-03400930000014')).toMatchObject({ of: 'product', gtin: '03400930000014' });
    expect(of('follow-up-CT-7AFG3H3YAQ90HCBC1')).toMatchObject({ of: 'follow-up', patientId: 'CT-7AFG3H3YAQ90HCBC1' });
    expect(of('follow-up-schedule')).toMatchObject({ of: 'follow-up-schedule' });
    expect(of('vigilance-report-VR-1')).toMatchObject({ of: 'vigilance-report', reportId: 'VR-1' });
    expect(of('vigilance-signal-S-1')).toMatchObject({ of: 'vigilance-signal', signalId: 'S-1' });
  });

  it('takes a register event type met outside a register for no register event', () => {
    expect(decidedEvent({ stream: 'inbox-EXP-1', type: 'ShipmentDispatched', data: {}, metadata: at })).toEqual({
      of: 'other',
    });
  });
});

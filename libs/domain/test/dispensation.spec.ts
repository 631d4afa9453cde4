import { describe, it } from '@jest/globals';
import { type PrescriptionState, type RegisterEvent } from '#domain';
import { givenRegister, issuedPrescription, pharmacist, releasedBatch } from './fixtures.js';

const given = givenRegister;
const GTIN = '03400930000014';
const received: RegisterEvent = {
  type: 'ShipmentReceived',
  data: {
    shipmentId: 'EXP-1~1',
    from: 'EXP-1',
    accepted: [{ gtin: GTIN, lot: 'L1', quantity: 5 }],
    discrepancies: [],
    serials: [],
  },
};
const prescription = issuedPrescription(4, '2026-03-01');
const batch = releasedBatch;
const dispense = (overrides: object = {}) => ({
  type: 'Dispense' as const,
  site: 'PH-1',
  dispensationId: 'D1',
  prescriptionId: 'RX-1',
  prescription,
  pharmacist,
  pack: { gtin: GTIN, lot: 'L1', serial: null },
  quantity: 2,
  batch,
  today: '2026-03-02',
  ...overrides,
});
const dispensed = (quantity: number, on = '2026-03-02', id = 'D1', serial: string | null = null): RegisterEvent => ({
  type: 'PrescriptionDispensed',
  data: {
    dispensationId: id,
    prescriptionId: 'RX-1',
    patientId: 'PSEUDO-A',
    gtin: GTIN,
    lot: 'L1',
    quantity,
    serial,
    dispensedOn: on,
    expiresOn: '2027-01-31',
  },
});

describe('dispensation (register decider)', () => {
  it('dispenses a fraction, then the rest, never more than prescribed', () => {
    given([received])
      .when(dispense())
      .then([dispensed(2)]);
    given([received, dispensed(2)])
      .when(dispense({ dispensationId: 'D2', today: '2026-03-15' }))
      .then([dispensed(2, '2026-03-15', 'D2')]);
    given([received, dispensed(2), dispensed(2, '2026-03-15', 'D2')])
      .when(dispense({ dispensationId: 'D3', quantity: 1, today: '2026-03-20' }))
      .thenRefused('rule', 'exceeds_prescription');
  });

  it('gives all packs when first presented on day 3, only the remaining days on day 4', () => {
    given([received])
      .when(dispense({ quantity: 4, today: '2026-03-04' }))
      .then([dispensed(4, '2026-03-04')]);
    given([received])
      .when(dispense({ quantity: 4, today: '2026-03-05' }))
      .thenRefused('rule', 'exceeds_prescription');
    given([received])
      .when(dispense({ quantity: 3, today: '2026-03-05' }))
      .then([dispensed(3, '2026-03-05')]);
    // Presented on time, a later fraction is not reduced.
    given([received, dispensed(1, '2026-03-03')])
      .when(dispense({ quantity: 3, today: '2026-03-20' }))
      .then([dispensed(3, '2026-03-20')]);
  });

  it('dispenses on the last day of a 28-day treatment (27 days after issue), never after', () => {
    given([received])
      .when(dispense({ quantity: 1, today: '2026-03-28' }))
      .thenRefused('rule', 'exceeds_prescription');
    given([received, dispensed(1, '2026-03-02')])
      .when(dispense({ quantity: 1, today: '2026-03-28' }))
      .then([dispensed(1, '2026-03-28')]);
    given([received, dispensed(1, '2026-03-02')])
      .when(dispense({ quantity: 1, today: '2026-03-29' }))
      .thenRefused('rule', 'treatment_period_over');
  });

  it('dispenses the last pack held, not one more', () => {
    const four = { ...prescription, quantity: 10 } as PrescriptionState;
    given([received])
      .when(dispense({ prescription: four, quantity: 5 }))
      .then([dispensed(5)]);
    given([received])
      .when(dispense({ prescription: four, quantity: 6 }))
      .thenRefused('rule', 'insufficient_stock');
  });

  it('dispenses a serialised pack once', () => {
    const pack = { gtin: GTIN, lot: 'L1', serial: 'S1' };
    given([received])
      .when(dispense({ pack, quantity: 1 }))
      .then([dispensed(1, '2026-03-02', 'D1', 'S1')]);
    given([received, dispensed(1, '2026-03-02', 'D1', 'S1')])
      .when(dispense({ pack, quantity: 1, dispensationId: 'D2' }))
      .thenRefused('rule', 'serial_already_dispensed');
    given([received])
      .when(dispense({ pack, quantity: 2 }))
      .thenRefused('rule', 'one_pack_per_serial');
  });

  it("refuses a pack whose code gives another expiry than its batch's, and takes one that matches", () => {
    const pack = { gtin: GTIN, lot: 'L1', serial: 'S1' };
    given([received])
      .when(dispense({ pack: { ...pack, scannedExpiry: '1999-12-31' }, quantity: 1 }))
      .thenRefused('rule', 'scanned_expiry_differs');
    given([received])
      .when(dispense({ pack: { ...pack, scannedExpiry: '2027-01-31' }, quantity: 1 }))
      .then([dispensed(1, '2026-03-02', 'D1', 'S1')]);
  });

  it('is for a trained pharmacist of this pharmacy, for a prescription naming it', () => {
    given([received])
      .when(dispense({ pharmacist: { ...pharmacist, organisationId: 'PH-2' } }))
      .thenRefused('forbidden', 'pharmacist_not_of_pharmacy');
    given([received])
      .when(dispense({ pharmacist: { ...pharmacist, trainedOn: null } }))
      .thenRefused('forbidden', 'pharmacist_not_trained');
    given([received])
      .when(dispense({ prescription: { ...prescription, pharmacyId: 'PH-2' } }))
      .thenRefused('forbidden', 'prescription_for_another_pharmacy');
  });

  it('refuses an unknown or cancelled prescription, another product', () => {
    given([received])
      .when(dispense({ prescription: { status: 'unknown' } }))
      .thenRefused('not_found', 'prescription_unknown');
    given([received])
      .when(dispense({ prescription: { ...prescription, status: 'cancelled' } }))
      .thenRefused('rule', 'prescription_cancelled');
    given([received])
      .when(dispense({ pack: { gtin: '03400930000021', lot: 'L1', serial: null } }))
      .thenRefused('rule', 'wrong_product');
  });

  it.each([
    [{ released: false }, 'batch_not_released'],
    [{ onHold: true }, 'batch_on_hold'],
    [{ recalled: true }, 'batch_recalled'],
    [{ expiresOn: '2026-03-02' }, 'batch_expired'],
  ])('refuses a batch with %j', (change, rule) =>
    given([received])
      .when(dispense({ batch: { ...batch, ...change } }))
      .thenRefused('rule', rule),
  );
});

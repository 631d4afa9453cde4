import { describe, expect, it } from '@jest/globals';
import {
  addMonths,
  bookBalance,
  bookOpensAt,
  carryOver,
  eventVersions,
  fold,
  registerBookMonthOf,
  registerBookStream,
  registerDecider,
  registerSiteOf,
  type RegisterEvent,
} from '#domain';
import { bookOpened, issuedPrescription, pharmacist, releasedBatch } from './fixtures.js';
import { specification } from './given-when-then.js';

const given = specification(registerDecider);
const GTIN = '03400930000014';
const line = (quantity: number, lot = 'L1') => ({ gtin: GTIN, lot, quantity });
const received = (shipmentId: string, quantity: number): RegisterEvent => ({
  type: 'ShipmentReceived',
  data: { shipmentId, from: 'EXP-1', accepted: [line(quantity)], discrepancies: [], serials: [] },
});
const dispensed = (
  quantity: number,
  on: string,
  serial: string | null = null,
  prescriptionId = 'RX-1',
): RegisterEvent => ({
  type: 'PrescriptionDispensed',
  data: {
    dispensationId: `D-${on}-${serial}`,
    prescriptionId,
    patientId: 'PSEUDO-A',
    gtin: GTIN,
    lot: 'L1',
    quantity,
    serial,
    dispensedOn: on,
    expiresOn: releasedBatch.expiresOn,
  },
});
const closed = (nextMonth: string, closing = [line(0)]): RegisterEvent => ({
  type: 'RegisterBookClosed',
  data: { nextMonth, closing },
});
const prescription = issuedPrescription(3, '2026-02-20');
const dispense = (today: string, serial: string | null = null, quantity = 1) => ({
  type: 'Dispense' as const,
  site: 'PH-1',
  dispensationId: `D-${today}-${serial}`,
  prescriptionId: 'RX-1',
  prescription,
  pharmacist,
  pack: { gtin: GTIN, lot: 'L1', serial },
  quantity,
  batch: releasedBatch,
  today,
});

/** February's book as given, closed into March, and March's opening as the decider makes it. */
function marchAfter(february: RegisterEvent[]): RegisterEvent[] {
  const previous = fold(registerDecider, [bookOpened('2026-02'), ...february, closed('2026-03')]);
  return registerDecider.decide(
    { type: 'OpenBook', month: '2026-03', previousBook: 'register-PH-1~2026-02', previous },
    registerDecider.initialState(),
  );
}

describe('register books', () => {
  it('names one book per site and month, and reads the site and month back', () => {
    expect(registerBookStream('PH-CENTRE.2', '2026-03')).toBe('register-PH-CENTRE.2~2026-03');
    expect(registerSiteOf('register-PH-CENTRE.2~2026-03')).toBe('PH-CENTRE.2');
    expect(registerBookMonthOf('register-PH-CENTRE.2~2026-03')).toBe('2026-03');
    expect(registerSiteOf('register-PH-1')).toBe('PH-1');
    expect(registerBookMonthOf('register-PH-1')).toBeNull();
    expect(registerSiteOf('batch-03400930000014-L1')).toBeUndefined();
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-01', -13)).toBe('2024-12');
  });

  it('opens a book at midnight in Paris, winter and summer time', () => {
    expect(bookOpensAt('2026-12').toISOString()).toBe('2026-11-30T23:00:00.000Z');
    expect(bookOpensAt('2026-07').toISOString()).toBe('2026-06-30T22:00:00.000Z');
  });

  it('writes no movement in a book that is not open, or closed', () => {
    given([]).when(dispense('2026-02-21')).thenRefused('conflict', 'register_book_closed');
    given([bookOpened(), received('EXP-1~2026-02~aaaaaaaaaaaa', 5), closed('2026-03')])
      .when(dispense('2026-02-28'))
      .thenRefused('conflict', 'register_book_closed');
  });

  it('closes a book once, with its stock, and opens the next only from a closed one', () => {
    given([bookOpened(), received('EXP-1~2026-02~aaaaaaaaaaaa', 5), dispensed(2, '2026-02-21')])
      .when({ type: 'CloseBook', nextMonth: '2026-03' })
      .then([closed('2026-03', [line(3)])]);
    given([bookOpened(), closed('2026-03')])
      .when({ type: 'CloseBook', nextMonth: '2026-03' })
      .then([]);
    const open = fold(registerDecider, [bookOpened()]);
    given([])
      .when({ type: 'OpenBook', month: '2026-03', previousBook: 'register-PH-1~2026-02', previous: open })
      .thenRefused('conflict', 'register_book_closed');
  });

  it('dispenses on the first day of a month from stock received the month before, and counts the fill across the cut', () => {
    const march = marchAfter([received('EXP-1~2026-02~aaaaaaaaaaaa', 5), dispensed(1, '2026-02-21', 'S1')]);
    given(march)
      .when(dispense('2026-03-01', 'S2'))
      .then([dispensed(1, '2026-03-01', 'S2')]);
    // The serial dispensed in February is still known in March, and so are the packs already given.
    given(march).when(dispense('2026-03-01', 'S1')).thenRefused('rule', 'serial_already_dispensed');
    given([...march, dispensed(1, '2026-03-01', 'S2')])
      .when(dispense('2026-03-02', null, 2))
      .thenRefused('rule', 'exceeds_prescription');
    given([...march, dispensed(1, '2026-03-01', 'S2')])
      .when(dispense('2026-03-02', null, 1))
      .then([dispensed(1, '2026-03-02', null)]);
  });

  it('counts an inventory in the new book against the stock carried over', () => {
    const march = marchAfter([received('EXP-1~2026-02~aaaaaaaaaaaa', 5), dispensed(1, '2026-02-21')]);
    given(march)
      .when({ type: 'CountInventory', countedOn: '2026-03-01', counts: [] })
      .thenRefused('rule', 'inventory_incomplete');
    given(march)
      .when({ type: 'CountInventory', countedOn: '2026-03-01', counts: [line(3)] })
      .then([
        {
          type: 'InventoryCounted',
          data: {
            countedOn: '2026-03-01',
            counts: [{ gtin: GTIN, lot: 'L1', counted: 3, recorded: 4 }],
            adjustments: [{ gtin: GTIN, lot: 'L1', difference: -1 }],
          },
        },
      ]);
  });

  /** The receipt of 5 packs shipped to PH-1 in February 2026. */
  const receiveFebruaryShipment = {
    type: 'ReceiveShipment' as const,
    site: 'PH-1',
    shipmentId: 'EXP-1~2026-02~aaaaaaaaaaaa',
    dispatch: { from: 'EXP-1', to: 'PH-1', lines: [line(5)], month: '2026-02' },
    arrival: { kind: 'lines' as const, lines: [line(5)] },
    expiries: new Map<string, string>(),
  };

  it('refuses a second receipt of a shipment received in an earlier book', () => {
    const march = marchAfter([received('EXP-1~2026-02~aaaaaaaaaaaa', 5)]);
    given(march).when(receiveFebruaryShipment).thenRefused('conflict', 'shipment_already_received');
  });

  it('refuses the receipt of a shipment dispatched more than 12 months before', () =>
    given([bookOpened('2027-03')])
      .when(receiveFebruaryShipment)
      .thenRefused('rule', 'receipt_too_late'));

  it('carries only what the rules can still need: live prescriptions, unexpired serials, a year of receipts', () => {
    const february = fold(registerDecider, [
      bookOpened('2026-02'),
      received('EXP-1~2026-02~aaaaaaaaaaaa', 9),
      dispensed(1, '2026-02-01', 'S-OLD', 'RX-OLD'),
      dispensed(1, '2026-02-02', null, 'RX-LIVE'),
      {
        ...dispensed(1, '2026-02-03', 'S-EXPIRED', 'RX-OLD'),
        data: {
          ...(dispensed(1, '2026-02-03', 'S-EXPIRED', 'RX-OLD').data as object),
          lot: 'L2',
          expiresOn: '2026-02-28',
        },
      } as RegisterEvent,
      closed('2026-03'),
    ]);
    const carried = carryOver(february, '2026-03');
    // RX-OLD was first dispensed 28 days before March 1st: its treatment cannot run any more.
    expect(carried.fills.map((f) => f.prescriptionId)).toEqual(['RX-LIVE']);
    expect(carried.serials).toEqual([
      { gtin: GTIN, lot: 'L1', expiresOn: releasedBatch.expiresOn, serials: ['S-OLD'] },
    ]);
    expect(carried.stock).toEqual([line(7), line(-1, 'L2')]);
    expect(carried.received).toEqual([{ shipmentId: 'EXP-1~2026-02~aaaaaaaaaaaa', month: '2026-02' }]);
    expect(carryOver(february, '2027-02').received).toHaveLength(1);
    expect(carryOver(february, '2027-03').received).toHaveLength(0);
  });

  it('folds in place: one step per event, never a copy of what the book holds', () => {
    const state = registerDecider.initialState();
    expect(registerDecider.evolve(state, bookOpened())).toBe(state);
    const stock = state.stock;
    expect(registerDecider.evolve(state, received('EXP-1~2026-02~aaaaaaaaaaaa', 5))).toBe(state);
    expect(state.stock).toBe(stock);
  });

  it("balances a month from its book alone: the opening carried over and the book's movements", () => {
    const march = [
      ...marchAfter([received('EXP-1~2026-02~aaaaaaaaaaaa', 5), dispensed(1, '2026-02-21')]),
      dispensed(2, '2026-03-02'),
      received('EXP-1~2026-03~bbbbbbbbbbbb', 4),
    ];
    const recorded = march.map((event, revision) => ({
      ...event,
      revision,
      metadata: { occurredAt: '2026-03-02T10:00:00Z', recordedAt: '', actor: 'x' },
    }));
    expect(bookBalance(recorded)).toEqual([{ gtin: GTIN, lot: 'L1', opening: 4, entries: 4, exits: 2, closing: 6 }]);
  });
});

describe('event versions', () => {
  it('reads a version 1 dispensation as version 2, with an unknown expiry, and leaves current events alone', () => {
    const v1 = {
      type: 'PrescriptionDispensed',
      data: { dispensationId: 'D1', serial: 'S1' },
      metadata: { actor: 'x' },
    };
    expect(eventVersions.upcast(v1)).toEqual({
      ...v1,
      data: { dispensationId: 'D1', serial: 'S1', expiresOn: null },
      metadata: { actor: 'x', schemaVersion: 2 },
    });
    const v2 = { type: 'PrescriptionDispensed', data: { expiresOn: '2027-01-31' }, metadata: { schemaVersion: 2 } };
    expect(eventVersions.upcast(v2)).toBe(v2);
    expect(eventVersions.versionOf('PrescriptionDispensed')).toBe(2);
    expect(eventVersions.versionOf('ShipmentDispatched')).toBe(1);
  });
});

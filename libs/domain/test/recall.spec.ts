import { describe, expect, it } from '@jest/globals';
import {
  batchKey,
  carryOver,
  fold,
  recallProgress,
  registerDecider,
  recallHolders,
  registerEntries,
  type BatchState,
  type OrganisationState,
  type RegisterEvent,
} from '#domain';
import { bookOpened, givenRegister, issuedPrescription, pharmacist, releasedBatch } from './fixtures.js';

const GTIN = '03400930000014';
const recalledBatch: BatchState = { ...releasedBatch, recalled: true };
const org = (id: string, kind: string) =>
  ({ status: 'registered', id, kind, name: id, country: 'FR' }) as OrganisationState;
const supplier = org('SUP-1', 'supplier');
const exploitant = org('EXP-1', 'exploitant');
const otherExploitant = org('EXP-2', 'exploitant');
const pharmacy = org('PH-1', 'community_pharmacy');
const line = (quantity: number) => ({ gtin: GTIN, lot: 'L1', quantity });
const received: RegisterEvent = {
  type: 'ShipmentReceived',
  data: { shipmentId: 'EXP-1~2026-02~1', from: 'EXP-1', accepted: [line(5)], discrepancies: [], serials: [] },
};
const acknowledged: RegisterEvent = { type: 'RecallAcknowledged', data: { gtin: GTIN, lot: 'L1', onHand: 5 } };
const quarantined: RegisterEvent = { type: 'RecalledStockQuarantined', data: line(5) };
const acknowledge = (batch: BatchState = recalledBatch, site = 'PH-1') => ({
  type: 'AcknowledgeRecall' as const,
  gtin: GTIN,
  lot: 'L1',
  batch,
  site,
});
const notifiedTo = (...sites: string[]): BatchState => ({ ...recalledBatch, notifiedSites: sites });
const returnShipment = (overrides: object = {}) => ({
  type: 'DispatchShipment' as const,
  shipmentId: 'PH-1~2026-02~1',
  sender: pharmacy,
  receiver: exploitant,
  lines: [line(5)],
  carrier: null,
  importAuthorisation: null,
  return: true,
  batches: new Map<string, BatchState>([[batchKey(GTIN, 'L1'), recalledBatch]]),
  today: '2026-02-10',
  ...overrides,
});
const returned: RegisterEvent = {
  type: 'ShipmentDispatched',
  data: {
    shipmentId: 'PH-1~2026-02~1',
    to: 'EXP-1',
    lines: [line(5)],
    carrier: null,
    importAuthorisation: null,
    return: true,
  },
};

describe('recall at a site (register decider)', () => {
  describe('acknowledgement', () => {
    it('records the notice read, with the packs held', () =>
      givenRegister([received]).when(acknowledge()).then([acknowledged]));
    it('refuses a batch that is not recalled, and a second acknowledgement', () => {
      givenRegister([received]).when(acknowledge(releasedBatch)).thenRefused('rule', 'batch_not_recalled');
      givenRegister([received, acknowledged])
        .when(acknowledge())
        .thenRefused('conflict', 'recall_already_acknowledged');
    });
    it('refuses a site that was never notified and holds or held nothing of the batch: batch_unknown, as unknown', () => {
      givenRegister([]).when(acknowledge()).thenRefused('not_found', 'batch_unknown');
      givenRegister([])
        .when(acknowledge(notifiedTo('PH-2')))
        .thenRefused('not_found', 'batch_unknown');
    });
    it('accepts a notified site, even with nothing left in this book', () =>
      givenRegister([])
        .when(acknowledge(notifiedTo('PH-1')))
        .then([{ type: 'RecallAcknowledged', data: { gtin: GTIN, lot: 'L1', onHand: 0 } }]));
  });

  describe('quarantine', () => {
    it("sets aside the register's count, once, after the acknowledgement", () => {
      givenRegister([received, acknowledged])
        .when({ type: 'QuarantineRecalledStock', data: line(5) })
        .then([quarantined]);
      givenRegister([received])
        .when({ type: 'QuarantineRecalledStock', data: line(5) })
        .thenRefused('rule', 'recall_not_acknowledged');
      givenRegister([received, acknowledged, quarantined])
        .when({ type: 'QuarantineRecalledStock', data: line(5) })
        .thenRefused('conflict', 'recall_already_quarantined');
    });
    it('refuses a count that differs from the register', () =>
      givenRegister([received, acknowledged])
        .when({ type: 'QuarantineRecalledStock', data: line(4) })
        .thenRefused('rule', 'quarantine_count_differs'));
    it('makes the packs undispensable here with batch_quarantined, whatever the batch says', () =>
      givenRegister([received, acknowledged])
        .when({
          type: 'Dispense',
          site: 'PH-1',
          dispensationId: 'D1',
          prescriptionId: 'RX-1',
          prescription: issuedPrescription(4, '2026-02-09'),
          pharmacist,
          pack: { gtin: GTIN, lot: 'L1', serial: null },
          quantity: 1,
          batch: releasedBatch,
          today: '2026-02-10',
        })
        .thenRefused('rule', 'batch_quarantined'));
    it('is carried into the next book, and a book opened before recalls were followed reads as none', () => {
      const state = fold(registerDecider, [bookOpened(), received, acknowledged, quarantined]);
      expect(carryOver(state, '2026-03').recalls).toEqual([{ gtin: GTIN, lot: 'L1', quarantined: 5 }]);
      expect(fold(registerDecider, [bookOpened()]).recalls.size).toBe(0);
    });
  });

  describe('return', () => {
    it('returns recalled packs to the exploitant that supplied the pharmacy, written as a return', () => {
      givenRegister([received, acknowledged, quarantined]).when(returnShipment()).then([returned]);
      const entries = registerEntries(
        [bookOpened(), received, returned].map((e, revision) => ({
          revision,
          ...e,
          metadata: { occurredAt: '2026-02-10T09:00:00Z', recordedAt: '2026-02-10T09:00:00Z', actor: 'p' },
        })),
      );
      expect(entries.map((e) => [e.movement, e.direction, e.quantity, e.balance])).toEqual([
        ['receipt', 'entry', 5, 5],
        ['return', 'exit', 5, 0],
      ]);
    });
    it('returns held and expired packs too', () => {
      givenRegister([received])
        .when(
          returnShipment({
            batches: new Map<string, BatchState>([[batchKey(GTIN, 'L1'), { ...releasedBatch, onHold: true }]]),
          }),
        )
        .then([returned]);
      givenRegister([received])
        .when(returnShipment({ today: '2027-02-01', batches: new Map([[batchKey(GTIN, 'L1'), releasedBatch]]) }))
        .then([returned]);
    });
    it('returns any batch held, even one released, not held, not recalled and not expired', () =>
      givenRegister([received])
        .when(returnShipment({ batches: new Map([[batchKey(GTIN, 'L1'), releasedBatch]]) }))
        .then([returned]));
    it("returns the exploitant's packs to the batch's supplier", () =>
      givenRegister([{ ...received, data: { ...received.data, from: 'SUP-1' } }])
        .when(returnShipment({ sender: exploitant, receiver: supplier, shipmentId: 'EXP-1~2026-02~9' }))
        .then([
          { ...returned, data: { ...returned.data, shipmentId: 'EXP-1~2026-02~9', to: 'SUP-1' } } as RegisterEvent,
        ]));
    it('refuses a return to anyone else, and from the supplier', () => {
      givenRegister([received])
        .when(returnShipment({ receiver: otherExploitant }))
        .thenRefused('rule', 'return_to_wrong_organisation');
      givenRegister([received])
        .when(returnShipment({ sender: supplier, receiver: exploitant }))
        .thenRefused('rule', 'return_not_allowed');
    });
    it('still refuses an ordinary dispatch of recalled or quarantined packs', () => {
      givenRegister([received])
        .when(returnShipment({ return: false }))
        .thenRefused('rule', 'batch_recalled');
      givenRegister([received, acknowledged])
        .when(returnShipment({ return: false }))
        .thenRefused('rule', 'batch_quarantined');
    });
    it('refuses to return more than is held', () =>
      givenRegister([received])
        .when(returnShipment({ lines: [line(6)] }))
        .thenRefused('rule', 'insufficient_stock'));
  });
});

describe('recall progress', () => {
  const at = (stream: string, event: { type: string; data: unknown }, occurredAt = '2026-02-10T09:00:00Z') => ({
    stream,
    ...event,
    metadata: { occurredAt },
  });
  const BATCH = `batch-${GTIN}-L1`;
  const PH1 = 'register-PH-1~2026-02';
  const EXP = 'register-EXP-1~2026-02';
  const history = [
    at(BATCH, {
      type: 'BatchRegistered',
      data: { ...releasedBatch, supplierId: 'SUP-1', exploitantId: 'EXP-1' },
    }),
    at(EXP, { ...received, data: { ...received.data, shipmentId: 'SUP-1~x', from: 'SUP-1', accepted: [line(20)] } }),
    at(EXP, { ...returned, data: { ...returned.data, return: undefined, shipmentId: 'EXP-1~a', to: 'PH-1' } }),
    at(PH1, { ...received, data: { ...received.data, shipmentId: 'EXP-1~a' } }),
    at(BATCH, { type: 'BatchRecalled', data: { reason: 'contamination' } }, '2026-02-11T09:00:00Z'),
    at(BATCH, { type: 'RecallSiteNotified', data: { organisationId: 'EXP-1', quantity: 15 } }),
    at(BATCH, { type: 'RecallSiteNotified', data: { organisationId: 'PH-1', quantity: 5 } }),
    at(PH1, acknowledged, '2026-02-12T09:00:00Z'),
    at(PH1, quarantined),
  ];

  it('follows each site: notified, acknowledged, quarantined, returned, in transit, on hand', () => {
    const progress = recallProgress(GTIN, 'L1', [...history, at(PH1, returned)]);
    expect(progress).toMatchObject({ recalled: true, recalledAt: '2026-02-11T09:00:00Z', complete: false });
    expect(progress.sites).toEqual([
      {
        organisationId: 'EXP-1',
        notified: 15,
        acknowledgedAt: null,
        quarantined: null,
        returned: 0,
        returnsInTransit: 0,
        incoming: 0,
        destroyed: 0,
        onHand: 15,
        complete: false,
      },
      {
        organisationId: 'PH-1',
        notified: 5,
        acknowledgedAt: '2026-02-12T09:00:00Z',
        quarantined: 5,
        returned: 5,
        returnsInTransit: 5,
        incoming: 0,
        destroyed: 0,
        onHand: 0,
        complete: false,
      },
    ]);
  });

  it('is complete once every site has acknowledged, returned everything and its returns arrived', () => {
    const toSupplier = {
      ...returned,
      data: { ...returned.data, shipmentId: 'EXP-1~r', to: 'SUP-1', lines: [line(20)] },
    };
    const progress = recallProgress(GTIN, 'L1', [
      ...history,
      at(PH1, returned),
      at(EXP, { ...received, data: { ...received.data, shipmentId: 'PH-1~2026-02~1', from: 'PH-1' } }),
      at(EXP, { ...acknowledged, data: { ...acknowledged.data, onHand: 20 } }),
      at(EXP, toSupplier),
      at('register-SUP-1~2026-02', {
        ...received,
        data: { ...received.data, shipmentId: 'EXP-1~r', from: 'EXP-1', accepted: [line(20)] },
      }),
    ]);
    // The supplier, where returns end, holds the packs and must itself acknowledge.
    expect(progress.sites.map((s) => [s.organisationId, s.onHand, s.returnsInTransit, s.complete])).toEqual([
      ['EXP-1', 0, 0, true],
      ['PH-1', 0, 0, true],
      ['SUP-1', 20, 0, false],
    ]);
    expect(progress.complete).toBe(false);
    const done = recallProgress(GTIN, 'L1', [
      ...history,
      at(PH1, returned),
      at(EXP, { ...received, data: { ...received.data, shipmentId: 'PH-1~2026-02~1', from: 'PH-1' } }),
      at(EXP, acknowledged),
      at(EXP, toSupplier),
      at('register-SUP-1~2026-02', {
        ...received,
        data: { ...received.data, shipmentId: 'EXP-1~r', from: 'EXP-1', accepted: [line(20)] },
      }),
      at('register-SUP-1~2026-02', acknowledged),
    ]);
    expect(done.complete).toBe(true);
  });

  describe('a shipment dispatched before the recall and received after it', () => {
    const toPh2 = at(EXP, {
      ...returned,
      data: { ...returned.data, return: undefined, shipmentId: 'EXP-1~b', to: 'PH-2', lines: [line(3)] },
    });
    const receivedByPh2 = at('register-PH-2~2026-02', {
      ...received,
      data: { ...received.data, shipmentId: 'EXP-1~b', accepted: [line(3)] },
    });
    const beforeRecall = [...history.slice(0, 4), toPh2];

    it('is incoming at its receiver, which the recall notifies with the packs on their way', () => {
      expect(recallHolders(GTIN, 'L1', beforeRecall)).toEqual([
        { organisationId: 'EXP-1', onHand: 12 },
        { organisationId: 'PH-1', onHand: 5 },
        { organisationId: 'PH-2', onHand: 3 },
      ]);
    });

    it('keeps the recall incomplete while in transit, and lists the receiver', () => {
      const recalled = [
        ...beforeRecall,
        at(BATCH, { type: 'BatchRecalled', data: { reason: 'contamination' } }, '2026-02-11T09:00:00Z'),
      ];
      const progress = recallProgress(GTIN, 'L1', recalled);
      expect(progress.sites.find((s) => s.organisationId === 'PH-2')).toMatchObject({
        incoming: 3,
        onHand: 0,
        complete: false,
      });
      expect(progress.complete).toBe(false);
      const arrived = recallProgress(GTIN, 'L1', [...recalled, receivedByPh2]);
      expect(arrived.sites.find((s) => s.organisationId === 'PH-2')).toMatchObject({ incoming: 0, onHand: 3 });
    });
  });

  it('is not complete, nor recalled, before the recall', () =>
    expect(recallProgress(GTIN, 'L1', history.slice(0, 4))).toMatchObject({ recalled: false, complete: false }));
});

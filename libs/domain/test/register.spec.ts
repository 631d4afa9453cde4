import { describe, expect, it } from '@jest/globals';
import { encodePackCode, GS } from '#gs1';
import {
  batchKey,
  fold,
  monthlyBalance,
  registerDecider,
  registerEntries,
  type BatchState,
  type OrganisationState,
  type RegisterEvent,
} from '#domain';
import { bookOpened, givenRegister, releasedBatch } from './fixtures.js';

const given = givenRegister;
const GTIN = '03400930000014';
const batch = releasedBatch;
const org = (id: string, kind: string, country = 'FR') =>
  ({ status: 'registered', id, kind, name: id, country }) as OrganisationState;
const supplier = org('SUP-1', 'supplier', 'CA');
const exploitant = org('EXP-1', 'exploitant');
const pharmacy = org('PH-1', 'community_pharmacy');
const entered: RegisterEvent = {
  type: 'StockEntered',
  data: { gtin: GTIN, lot: 'L1', quantity: 100, reason: 'batch_release' },
};
const line = (quantity: number, lot = 'L1') => ({ gtin: GTIN, lot, quantity });

const dispatch = (
  overrides: Partial<Extract<Parameters<typeof registerDecider.decide>[0], { type: 'DispatchShipment' }>> = {},
) => ({
  type: 'DispatchShipment' as const,
  shipmentId: 'SUP-1~1',
  sender: supplier,
  receiver: exploitant,
  lines: [line(40)],
  carrier: 'Transports Sûrs',
  importAuthorisation: null,
  batches: new Map<string, BatchState>([[batchKey(GTIN, 'L1'), batch]]),
  today: '2026-02-01',
  ...overrides,
});
const dispatched = (quantity = 40): RegisterEvent => ({
  type: 'ShipmentDispatched',
  data: {
    shipmentId: 'SUP-1~1',
    to: 'EXP-1',
    lines: [line(quantity)],
    carrier: 'Transports Sûrs',
    importAuthorisation: null,
  },
});

describe('register decider', () => {
  describe('release entry', () => {
    it("enters a released batch into its supplier's register, once", () => {
      given([]).when({ type: 'EnterReleasedStock', site: 'SUP-1', batch }).then([entered]);
      given([entered]).when({ type: 'EnterReleasedStock', site: 'SUP-1', batch }).then([]);
    });
    it('enters nothing for a batch not released, or into another register', () => {
      given([])
        .when({ type: 'EnterReleasedStock', site: 'SUP-1', batch: { ...batch, released: false } })
        .then([]);
      given([]).when({ type: 'EnterReleasedStock', site: 'SUP-2', batch }).then([]);
    });
  });

  describe('dispatch', () => {
    it('ships from stock, with an import authorisation from outside the EU', () =>
      given([entered])
        .when(dispatch({ importAuthorisation: 'AI-2026-7' }))
        .then([
          { ...dispatched(), data: { ...dispatched().data, importAuthorisation: 'AI-2026-7' } } as RegisterEvent,
        ]));
    it('enters a release not yet in the register before shipping from it', () =>
      given([])
        .when(dispatch({ importAuthorisation: 'AI-1' }))
        .then([
          entered,
          { ...dispatched(), data: { ...dispatched().data, importAuthorisation: 'AI-1' } } as RegisterEvent,
        ]));
    it('ships the last pack, not one more; lines of one batch add up', () => {
      given([entered])
        .when(dispatch({ importAuthorisation: 'AI', lines: [line(60), line(40)] }))
        .then([{ ...dispatched(100), data: { ...dispatched(100).data, importAuthorisation: 'AI' } } as RegisterEvent]);
      given([entered])
        .when(dispatch({ importAuthorisation: 'AI', lines: [line(60), line(41)] }))
        .thenRefused('rule', 'insufficient_stock');
      given([entered, dispatched(100)])
        .when(dispatch({ shipmentId: 'SUP-1~2', importAuthorisation: 'AI', lines: [line(1)] }))
        .thenRefused('rule', 'insufficient_stock');
    });
    it('needs an import authorisation from outside the EU only', () => {
      given([entered]).when(dispatch()).thenRefused('rule', 'import_authorisation_required');
      given([entered])
        .when(dispatch({ sender: org('SUP-1', 'supplier', 'PT') }))
        .then([dispatched()]);
    });
    it('follows the routes: supplier to exploitant, exploitant to pharmacy, pharmacy back to exploitant', () => {
      const eu = { importAuthorisation: 'AI' };
      given([entered])
        .when(dispatch({ ...eu, receiver: pharmacy }))
        .thenRefused('rule', 'route_not_allowed');
      given([entered])
        .when(dispatch({ ...eu, sender: exploitant, receiver: org('SUP-2', 'supplier') }))
        .thenRefused('rule', 'route_not_allowed');
      given([entered])
        .when(dispatch({ ...eu, receiver: { status: 'unknown' } }))
        .thenRefused('rule', 'receiver_unknown');
      const exploitantStock: RegisterEvent = {
        type: 'ShipmentReceived',
        data: { shipmentId: 'x', from: 'SUP-1', accepted: [line(50)], discrepancies: [], serials: [] },
      };
      given([exploitantStock])
        .when(dispatch({ sender: exploitant, receiver: pharmacy, shipmentId: 'EXP-1~1' }))
        .then([
          {
            type: 'ShipmentDispatched',
            data: {
              shipmentId: 'EXP-1~1',
              to: 'PH-1',
              lines: [line(40)],
              carrier: 'Transports Sûrs',
              importAuthorisation: null,
            },
          },
        ]);
      given([exploitantStock])
        .when(dispatch({ sender: pharmacy, receiver: exploitant, shipmentId: 'PH-1~1' }))
        .then([
          {
            type: 'ShipmentDispatched',
            data: {
              shipmentId: 'PH-1~1',
              to: 'EXP-1',
              lines: [line(40)],
              carrier: 'Transports Sûrs',
              importAuthorisation: null,
            },
          },
        ]);
    });
    it.each([
      [{ released: false }, 'batch_not_released'],
      [{ onHold: true }, 'batch_on_hold'],
      [{ recalled: true }, 'batch_recalled'],
      [{ expiresOn: '2026-02-01' }, 'batch_expired'],
    ])('refuses a batch with %j', (change, rule) =>
      given([entered])
        .when(
          dispatch({
            importAuthorisation: 'AI',
            batches: new Map([[batchKey(GTIN, 'L1'), { ...batch, ...change } as BatchState]]),
          }),
        )
        .thenRefused('rule', rule),
    );
  });

  describe('receipt', () => {
    const shipped = { from: 'SUP-1', to: 'EXP-1', lines: [line(3)] };
    const receive = (
      arrival: { kind: 'lines'; lines: ReturnType<typeof line>[] } | { kind: 'scans'; scans: string[] },
      site = 'EXP-1',
      expiries: ReadonlyMap<string, string> = new Map([[batchKey(GTIN, 'L1'), '2027-01-31']]),
    ) => ({
      type: 'ReceiveShipment' as const,
      site,
      shipmentId: 'SUP-1~1',
      dispatch: shipped && { ...shipped, month: '2026-02' },
      arrival,
      expiries,
    });
    const scan = (lot: string, serial?: string) =>
      encodePackCode({ gtin: GTIN, expiryYymmdd: '270131', lot, serial }, { symbologyPrefix: true });

    it('reports packs whose code gives another expiry than their batch, and still lets them in', () => {
      const recorded = new Map([[batchKey(GTIN, 'L1'), '2027-06-30']]);
      given([])
        .when(
          receive({ kind: 'scans', scans: [scan('L1', 'S1'), scan('L1', 'S2'), scan('L1', 'S3')] }, 'EXP-1', recorded),
        )
        .then([
          {
            type: 'ShipmentReceived',
            data: {
              shipmentId: 'SUP-1~1',
              from: 'SUP-1',
              accepted: [line(3)],
              discrepancies: [
                {
                  kind: 'expiry_mismatch',
                  gtin: GTIN,
                  lot: 'L1',
                  recorded: '2027-06-30',
                  scanned: '2027-01-31',
                  received: 3,
                },
              ],
              serials: ['S1', 'S2', 'S3'].map((serial) => ({ gtin: GTIN, lot: 'L1', serial })),
            },
          },
        ]);
    });

    it('accepts what arrived and says what is missing, extra or of another batch', () => {
      given([])
        .when(receive({ kind: 'lines', lines: [line(2), line(1, 'L9')] }))
        .then([
          {
            type: 'ShipmentReceived',
            data: {
              shipmentId: 'SUP-1~1',
              from: 'SUP-1',
              accepted: [line(2)],
              discrepancies: [
                { kind: 'missing', gtin: GTIN, lot: 'L1', shipped: 3, received: 2 },
                { kind: 'wrong_batch', gtin: GTIN, lot: 'L9', received: 1 },
              ],
              serials: [],
            },
          },
        ]);
      given([])
        .when(receive({ kind: 'lines', lines: [line(5)] }))
        .then([
          {
            type: 'ShipmentReceived',
            data: {
              shipmentId: 'SUP-1~1',
              from: 'SUP-1',
              accepted: [line(3)],
              discrepancies: [{ kind: 'extra', gtin: GTIN, lot: 'L1', shipped: 3, received: 5 }],
              serials: [],
            },
          },
        ]);
    });

    it('counts scans: a serial once, a run-on lot as a missing separator, an unreadable code as unknown', () => {
      const [event] = registerDecider.decide(
        receive({
          kind: 'scans',
          scans: [
            scan('L1', 'S1'),
            scan('L1', 'S1'),
            `]d201${GTIN}17270131` + `10L121S2`,
            scan('L9', 'S3'),
            `]d201${GTIN.slice(0, 13)}9`,
            scan('L1', 'S4'),
          ],
        }),
        fold(registerDecider, [bookOpened()]),
      );
      expect(event.type).toBe('ShipmentReceived');
      const data = (event as Extract<RegisterEvent, { type: 'ShipmentReceived' }>).data;
      expect(data.accepted).toEqual([line(2)]);
      expect(data.serials).toEqual([
        { gtin: GTIN, lot: 'L1', serial: 'S1' },
        { gtin: GTIN, lot: 'L9', serial: 'S3' },
        { gtin: GTIN, lot: 'L1', serial: 'S4' },
      ]);
      expect(data.discrepancies).toEqual([
        { kind: 'duplicate_scan', gtin: GTIN, lot: 'L1', serial: 'S1' },
        {
          kind: 'missing_separator',
          scan: `]d201${GTIN}1727013110L121S2`,
          gtin: GTIN,
          lot: 'L121S2',
          detail: expect.stringMatching(/dropped the GS separator/),
        },
        {
          kind: 'unknown_code',
          scan: `]d201${GTIN.slice(0, 13)}9`,
          reason: 'bad_check_digit',
          detail: expect.any(String),
        },
        { kind: 'missing', gtin: GTIN, lot: 'L1', shipped: 3, received: 2 },
        { kind: 'wrong_batch', gtin: GTIN, lot: 'L9', received: 1 },
      ]);
      expect(GS).toBe('\x1d');
    });

    it('is for the receiver only, once, of a shipment that exists', () => {
      given([])
        .when(receive({ kind: 'lines', lines: [line(3)] }, 'PH-1'))
        .thenRefused('forbidden', 'not_shipment_receiver');
      given([
        {
          type: 'ShipmentReceived',
          data: { shipmentId: 'SUP-1~1', from: 'SUP-1', accepted: [line(3)], discrepancies: [], serials: [] },
        },
      ])
        .when(receive({ kind: 'lines', lines: [line(3)] }))
        .thenRefused('conflict', 'shipment_already_received');
      given([])
        .when({ ...receive({ kind: 'lines', lines: [] }), dispatch: undefined })
        .thenRefused('not_found', 'shipment_unknown');
    });
  });

  describe('losses, destructions, inventories', () => {
    const declarations = { police: 'PV-1', ars: 'ARS-1', ansm: 'ANSM-1' };
    const witness = {
      status: 'registered' as const,
      rpps: '10000000009',
      kind: 'pharmacist' as const,
      name: 'W',
      organisationId: 'PH-1',
      trainedOn: null,
      referenceCentre: false,
    };
    const destruction = {
      ...line(5),
      destroyedOn: '2026-03-15',
      witnessRpps: '10000000009',
      reportReference: 'PV-DEST-1',
      arsNotifiedOn: '2026-02-15',
    };

    it('records a loss or theft within the stock held', () => {
      given([entered])
        .when({ type: 'DeclareLoss', data: { ...line(2), kind: 'theft', occurredOn: '2026-02-02', declarations } })
        .then([{ type: 'LossDeclared', data: { ...line(2), kind: 'theft', occurredOn: '2026-02-02', declarations } }]);
      given([entered])
        .when({ type: 'DeclareLoss', data: { ...line(101), kind: 'loss', occurredOn: '2026-02-02', declarations } })
        .thenRefused('rule', 'insufficient_stock');
    });

    it('destroys before another pharmacist, a month after telling the ARS', () => {
      given([entered])
        .when({ type: 'DestroyStock', data: destruction, witness, actor: '10000000001' })
        .then([{ type: 'StockDestroyed', data: destruction }]);
      given([entered])
        .when({ type: 'DestroyStock', data: destruction, witness, actor: '10000000009' })
        .thenRefused('rule', 'witness_is_actor');
      given([entered])
        .when({ type: 'DestroyStock', data: destruction, witness: { ...witness, kind: 'prescriber' }, actor: 'x' })
        .thenRefused('rule', 'witness_not_pharmacist');
      given([entered])
        .when({ type: 'DestroyStock', data: { ...destruction, arsNotifiedOn: '2026-02-16' }, witness, actor: 'x' })
        .thenRefused('rule', 'ars_not_notified_a_month_ahead');
    });

    it('records each inventory difference as an adjustment, and the stock becomes the count', () => {
      const counted: RegisterEvent = {
        type: 'InventoryCounted',
        data: {
          countedOn: '2026-12-31',
          counts: [{ gtin: GTIN, lot: 'L1', counted: 97, recorded: 100 }],
          adjustments: [{ gtin: GTIN, lot: 'L1', difference: -3 }],
        },
      };
      given([entered])
        .when({ type: 'CountInventory', countedOn: '2026-12-31', counts: [line(97)] })
        .then([counted]);
      expect(fold(registerDecider, [entered, counted]).stock.get(batchKey(GTIN, 'L1'))?.quantity).toBe(97);
      given([entered])
        .when({ type: 'CountInventory', countedOn: '2026-12-31', counts: [] })
        .thenRefused('rule', 'inventory_incomplete');
    });
  });

  describe('register entries and monthly balance', () => {
    const at = (revision: number, occurredAt: string, event: RegisterEvent) => ({
      revision,
      ...event,
      metadata: { occurredAt, recordedAt: occurredAt, actor: 'u' },
    });
    const events = [
      at(0, '2026-01-20T10:00:00Z', entered),
      at(1, '2026-02-03T10:00:00Z', dispatched(40)),
      at(2, '2026-02-28T23:30:00Z', {
        type: 'LossDeclared',
        data: {
          ...line(2),
          kind: 'loss',
          occurredOn: '2026-02-28',
          declarations: { police: 'P', ars: 'A', ansm: 'N' },
        },
      }),
    ];

    it('lists each movement with its direction and the running balance', () => {
      expect(registerEntries(events).map((e) => [e.movement, e.direction, e.quantity, e.balance, e.reference])).toEqual(
        [
          ['release', 'entry', 100, 100, null],
          ['dispatch', 'exit', 40, 60, 'SUP-1~1'],
          ['loss', 'exit', 2, 60 - 2, 'P'],
        ],
      );
    });

    it('balances each month by the Paris date: a loss at 23:30 UTC on 28 February is in March', () => {
      const entries = registerEntries(events);
      expect(monthlyBalance(entries, '2026-02')).toEqual([
        { gtin: GTIN, lot: 'L1', opening: 100, entries: 0, exits: 40, closing: 60 },
      ]);
      expect(monthlyBalance(entries, '2026-03')).toEqual([
        { gtin: GTIN, lot: 'L1', opening: 60, entries: 0, exits: 2, closing: 58 },
      ]);
    });
  });
});

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { encodePackCode } from '#gs1';
import { analysis, batch, flowerProduct, GTIN } from './catalogue.fixtures.js';
import { TODAY } from './circuit.fixtures.js';
import { Api, BACKENDS, token as tokenFor } from './harness.js';

/** The pharmacist registered at PH-2. */
const PH2_PHARMACIST = '10000000010';

const scan = (lot: string, serial: string) =>
  encodePackCode({ gtin: GTIN, expiryYymmdd: '310131', lot, serial }, { symbologyPrefix: true });

/** ANSM registers the circuit; SUP-1 (outside the EU) registers, analyses and releases lots. */
async function seedCircuit(api: Api, lots: Record<string, number>): Promise<void> {
  const organisations = [
    { id: 'SUP-1', kind: 'supplier', name: 'Canadian Grower', country: 'CA' },
    { id: 'EXP-1', kind: 'exploitant', name: 'Exploitant', country: 'FR' },
    { id: 'PH-1', kind: 'community_pharmacy', name: 'Pharmacie du Centre', country: 'FR' },
    { id: 'PH-2', kind: 'hospital_pharmacy', name: 'PUI CHU', country: 'FR' },
  ];
  for (const organisation of organisations)
    await api.post('/v1/organisations', 'ansm', 'ANSM', organisation).expect(201);
  for (const [rpps, name, organisationId] of [
    ['10000000002', 'Pharmacienne', 'PH-1'],
    ['10000000009', 'Témoin', 'PH-1'],
    [PH2_PHARMACIST, 'Pharmacien de la PUI', 'PH-2'],
  ]) {
    await api
      .post('/v1/professionals', 'ansm', 'ANSM', {
        rpps,
        kind: 'pharmacist',
        name,
        organisationId,
        trainedOn: '2026-01-05',
      })
      .expect(201);
  }
  await api.post('/v1/products', 'ansm', 'ANSM', flowerProduct(GTIN, 'SUP-1')).expect(201);
  for (const [lot, quantity] of Object.entries(lots)) await releaseLot(api, lot, quantity);
}

async function releaseLot(api: Api, lot: string, quantity: number): Promise<void> {
  await api.post('/v1/batches', 'supplier', 'SUP-1', { ...batch(lot), quantity }).expect(201);
  await api.post(`/v1/batches/${GTIN}/${lot}/analyses`, 'supplier', 'SUP-1', analysis()).expect(201);
  await api.post(`/v1/batches/${GTIN}/${lot}/release`, 'supplier', 'SUP-1', { qualifiedPerson: 'QP' }).expect(201);
}

const stockOf = async (api: Api, site: string) =>
  (await api.get(`/v1/sites/${site}/stock`, 'ansm', 'ANSM').expect(200)).body as { lot: string; quantity: number }[];

describe.each(BACKENDS)('supplier -> exploitant -> pharmacy over HTTP (%s)', (backend) => {
  let api: Api;

  const pharmacist = (path: string, body: unknown, org = 'PH-1') =>
    api.http
      .post(path)
      .set('Authorization', `Bearer ${pharmacistToken(org)}`)
      .send(body as object);
  // Tokens are checked against the registry: each pharmacy's own registered pharmacist.
  const pharmacistToken = (org: string) => tokenFor('pharmacist', org, org === 'PH-2' ? PH2_PHARMACIST : '10000000002');

  /** SUP-1 ships 10 packs of L1 to EXP-1 under an import authorisation: the shipment's id. */
  const dispatchToExploitant = async (): Promise<string> =>
    (
      await api
        .post('/v1/shipments', 'supplier', 'SUP-1', {
          to: 'EXP-1',
          lines: [{ gtin: GTIN, lot: 'L1', quantity: 10 }],
          carrier: 'Sécurité Transports',
          importAuthorisation: 'ANSM-IMP-2026-17',
        })
        .expect(201)
    ).body.shipmentId;
  /** EXP-1 holds those 10 packs. */
  const stockAtExploitant = async (): Promise<void> => {
    await api
      .post(`/v1/shipments/${await dispatchToExploitant()}/receipt`, 'exploitant', 'EXP-1', {
        lines: [{ gtin: GTIN, lot: 'L1', quantity: 10 }],
      })
      .expect(201);
  };
  /** EXP-1 ships 5 of them to PH-1: the shipment's id. */
  const dispatchToPharmacy = async (): Promise<string> => {
    await stockAtExploitant();
    return (
      await api
        .post('/v1/shipments', 'exploitant', 'EXP-1', { to: 'PH-1', lines: [{ gtin: GTIN, lot: 'L1', quantity: 5 }] })
        .expect(201)
    ).body.shipmentId;
  };
  /** PH-1 receives 3 of the 5 packs by scan: the shipment's id. */
  const receivedAtPharmacy = async (): Promise<string> => {
    const toPharmacy = await dispatchToPharmacy();
    await pharmacist(`/v1/shipments/${toPharmacy}/receipt`, {
      scans: [scan('L1', 'S1'), scan('L1', 'S2'), scan('L1', 'S3')],
    }).expect(201);
    return toPharmacy;
  };

  describe('each test on a circuit of its own: it asserts whole stocks and registers', () => {
    beforeEach(async () => {
      api = await Api.start(backend);
      await seedCircuit(api, { L1: 20, L2: 10 });
    }, 120_000);
    afterEach(() => api.close());

    it("enters a released batch into its supplier's register", async () => {
      let stock: { lot: string; quantity: number }[] = [];
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline) {
        stock = await stockOf(api, 'SUP-1');
        if (stock.length === 2) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(stock).toEqual([
        { gtin: GTIN, lot: 'L1', quantity: 20 },
        { gtin: GTIN, lot: 'L2', quantity: 10 },
      ]);
    });

    it('refuses a route the circuit does not allow, and more packs than held', async () => {
      await dispatchToExploitant(); // SUP-1 holds 10 packs of L1 left
      const direct = await api.post('/v1/shipments', 'supplier', 'SUP-1', {
        to: 'PH-1',
        lines: [{ gtin: GTIN, lot: 'L1', quantity: 1 }],
        importAuthorisation: 'X',
      });
      expect([direct.status, direct.body.rule]).toEqual([422, 'route_not_allowed']);
      const tooMany = await api.post('/v1/shipments', 'supplier', 'SUP-1', {
        to: 'EXP-1',
        lines: [{ gtin: GTIN, lot: 'L1', quantity: 11 }],
        importAuthorisation: 'X',
      });
      expect([tooMany.status, tooMany.body.rule]).toEqual([422, 'insufficient_stock']);
    });

    it('lets the exploitant receive by counted lines, then ship to a pharmacy', async () => {
      const toExploitant = await dispatchToExploitant();
      const receipt = await api
        .post(`/v1/shipments/${toExploitant}/receipt`, 'exploitant', 'EXP-1', {
          lines: [{ gtin: GTIN, lot: 'L1', quantity: 10 }],
        })
        .expect(201);
      expect(receipt.body).toMatchObject({ accepted: [{ gtin: GTIN, lot: 'L1', quantity: 10 }], discrepancies: [] });
      await api
        .post('/v1/shipments', 'exploitant', 'EXP-1', { to: 'PH-1', lines: [{ gtin: GTIN, lot: 'L1', quantity: 5 }] })
        .expect(201);
      expect(await stockOf(api, 'EXP-1')).toEqual([{ gtin: GTIN, lot: 'L1', quantity: 5 }]);
    });

    it('receives by scans and says every discrepancy: a serial twice, a dropped separator, another batch, missing packs', async () => {
      const toPharmacy = await dispatchToPharmacy();
      const scans = [
        scan('L1', 'S1'),
        scan('L1', 'S2'),
        scan('L1', 'S1'),
        scan('L1', 'S3'),
        `]d201${GTIN}17310131` + `10L121S4`,
        scan('L2', 'S9'),
      ];
      const response = await pharmacist(`/v1/shipments/${toPharmacy}/receipt`, { scans });
      expect(response.status).toBe(201);
      expect(response.body.accepted).toEqual([{ gtin: GTIN, lot: 'L1', quantity: 3 }]);
      expect(response.body.discrepancies).toEqual([
        { kind: 'duplicate_scan', gtin: GTIN, lot: 'L1', serial: 'S1' },
        {
          kind: 'missing_separator',
          scan: scans[4],
          gtin: GTIN,
          lot: 'L121S4',
          detail: expect.stringContaining('GS separator'),
        },
        { kind: 'missing', gtin: GTIN, lot: 'L1', shipped: 5, received: 3 },
        { kind: 'wrong_batch', gtin: GTIN, lot: 'L2', received: 1 },
      ]);
      const second = await pharmacist(`/v1/shipments/${toPharmacy}/receipt`, { scans: [scan('L1', 'S5')] });
      expect([second.status, second.body.rule]).toEqual([409, 'shipment_already_received']);
      expect(await stockOf(api, 'PH-1')).toEqual([{ gtin: GTIN, lot: 'L1', quantity: 3 }]);
    });

    it('records a theft, a destruction before a witness and an inventory with a difference', async () => {
      await receivedAtPharmacy(); // PH-1 holds 3 packs of L1
      const line = { gtin: GTIN, lot: 'L1', quantity: 1 };
      await pharmacist('/v1/sites/PH-1/register/losses', {
        ...line,
        kind: 'theft',
        occurredOn: '2026-03-02',
        declarations: { police: 'PV-75-123', ars: 'ARS-IDF-9', ansm: 'ANSM-STUP-4' },
      }).expect(201);
      const selfWitness = await pharmacist('/v1/sites/PH-1/register/destructions', {
        ...line,
        destroyedOn: '2026-04-15',
        witnessRpps: '10000000002',
        reportReference: 'PV-DEST-1',
        arsNotifiedOn: '2026-03-10',
      });
      expect([selfWitness.status, selfWitness.body.rule]).toEqual([422, 'witness_is_actor']);
      await pharmacist('/v1/sites/PH-1/register/destructions', {
        ...line,
        destroyedOn: '2026-04-15',
        witnessRpps: '10000000009',
        reportReference: 'PV-DEST-1',
        arsNotifiedOn: '2026-03-10',
      }).expect(201);
      const incomplete = await pharmacist('/v1/sites/PH-1/register/inventories', { countedOn: TODAY, counts: [] });
      expect([incomplete.status, incomplete.body.rule]).toEqual([422, 'inventory_incomplete']);
      const inventory = await pharmacist('/v1/sites/PH-1/register/inventories', {
        countedOn: TODAY,
        counts: [{ ...line, quantity: 0 }],
      }).expect(201);
      expect(inventory.body.events[0].data.adjustments).toEqual([{ gtin: GTIN, lot: 'L1', difference: -1 }]);
      expect(await stockOf(api, 'PH-1')).toEqual([]);

      const register = (await api.get('/v1/sites/PH-1/register', 'ansm', 'ANSM').expect(200)).body as {
        movement: string;
        direction: string;
        quantity: number;
        balance: number;
      }[];
      expect(register.map((e) => [e.movement, e.direction, e.quantity, e.balance])).toEqual([
        ['receipt', 'entry', 3, 3],
        ['theft', 'exit', 1, 2],
        ['destruction', 'exit', 1, 1],
        ['inventory', 'exit', 1, 0],
      ]);
      const month = TODAY.slice(0, 7);
      const balance = (await api.get(`/v1/sites/PH-1/register/balance?month=${month}`, 'ansm', 'ANSM').expect(200))
        .body;
      expect(balance).toEqual([{ gtin: GTIN, lot: 'L1', opening: 0, entries: 3, exits: 3, closing: 0 }]);
      await api.get('/v1/sites/PH-1/register/balance?month=2026-13', 'ansm', 'ANSM').expect(400);
    });
  });

  describe('on one circuit the tests share: each ships what it needs', () => {
    beforeAll(async () => {
      api = await Api.start(backend);
      await seedCircuit(api, { L1: 100, L2: 10 });
    }, 120_000);
    afterAll(() => api.close());

    it('ships from a supplier outside the EU only with an import authorisation', async () => {
      const lines = [{ gtin: GTIN, lot: 'L1', quantity: 10 }];
      const refused = await api.post('/v1/shipments', 'supplier', 'SUP-1', { to: 'EXP-1', lines });
      expect(refused.status).toBe(422);
      expect(refused.body.rule).toBe('import_authorisation_required');
      const shipped = await api
        .post('/v1/shipments', 'supplier', 'SUP-1', {
          to: 'EXP-1',
          lines,
          carrier: 'Sécurité Transports',
          importAuthorisation: 'ANSM-IMP-2026-17',
        })
        .expect(201);
      const toExploitant = shipped.body.shipmentId;
      // The id names the sender and the book of its register that holds the dispatch.
      const month = shipped.body.stream.slice('register-SUP-1~'.length);
      expect(shipped.body.stream).toMatch(/^register-SUP-1~\d{4}-\d{2}$/);
      expect(toExploitant).toMatch(new RegExp(`^SUP-1~${month}~[0-9a-f]{12}$`));
    });

    it('refuses the receipt to another organisation than the receiver', async () => {
      const toPharmacy = await dispatchToPharmacy();
      const response = await pharmacist(`/v1/shipments/${toPharmacy}/receipt`, { scans: [scan('L1', 'S1')] }, 'PH-2');
      expect([response.status, response.body.rule]).toEqual([403, 'not_shipment_receiver']);
    });

    it('receives a delivery of 3,000 scanned packs in one request (a body over the 100 kB default)', async () => {
      await stockAtExploitant();
      const shipmentId = (
        await api
          .post('/v1/shipments', 'exploitant', 'EXP-1', { to: 'PH-2', lines: [{ gtin: GTIN, lot: 'L1', quantity: 1 }] })
          .expect(201)
      ).body.shipmentId;
      const scans = Array.from({ length: 3000 }, (_, i) => scan('L1', `BULK${i}`));
      expect(JSON.stringify({ scans }).length).toBeGreaterThan(100_000);
      const response = await pharmacist(`/v1/shipments/${shipmentId}/receipt`, { scans }, 'PH-2');
      expect(response.status).toBe(201);
      expect(response.body.accepted).toEqual([{ gtin: GTIN, lot: 'L1', quantity: 1 }]);
      expect(response.body.discrepancies).toEqual([
        { kind: 'extra', gtin: GTIN, lot: 'L1', shipped: 1, received: 3000 },
      ]);
    });

    it('answers the shipment to its parties and ANSM only', async () => {
      const toPharmacy = await receivedAtPharmacy();
      const view = (
        await api.http
          .get(`/v1/shipments/${toPharmacy}`)
          .set('Authorization', `Bearer ${pharmacistToken('PH-1')}`)
          .expect(200)
      ).body;
      expect(view).toMatchObject({
        from: 'EXP-1',
        to: 'PH-1',
        status: 'received',
        lines: [{ lot: 'L1', quantity: 5 }],
      });
      expect(view.receipt.accepted).toEqual([{ gtin: GTIN, lot: 'L1', quantity: 3 }]);
      await api.http
        .get(`/v1/shipments/${toPharmacy}`)
        .set('Authorization', `Bearer ${pharmacistToken('PH-2')}`)
        .expect(403);
      await api.get(`/v1/shipments/${toPharmacy}`, 'ansm', 'ANSM').expect(200);
      await api.get('/v1/shipments/EXP-1~000000000000', 'ansm', 'ANSM').expect(404);
    });

    it("keeps a site's stock and register to the site and ANSM", async () => {
      await api.http
        .get('/v1/sites/PH-1/stock')
        .set('Authorization', `Bearer ${pharmacistToken('PH-2')}`)
        .expect(403);
      await api.http
        .get('/v1/sites/PH-1/register')
        .set('Authorization', `Bearer ${pharmacistToken('PH-2')}`)
        .expect(403);
      const ansmWrite = await api.post('/v1/sites/PH-1/register/losses', 'ansm', 'ANSM', {});
      expect(ansmWrite.status).toBe(403);
    });

    it('refuses to ship a held or a recalled batch', async () => {
      await api.post(`/v1/batches/${GTIN}/L2/hold`, 'ansm', 'ANSM', { reason: 'inquiry' }).expect(201);
      const held = await api.post('/v1/shipments', 'supplier', 'SUP-1', {
        to: 'EXP-1',
        lines: [{ gtin: GTIN, lot: 'L2', quantity: 1 }],
        importAuthorisation: 'X',
      });
      expect([held.status, held.body.rule]).toEqual([422, 'batch_on_hold']);
      await api.post(`/v1/batches/${GTIN}/L2/recall`, 'ansm', 'ANSM', { reason: 'defect' }).expect(201);
      const recalled = await api.post('/v1/shipments', 'supplier', 'SUP-1', {
        to: 'EXP-1',
        lines: [{ gtin: GTIN, lot: 'L2', quantity: 1 }],
        importAuthorisation: 'X',
      });
      expect([recalled.status, recalled.body.rule]).toEqual([422, 'batch_recalled']);
    });
  });
});

describe('concurrent dispatches on real PostgreSQL', () => {
  let api: Api;
  beforeEach(async () => {
    api = await Api.start('postgres');
    await seedCircuit(api, {});
  }, 120_000);
  afterEach(() => api.close());

  it('never ships more than the stock: of six dispatches of 5 packs from 20, four succeed', async () => {
    await releaseLot(api, 'L7', 20);
    const responses = await Promise.all(
      Array.from({ length: 6 }, () =>
        api.post('/v1/shipments', 'supplier', 'SUP-1', {
          to: 'EXP-1',
          lines: [{ gtin: GTIN, lot: 'L7', quantity: 5 }],
          importAuthorisation: 'X',
        }),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 201, 201, 201, 422, 422]);
    for (const refused of responses.filter((r) => r.status === 422))
      expect(refused.body.rule).toBe('insufficient_stock');
    expect(await stockOf(api, 'SUP-1')).toEqual([]);
    const register = (await api.get('/v1/sites/SUP-1/register', 'ansm', 'ANSM')).body as { balance: number }[];
    for (const entry of register) expect(entry.balance).toBeGreaterThanOrEqual(0);
  });

  it('of two dispatches that together exceed the stock, one succeeds and one is refused', async () => {
    await releaseLot(api, 'L8', 20);
    const responses = await Promise.all(
      [12, 12].map((quantity) =>
        api.post('/v1/shipments', 'supplier', 'SUP-1', {
          to: 'EXP-1',
          lines: [{ gtin: GTIN, lot: 'L8', quantity }],
          importAuthorisation: 'X',
        }),
      ),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([201, 422]);
    expect(await stockOf(api, 'SUP-1')).toEqual([{ gtin: GTIN, lot: 'L8', quantity: 8 }]);
  });
});

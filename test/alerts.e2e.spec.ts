import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Projector } from '#read-models';
import { AlertSweep } from '../apps/api/src/processes/alerts/alert-sweep.js';
import { EventAlerts } from '../apps/api/src/processes/alerts/event-alerts.js';
import { batch, analysis, GTIN } from './catalogue.fixtures.js';
import { asPharmacist, seedToPharmacy } from './circuit.fixtures.js';
import { Api, TEST_DAY, token } from './harness.js';

interface Alert {
  id: string;
  kind: string;
  state: string;
  site: string | null;
  gtin: string | null;
  lot: string | null;
  shipmentId: string | null;
  evidence: string[];
  details: Record<string, unknown>;
  acknowledgement: { at: string; note: string } | null;
  closure: { at: string; note: string } | null;
}

const DAY = 86_400_000;
/** Ten o'clock in Paris, `days` after TEST_DAY. */
const dayAt = (days: number) => Date.parse(`${TEST_DAY}T09:00:00Z`) + days * DAY;
const isoDay = (days: number) => new Date(dayAt(days)).toISOString().slice(0, 10);

/** Alerts raised by real commands, by the process that follows the store and by the sweep as the clock moves. */
describe('alerts', () => {
  let api: Api;
  let now = dayAt(0);
  let inTransit: string;

  /** Every event looked at by the alerts process, and the read models up to date. */
  const settle = async () => {
    await api.app.get(EventAlerts).caughtUp();
    await api.app.get(Projector).caughtUp();
  };
  const sweep = async () => {
    await settle();
    const raised = await api.app.get(AlertSweep).sweep();
    await settle();
    return raised;
  };
  const alerts = async (query = ''): Promise<Alert[]> =>
    (await api.get(`/v1/audit/alerts${query}`, 'ansm', 'ANSM').expect(200)).body;
  const ofKind = async (kind: string) => alerts(`?kind=${kind}`);
  const put = (body: object, role: 'ansm' | 'supplier' = 'ansm') =>
    api.http
      .put('/v1/audit/alert-settings')
      .set('Authorization', `Bearer ${token(role, role === 'ansm' ? 'ANSM' : 'SUP-1')}`)
      .send(body);
  const loss = (quantity: number) =>
    asPharmacist(api, '/v1/sites/PH-1/register/losses', {
      gtin: GTIN,
      lot: 'L1',
      quantity,
      kind: 'loss',
      occurredOn: TEST_DAY,
      declarations: { police: 'PV-1', ars: 'ARS-1', ansm: 'ANSM-1' },
    }).expect(201);

  beforeAll(async () => {
    api = await Api.start('pglite', { clock: () => new Date(now) });
    await seedToPharmacy(api);
  }, 120_000);
  afterAll(() => api.close());

  it('raises nothing for a circuit that goes as it should', async () => {
    await settle();
    expect(await alerts()).toEqual([]);
    expect(await sweep()).toBe(0);
  });

  it('raises receipt_discrepancy when fewer packs arrive than were shipped', async () => {
    const shipmentId = (
      await api
        .post('/v1/shipments', 'supplier', 'SUP-1', { to: 'EXP-1', lines: [{ gtin: GTIN, lot: 'L1', quantity: 3 }] })
        .expect(201)
    ).body.shipmentId;
    const receipt = await api
      .post(`/v1/shipments/${shipmentId}/receipt`, 'exploitant', 'EXP-1', {
        lines: [{ gtin: GTIN, lot: 'L1', quantity: 2 }],
      })
      .expect(201);
    await settle();
    expect(await ofKind('receipt_discrepancy')).toEqual([
      expect.objectContaining({
        state: 'open',
        site: 'EXP-1',
        shipmentId,
        evidence: [receipt.body.eventIds[0]],
        details: {
          from: 'SUP-1',
          discrepancies: [{ kind: 'missing', gtin: GTIN, lot: 'L1', shipped: 3, received: 2 }],
        },
      }),
    ]);
  });

  it('raises out_of_specification for a failing analysis, with the fields the list always had', async () => {
    await api.post('/v1/batches', 'supplier', 'SUP-1', batch('OOS')).expect(201);
    const failed = await api
      .post(`/v1/batches/${GTIN}/OOS/analyses`, 'supplier', 'SUP-1', analysis({ thc: 40, cbd: 1 }))
      .expect(201);
    await settle();
    const [alert] = await ofKind('out_of_specification');
    expect(alert).toMatchObject({
      kind: 'out_of_specification',
      gtin: GTIN,
      lot: 'OOS',
      site: 'SUP-1',
      recordedBy: { role: 'supplier', organisation: 'SUP-1' },
      sampledOn: '2026-01-12',
      failures: expect.arrayContaining([expect.objectContaining({ analyte: 'thc' })]),
      eventId: failed.body.eventIds[0],
      raisedAt: expect.any(String),
    });
  });

  it('raises loss_above_threshold only above the setting ANSM sets through the api', async () => {
    expect((await api.get('/v1/audit/alert-settings', 'ansm', 'ANSM').expect(200)).body).toEqual({
      transitDays: 7,
      lossPacks: 5,
      expiryWindowDays: 30,
      recallAcknowledgementDays: 2,
      setByAnsm: false,
    });
    await loss(1);
    await settle();
    expect(await ofKind('loss_above_threshold')).toEqual([]);

    const settings = { transitDays: 7, lossPacks: 0, expiryWindowDays: 30, recallAcknowledgementDays: 2 };
    const changed = await put(settings).expect(200);
    expect(changed.body).toMatchObject({ stream: 'alert-settings', settings: { ...settings, setByAnsm: true } });
    await settle();
    await loss(1);
    await settle();
    expect(await ofKind('loss_above_threshold')).toEqual([
      expect.objectContaining({
        site: 'PH-1',
        gtin: GTIN,
        lot: 'L1',
        details: { loss: 'loss', quantity: 1, threshold: 0 },
      }),
    ]);
  });

  it('refuses settings from anyone but ANSM, or out of range, and writes nothing', async () => {
    const valid = { transitDays: 7, lossPacks: 5, expiryWindowDays: 30, recallAcknowledgementDays: 2 };
    const written = await api.eventsWrittenBy(async () => {
      expect((await put(valid, 'supplier').expect(403)).headers['content-type']).toContain('application/problem+json');
      const invalid = await put({ ...valid, transitDays: -1 }).expect(400);
      expect(invalid.headers['content-type']).toContain('application/problem+json');
      await put({ ...valid, lossPacks: undefined }).expect(400);
    });
    expect(written).toBe(0);
    await put(valid).expect(200);
  });

  it('sweeps the time-driven kinds as the clock moves, each at its threshold', async () => {
    // A shipment left in transit, a batch that expires in 40 days, held by its supplier, and a recall.
    inTransit = (
      await api
        .post('/v1/shipments', 'exploitant', 'EXP-1', { to: 'PH-2', lines: [{ gtin: GTIN, lot: 'L1', quantity: 1 }] })
        .expect(201)
    ).body.shipmentId;
    await api.post('/v1/batches', 'supplier', 'SUP-1', { ...batch('SOON'), expiresOn: isoDay(40) }).expect(201);
    await api.post(`/v1/batches/${GTIN}/SOON/analyses`, 'supplier', 'SUP-1', analysis()).expect(201);
    await api.post(`/v1/batches/${GTIN}/SOON/release`, 'supplier', 'SUP-1', { qualifiedPerson: 'QP' }).expect(201);
    await api.post(`/v1/batches/${GTIN}/L1/recall`, 'ansm', 'ANSM', { reason: 'contamination' }).expect(201);
    await asPharmacist(api, `/v1/batches/${GTIN}/L1/recall/acknowledgement`, {}).expect(201);
    // The release enters the supplier's register through its own process.
    for (let held = false; !held;) {
      await settle();
      const stock = (await api.get('/v1/sites/SUP-1/stock', 'ansm', 'ANSM').expect(200)).body as { lot: string }[];
      held = stock.some((line) => line.lot === 'SOON');
    }

    now = dayAt(2); // 2 days after the recall: still within the days to acknowledge.
    expect(await sweep()).toBe(0);

    now = dayAt(3);
    expect(await sweep()).toBe(2);
    const unacknowledged = await ofKind('recall_not_acknowledged');
    // PH-1 acknowledged; EXP-1 and the supplier hold packs and did not.
    expect(unacknowledged.map((a) => a.site).sort()).toEqual(['EXP-1', 'SUP-1']);
    expect(unacknowledged[0]).toMatchObject({ gtin: GTIN, lot: 'L1', evidence: [expect.any(String)] });

    now = dayAt(7); // 7 days in transit: not yet longer than the setting.
    expect(await sweep()).toBe(0);

    now = dayAt(8);
    expect(await sweep()).toBe(1);
    expect(await ofKind('shipment_in_transit')).toEqual([
      expect.objectContaining({
        site: 'EXP-1',
        shipmentId: inTransit,
        details: { to: 'PH-2', dispatchedOn: TEST_DAY, daysInTransit: 8, threshold: 7 },
      }),
    ]);
    expect(await ofKind('stock_near_expiry')).toEqual([]); // 32 days left

    now = dayAt(10);
    expect(await sweep()).toBe(1);
    expect(await ofKind('stock_near_expiry')).toEqual([
      expect.objectContaining({
        site: 'SUP-1',
        gtin: GTIN,
        lot: 'SOON',
        details: expect.objectContaining({ daysLeft: 30 }),
      }),
    ]);
  });

  it('raises each alert once: the process replayed over the whole store, and the sweep run again, write nothing', async () => {
    await settle();
    const before = (await api.allEvents()).length;
    const count = (await alerts()).length;
    await Promise.all([
      api.app.get(EventAlerts).raise(await api.allEvents()),
      api.app.get(EventAlerts).raise(await api.allEvents()),
    ]);
    expect(await sweep()).toBe(0);
    expect((await api.allEvents()).length).toBe(before);
    expect(await alerts()).toHaveLength(count);
  });

  it('lets ANSM acknowledge and close an alert with a note, and refuses what the rules forbid', async () => {
    const [alert] = await ofKind('shipment_in_transit');
    const path = `/v1/audit/alerts/${alert.id}`;
    const note = { note: 'Carrier contacted' };
    const acknowledged = await api.post(`${path}/acknowledgement`, 'ansm', 'ANSM', note).expect(201);
    expect(acknowledged.body).toMatchObject({ alertId: alert.id, stream: `alert-${alert.id}`, revision: 1 });

    const written = await api.eventsWrittenBy(async () => {
      const twice = await api.post(`${path}/acknowledgement`, 'ansm', 'ANSM', note).expect(409);
      expect(twice.body.rule).toBe('alert_already_acknowledged');
      await api.post(`${path}/acknowledgement`, 'exploitant', 'EXP-1', note).expect(403);
      await api.post(`${path}/closure`, 'ansm', 'ANSM', { note: '  ' }).expect(400);
      const unknown = await api
        .post('/v1/audit/alerts/00000000-0000-5000-8000-000000000000/closure', 'ansm', 'ANSM', note)
        .expect(404);
      expect(unknown.body.rule).toBe('alert_not_found');
      expect((await api.post('/v1/audit/alerts/nope/closure', 'ansm', 'ANSM', note).expect(404)).body.rule).toBe(
        'alert_not_found',
      );
    });
    expect(written).toBe(0);

    await api.post(`${path}/closure`, 'ansm', 'ANSM', { note: 'Delivered on the 9th day' }).expect(201);
    const closedTwice = await api.post(`${path}/closure`, 'ansm', 'ANSM', note).expect(409);
    expect(closedTwice.body.rule).toBe('alert_already_closed');
    const late = await api.post(`${path}/acknowledgement`, 'ansm', 'ANSM', note).expect(422);
    expect(late.body.rule).toBe('alert_closed');

    await settle();
    const [closed] = await alerts('?state=closed');
    expect(closed).toMatchObject({
      id: alert.id,
      state: 'closed',
      acknowledgement: { note: 'Carrier contacted', at: new Date(now).toISOString() },
      closure: { note: 'Delivered on the 9th day' },
    });
    expect((await alerts('?state=open')).map((a) => a.id)).not.toContain(alert.id);
    await api.get('/v1/audit/alerts?state=forgotten', 'ansm', 'ANSM').expect(400);
  });

  it("shows a site its own alerts only, and ANSM any site's", async () => {
    const own = (await api.get('/v1/sites/EXP-1/alerts', 'exploitant', 'EXP-1').expect(200)).body as Alert[];
    expect(own.map((a) => a.kind).sort()).toEqual([
      'recall_not_acknowledged',
      'receipt_discrepancy',
      'shipment_in_transit',
    ]);
    expect(own.every((a) => a.site === 'EXP-1')).toBe(true);
    await api.get('/v1/sites/PH-1/alerts', 'exploitant', 'EXP-1').expect(403);
    await api.get('/v1/audit/alerts', 'exploitant', 'EXP-1').expect(403);
    const ph1 = (await api.get('/v1/sites/PH-1/alerts', 'ansm', 'ANSM').expect(200)).body as Alert[];
    expect(ph1.map((a) => a.kind)).toEqual(['loss_above_threshold']);
    expect(
      (await api.get('/v1/sites/EXP-1/alerts?state=closed', 'exploitant', 'EXP-1').expect(200)).body.map(
        (a: Alert) => a.kind,
      ),
    ).toEqual(['shipment_in_transit']);
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Role } from '#auth';
import { GTIN } from './catalogue.fixtures.js';
import { asPharmacist, asPrescriber, prescription, scan, seedToPharmacy } from './circuit.fixtures.js';
import { epcisProblems } from './epcis-structure.js';
import { Api } from './harness.js';

interface QueriedEvent {
  eventID: string;
  eventTime: string;
  bizStep: string;
  disposition: string;
  readPoint?: { id: string };
  bizLocation?: { id: string };
  epcList?: string[];
  quantityList?: { epcClass: string }[];
}

interface QueryDocument {
  type: string;
  epcisBody: { queryResults: { resultsBody: { eventList: QueriedEvent[] } } };
}

const LOT_CLASS = `https://id.gs1.org/01/${GTIN}/10/L1`;
const PACK_S2 = `https://id.gs1.org/01/${GTIN}/21/S2`;

describe('EPCIS 2.0 query interface', () => {
  let api: Api;
  beforeAll(async () => {
    api = await Api.start('pglite');
    await seedToPharmacy(api);
    await asPrescriber(api, '/v1/prescriptions', prescription('RX-Q')).expect(201);
    await asPharmacist(api, '/v1/dispensations', { prescriptionId: 'RX-Q', quantity: 1, scan: scan('S2') }).expect(201);
  });
  afterAll(() => api.close());

  /** Every event of a query, following the Link headers; each page checked as an EPCIS 2.0 query document. */
  async function all(
    path: string,
    role: Role = 'ansm',
    org = 'ANSM',
  ): Promise<{ events: QueriedEvent[]; pages: number }> {
    const events: QueriedEvent[] = [];
    let next: string | undefined = path;
    let pages = 0;
    while (next) {
      const response: { headers: Record<string, string>; body: QueryDocument } = await api
        .get(next, role, org)
        .expect(200);
      expect(response.headers['gs1-epcis-version']).toBe('2.0.0');
      expect(response.headers['gs1-cbv-version']).toBe('2.0.0');
      expect(response.headers['content-type']).toMatch(/^application\/ld\+json/);
      expect(epcisProblems(response.body)).toEqual([]);
      expect(response.body.type).toBe('EPCISQueryDocument');
      events.push(...response.body.epcisBody.queryResults.resultsBody.eventList);
      next = /^<([^>]+)>; rel="next"$/.exec(response.headers.link ?? '')?.[1];
      pages += 1;
    }
    return { events, pages };
  }

  it('answers every event of the store to ANSM, page by page, each id once', async () => {
    const { events, pages } = await all('/v1/epcis/events?perPage=4');
    expect(events.length).toBeGreaterThan(8);
    expect(pages).toBe(Math.ceil(events.length / 4));
    expect(new Set(events.map((e) => e.eventID)).size).toBe(events.length);
    const whole = await api.get('/v1/epcis/events?perPage=1000', 'ansm', 'ANSM').expect(200);
    expect(whole.headers.link).toBeUndefined();
    expect(whole.body.epcisBody.queryResults.resultsBody.eventList).toEqual(events);
    expect(events.map((e) => e.bizStep)).toEqual(
      expect.arrayContaining(['commissioning', 'shipping', 'receiving', 'dispensing']),
    );
  });

  it('filters by business step, disposition, time, location, class and instance', async () => {
    const steps = (await all('/v1/epcis/events?EQ_bizStep=shipping|https://ref.gs1.org/cbv/BizStep-receiving')).events;
    expect(new Set(steps.map((e) => e.bizStep))).toEqual(new Set(['shipping', 'receiving']));
    expect(steps).toHaveLength(4);
    expect((await all('/v1/epcis/events?EQ_disposition=dispensed')).events.map((e) => e.bizStep)).toEqual([
      'dispensing',
    ]);
    const atPharmacy = (await all(`/v1/epcis/events?EQ_bizLocation=${encodeURIComponent('urn:cannatrace:site:PH-1')}`))
      .events;
    expect(atPharmacy.map((e) => e.bizStep)).toEqual(['receiving', 'dispensing']);
    expect(
      (await all(`/v1/epcis/events?MATCH_epc=${encodeURIComponent(PACK_S2)}`)).events.map((e) => e.bizStep),
    ).toEqual(['dispensing']);
    expect(
      (await all(`/v1/epcis/events?MATCH_epcClass=${encodeURIComponent(LOT_CLASS)}&EQ_action=ADD`)).events.map(
        (e) => e.bizStep,
      ),
    ).toEqual(['commissioning']);
    const everything = (await all('/v1/epcis/events')).events;
    const firstTime = everything[0].eventTime;
    const later = new Date(Date.parse(everything.at(-1)!.eventTime) + 1).toISOString();
    expect(
      (
        await all(
          `/v1/epcis/events?GE_eventTime=${encodeURIComponent(firstTime)}&LT_eventTime=${encodeURIComponent(later)}`,
        )
      ).events,
    ).toEqual(everything);
    expect((await all(`/v1/epcis/events?GE_eventTime=${encodeURIComponent(later)}`)).events).toEqual([]);
  });

  it('offers the standard views: by business step, by identifier, one event by its id', async () => {
    expect((await all('/v1/epcis/bizSteps/receiving/events')).events.map((e) => e.bizStep)).toEqual([
      'receiving',
      'receiving',
    ]);
    expect((await all(`/v1/epcis/epcs/${encodeURIComponent(PACK_S2)}/events`)).events.map((e) => e.bizStep)).toEqual([
      'dispensing',
    ]);
    expect((await all(`/v1/epcis/eventTypes/AggregationEvent/events`)).events).toEqual([]);
    const [dispensing] = (await all('/v1/epcis/events?EQ_bizStep=dispensing')).events;
    const one = await api.get(`/v1/epcis/events/${encodeURIComponent(dispensing.eventID)}`, 'ansm', 'ANSM').expect(200);
    expect(one.body).toEqual(dispensing);
    await api
      .get(`/v1/epcis/events/${encodeURIComponent('urn:uuid:00000000-0000-4000-8000-000000000000')}`, 'ansm', 'ANSM')
      .expect(404);
  });

  it('answers an organisation the events of its own site only', async () => {
    const pharmacy = (await all('/v1/epcis/events', 'pharmacist', 'PH-1')).events;
    expect(pharmacy.map((e) => e.bizStep)).toEqual(['receiving', 'dispensing']);
    expect(pharmacy.every((e) => e.readPoint?.id === 'urn:cannatrace:site:PH-1')).toBe(true);
    const supplier = (await all('/v1/epcis/events', 'supplier', 'SUP-1')).events;
    expect(supplier.map((e) => e.readPoint?.id)).toEqual(supplier.map(() => 'urn:cannatrace:site:SUP-1'));
    expect(supplier.map((e) => e.bizStep)).toEqual(expect.arrayContaining(['commissioning', 'shipping']));
    await api.get('/v1/epcis/events', 'prescriber', 'CHU-1').expect(403);
  });

  it('refuses another EPCIS version, an unknown parameter, a bad time or page token, with a problem', async () => {
    const old = await api.get('/v1/epcis/events', 'ansm', 'ANSM').set('GS1-EPCIS-Version', '1.2.0');
    expect([old.status, old.body.type]).toEqual([406, 'urn:cannatrace:problem:epcis_version_unsupported']);
    const unknown = await api.get('/v1/epcis/events?EQ_quantity=3', 'ansm', 'ANSM').expect(400);
    expect(unknown.body.detail).toMatch(/property EQ_quantity should not exist/);
    const time = await api.get('/v1/epcis/events?GE_eventTime=yesterday', 'ansm', 'ANSM').expect(400);
    expect(time.body.errors).toEqual([
      { field: 'GE_eventTime', message: 'GE_eventTime must be an ISO 8601 instant with an offset' },
    ]);
    await api.get('/v1/epcis/events?nextPageToken=bm9uc2Vuc2U', 'ansm', 'ANSM').expect(400);
    await api.get('/v1/epcis/events?perPage=0', 'ansm', 'ANSM').expect(400);
  });
});

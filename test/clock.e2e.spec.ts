import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { registerBookStream } from '#domain';
import { GTIN } from './catalogue.fixtures.js';
import { asPharmacist, seedToPharmacy } from './circuit.fixtures.js';
import { Api } from './harness.js';

/** The api dates commands and picks "this month" by its clock, never by the machine's date. */
describe("the api's clock", () => {
  let api: Api;
  // 23:58 in Paris on New Year's Eve: the seed is dated then, and the clock is moved on by hand.
  let now = Date.parse('2026-12-31T22:58:00Z');
  beforeAll(async () => {
    api = await Api.start('pglite', { clock: () => new Date(now) });
    await seedToPharmacy(api);
  });
  afterAll(() => api.close());

  const theft = () =>
    asPharmacist(api, '/v1/sites/PH-1/register/losses', {
      gtin: GTIN,
      lot: 'L1',
      quantity: 1,
      kind: 'theft',
      occurredOn: '2026-12-31',
      declarations: { police: 'PV-1', ars: 'ARS-1', ansm: 'ANSM-1' },
    }).expect(201);
  const types = async (stream: string) => (await api.store.readStream(stream)).map((e) => e.type);

  it('writes into the book of the month its clock is in, and opens the next book when its clock crosses midnight', async () => {
    await theft();
    expect(await types(registerBookStream('PH-1', '2026-12'))).toContain('LossDeclared');
    expect(await api.store.readStream(registerBookStream('PH-1', '2027-01'))).toEqual([]);

    now = Date.parse('2026-12-31T23:01:00Z'); // 00:01 on 1 January in Paris
    await theft();
    expect(await types(registerBookStream('PH-1', '2026-12'))).toContain('RegisterBookClosed');
    expect(await types(registerBookStream('PH-1', '2027-01'))).toEqual(['RegisterBookOpened', 'LossDeclared']);
    const stock = (await api.get('/v1/sites/PH-1/stock', 'ansm', 'ANSM').expect(200)).body;
    expect(stock).toEqual([expect.objectContaining({ gtin: GTIN, lot: 'L1', quantity: 4 })]);
    const balance = (await api.get('/v1/sites/PH-1/register/balance?month=2027-01', 'ansm', 'ANSM').expect(200)).body;
    expect(balance).toEqual([{ gtin: GTIN, lot: 'L1', opening: 5, entries: 0, exits: 1, closing: 4 }]);
  });
});

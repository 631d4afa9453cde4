import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Api, BACKENDS } from './harness.js';

describe.each(BACKENDS)("an organisation's region (%s)", (backend) => {
  let api: Api;
  beforeAll(async () => {
    api = await Api.start(backend);
  });
  afterAll(() => api.close());

  const register = (body: Record<string, unknown>) => api.post('/v1/organisations', 'ansm', 'ANSM', body);
  const pharmacy = { kind: 'community_pharmacy', name: 'Pharmacie des Halles', country: 'FR' };

  it('is recorded for a French site and read back', async () => {
    await register({ ...pharmacy, id: 'PH-REGION-84', region: '84' }).expect(201);
    expect((await api.get('/v1/organisations/PH-REGION-84', 'ansm', 'ANSM').expect(200)).body).toEqual({
      ...pharmacy,
      id: 'PH-REGION-84',
      region: '84',
    });
  });

  it('is refused when it is no French region, or the site is abroad, and nothing is written', async () => {
    let unknown!: { status: number; body: Record<string, unknown> };
    expect(
      await api.eventsWrittenBy(async () => (unknown = await register({ ...pharmacy, id: 'PH-R-1', region: '99' }))),
    ).toBe(0);
    expect(unknown.status).toBe(400);
    expect((unknown.body.errors as { field: string }[]).map((e) => e.field)).toEqual(['region']);

    let abroad!: { status: number; body: Record<string, unknown> };
    const dutch = { ...pharmacy, id: 'PH-R-2', country: 'NL', region: '11' };
    expect(await api.eventsWrittenBy(async () => (abroad = await register(dutch)))).toBe(0);
    expect(abroad.status).toBe(422);
    expect(abroad.body.rule).toBe('region_outside_france');
  });
});

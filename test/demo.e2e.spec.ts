import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { Request } from 'express';
import { DemoController } from '../apps/api/src/security/demo.controller.js';
import { Api } from './harness.js';

const organisation = (id: string, kind: string) => ({ id, kind, name: `Démo ${id}`, country: 'FR' });
const professional = (rpps: string, kind: string, organisationId: string) => ({
  rpps,
  kind,
  name: `Pro ${rpps}`,
  organisationId,
  trainedOn: '2026-01-05',
});

/** The demo circuit's organisations: the two registered first, then the others. */
const FIRST_ORGANISATIONS = [
  ['SUP-DEMO', 'supplier'],
  ['PH-CENTRE', 'community_pharmacy'],
];
const OTHER_ORGANISATIONS = [
  ['EXP-DEMO', 'exploitant'],
  ['PH-GARE', 'community_pharmacy'],
  ['CHU-DEMO', 'reference_centre'],
];
const PROFESSIONALS = [
  ['10000000001', 'prescriber', 'CHU-DEMO'],
  ['10000000002', 'pharmacist', 'PH-CENTRE'],
  ['10000000004', 'pharmacist', 'PH-GARE'],
];

async function registerOrganisations(api: Api, organisations: string[][]): Promise<void> {
  for (const [id, kind] of organisations)
    await api.post('/v1/organisations', 'ansm', 'ANSM', organisation(id, kind)).expect(201);
}

async function registerProfessionals(api: Api): Promise<void> {
  for (const [rpps, kind, org] of PROFESSIONALS)
    await api.post('/v1/professionals', 'ansm', 'ANSM', professional(rpps, kind, org)).expect(201);
}

const expectRefused = (response: {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}) => {
  expect(response.status).toBe(404);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({ status: 404, type: 'urn:cannatrace:problem:demo_off' });
  expect(JSON.stringify(response.body)).not.toMatch(/token/);
};

describe('demo sign-in: only when asked for, on loopback, for actors that exist', () => {
  // Each test starts from an empty store of its own: what is offered depends on what the store holds.
  let api: Api;
  beforeEach(async () => {
    api = await Api.start('pglite', { demo: true });
  }, 120_000);
  afterEach(() => api.close());

  it('offers nobody on an unseeded store', async () => {
    const response = await api.http.get('/v1/demo/actors').expect(200);
    expect(response.body).toEqual([]);
  });

  it('offers an actor once its organisation (and its registration as a professional) exists, ANSM once the whole circuit does', async () => {
    await registerOrganisations(api, FIRST_ORGANISATIONS);
    const partial = await api.http.get('/v1/demo/actors').expect(200);
    // PH-CENTRE exists, but its pharmacist is not registered yet.
    expect(partial.body.map((a: { org: string }) => a.org)).toEqual(['SUP-DEMO']);

    await registerOrganisations(api, OTHER_ORGANISATIONS);
    await registerProfessionals(api);
    const all = await api.http.get('/v1/demo/actors').expect(200);
    expect(all.body.map((a: { role: string; org: string }) => `${a.role}@${a.org}`)).toEqual([
      'supplier@SUP-DEMO',
      'exploitant@EXP-DEMO',
      'pharmacist@PH-CENTRE',
      'pharmacist@PH-GARE',
      'prescriber@CHU-DEMO',
      'ansm@ANSM',
    ]);
    const ansm = all.body.find((a: { role: string }) => a.role === 'ansm');
    await api.http.get('/v1/audit/verify').set('Authorization', `Bearer ${ansm.token}`).expect(200);
  });

  it('refuses a caller from another machine, even when asked for', async () => {
    await registerOrganisations(api, [...FIRST_ORGANISATIONS, ...OTHER_ORGANISATIONS]);
    await registerProfessionals(api);
    const remote = { socket: { remoteAddress: '192.168.1.77' } } as unknown as Request;
    await expect(api.app.get(DemoController).actors(remote)).rejects.toMatchObject({ status: 404 });
    const local = { socket: { remoteAddress: '::ffff:127.0.0.1' } } as unknown as Request;
    await expect(api.app.get(DemoController).actors(local)).resolves.toHaveLength(6);
  });
});

describe('demo sign-in refused', () => {
  it('when not asked for (the default)', async () => {
    const api = await Api.start('pglite');
    try {
      expectRefused(await api.http.get('/v1/demo/actors'));
    } finally {
      await api.close();
    }
  });

  it('when the api listens beyond this machine (HOST=0.0.0.0), even when asked for', async () => {
    const api = await Api.start('pglite', { demo: true, host: '0.0.0.0' });
    try {
      expectRefused(await api.http.get('/v1/demo/actors'));
    } finally {
      await api.close();
    }
  });
});

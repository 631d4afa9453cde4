import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { followUpStream, indicationStream } from '#domain';
import { Projector } from '#read-models';
import { asPrescriber, includePatient, prescription, PRESCRIBER, seedToPharmacy, TODAY } from './circuit.fixtures.js';
import { Api, BACKENDS, token } from './harness.js';

/** A second trained prescriber of the reference centre, who sees patients it consulted. */
const COLLEAGUE = '10000000007';

describe.each(BACKENDS)('patient follow-up over HTTP (%s)', (backend) => {
  let api: Api;
  // The api's clock, moved by hand: 10:00 in Paris on the test day.
  let now = Date.parse(`${TODAY}T09:00:00Z`);
  let beta: string;

  const consultation = (overrides: object = {}) => ({
    indication: 'EPILEPSY',
    consultedOn: TODAY,
    kind: 'renewal',
    symptomEffect: 6,
    adverseEffects: ['somnolence'],
    decision: 'continue',
    ...overrides,
  });
  const consult = (patientId: string, body: object, headers: Record<string, string> = {}, rpps = PRESCRIBER) =>
    asPrescriber(api, `/v1/patients/${patientId}/consultations`, body, rpps).set(headers);
  const indication = async () =>
    ((await api.get('/v1/indications', 'ansm', 'ANSM').expect(200)).body as { indication: string }[]).find(
      (i) => i.indication === 'EPILEPSY',
    );
  async function refused(send: () => PromiseLike<{ status: number; body: Record<string, unknown> }>, rule: string) {
    let response!: { status: number; body: Record<string, unknown> };
    expect(await api.eventsWrittenBy(async () => (response = await send()))).toBe(0);
    expect([response.status, response.body.rule]).toEqual([422, rule]);
  }
  const overdue = async (role: 'prescriber' | 'ansm', sub?: string) => {
    await api.app.get(Projector).caughtUp();
    const response = await api.http
      .get('/v1/follow-up/overdue')
      .set('Authorization', `Bearer ${token(role, role === 'ansm' ? 'ANSM' : 'CHU-1', sub)}`)
      .expect(200);
    return (response.body as { patientId: string; dueOn: string }[]).map((p) => [p.patientId, p.dueOn]);
  };

  beforeAll(async () => {
    api = await Api.start(backend, { clock: () => new Date(now) });
    await seedToPharmacy(api);
    await api
      .post('/v1/professionals', 'ansm', 'ANSM', {
        rpps: COLLEAGUE,
        kind: 'prescriber',
        name: 'Dr C',
        organisationId: 'CHU-1',
        trainedOn: '2026-01-05',
      })
      .expect(201);
    await api.http
      .put('/v1/indications/EPILEPSY/cap')
      .set('Authorization', `Bearer ${token('ansm', 'ANSM')}`)
      .send({ cap: 2 })
      .expect(200);
    beta = await includePatient(api);
  }, 120_000);
  afterAll(() => api.close());

  it('records a consultation, stops a treatment (once, on a retry too), frees its place and refuses what follows', async () => {
    await refused(
      () => asPrescriber(api, '/v1/patients', { indication: 'EPILEPSY', includedOn: TODAY, consent: true }),
      'indication_cap_reached',
    );
    await asPrescriber(api, '/v1/prescriptions', prescription('RX-FU-1', { patientId: beta })).expect(201);

    const seen = await consult(beta, consultation()).expect(201);
    expect(seen.body).toMatchObject({ stream: followUpStream(beta), patientId: beta, revision: 0 });
    const [recorded] = await api.store.readStream(followUpStream(beta));
    expect(recorded.data).toEqual({
      consultationId: seen.body.consultationId,
      patientId: beta,
      indication: 'EPILEPSY',
      consultedOn: TODAY,
      kind: 'renewal',
      symptomEffect: 6,
      adverseEffects: ['somnolence'],
      decision: 'continue',
      prescriberRpps: PRESCRIBER,
      organisationId: 'CHU-1',
    });

    await refused(() => consult(beta, consultation({ indication: 'PALLIATIVE_CARE' })), 'patient_not_included');
    await refused(() => consult(beta, consultation({ consultedOn: '2026-11-26' })), 'consulted_in_the_future');
    await refused(() => consult(beta, consultation({ consultedOn: '2026-11-24' })), 'consulted_before_inclusion');
    await refused(() => consult(beta, consultation({ decision: 'stop' })), 'stop_reason_required');
    await refused(
      () => consult(beta, consultation({ decision: 'continue', stopReason: 'recovery' })),
      'stop_reason_without_stop',
    );
    const invalid = await consult(beta, consultation({ symptomEffect: 11, adverseEffects: ['feels odd'] })).expect(400);
    expect(invalid.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'adverseEffects',
      'symptomEffect',
    ]);

    const key = { 'Idempotency-Key': `stop-${backend}` };
    const stop = consultation({ decision: 'stop', stopReason: 'adverse_effect', adverseEffects: ['dizziness'] });
    const stopped = await consult(beta, stop, key).expect(201);
    expect(await api.eventsWrittenBy(() => consult(beta, stop, key).expect(201))).toBe(0);
    const stops = (await api.store.readStream(indicationStream('EPILEPSY'))).filter(
      (e) => e.type === 'PatientTreatmentStopped',
    );
    expect(stops.map((e) => e.data)).toEqual([
      {
        indication: 'EPILEPSY',
        patientId: beta,
        stoppedOn: TODAY,
        reason: 'adverse_effect',
        consultationId: stopped.body.consultationId,
      },
    ]);
    expect(await indication()).toMatchObject({ cap: 2, included: 2, active: 1, stopped: 1 });

    await includePatient(api);
    expect(await indication()).toMatchObject({ included: 3, active: 2, stopped: 1 });
    await refused(
      () => asPrescriber(api, '/v1/prescriptions', prescription('RX-FU-2', { patientId: beta, renewalOf: 'RX-FU-1' })),
      'patient_stopped',
    );
    await refused(() => consult(beta, consultation()), 'patient_stopped');
  });

  it('lists overdue long consultations as of the api clock, and moves them with ANSM’s schedule', async () => {
    // Two patients included on 1 August (neuropathic pain); dates of facts may not pass the machine's tomorrow,
    // so the api's clock is set back to October. 73 days after inclusion (5 a year) the first is due: 13 October.
    now = Date.parse('2026-10-13T08:00:00Z');
    const include = async () =>
      (
        await asPrescriber(api, '/v1/patients', {
          indication: 'NEUROPATHIC_PAIN',
          includedOn: '2026-08-01',
          consent: true,
        }).expect(201)
      ).body.patientId as string;
    const [delta, epsilon] = [await include(), await include()];
    const pain = (overrides: object) => consultation({ indication: 'NEUROPATHIC_PAIN', ...overrides });
    expect(await overdue('ansm')).toEqual([]);
    now = Date.parse('2026-10-14T08:00:00Z');
    const both = [delta, epsilon].sort().map((id) => [id, '2026-10-13']);
    expect((await overdue('ansm')).sort()).toEqual(both);
    expect((await overdue('prescriber')).sort()).toEqual(both);
    expect(await overdue('prescriber', COLLEAGUE)).toEqual([]);

    // The colleague renews epsilon: epsilon is now also on its list (it last saw the patient).
    await consult(epsilon, pain({ consultedOn: '2026-10-14' }), {}, COLLEAGUE).expect(201);
    expect(await overdue('prescriber', COLLEAGUE)).toEqual([[epsilon, '2026-10-13']]);
    // A long consultation of delta: its next is due 146 days after inclusion.
    await consult(delta, pain({ kind: 'long_consultation', consultedOn: '2026-10-14' })).expect(201);
    expect(await overdue('ansm')).toEqual([[epsilon, '2026-10-13']]);

    // ANSM asks two in the first year: epsilon's first is due 182 days after inclusion, no one is overdue.
    const schedule = (body: object) =>
      api.http
        .put('/v1/follow-up/schedule')
        .set('Authorization', `Bearer ${token('ansm', 'ANSM')}`)
        .send(body);
    await schedule({ firstYear: 2, thereafter: 1 }).expect(200);
    expect((await api.get('/v1/follow-up/schedule', 'prescriber', 'CHU-1').expect(200)).body).toEqual({
      firstYear: 2,
      thereafter: 1,
    });
    expect(await overdue('ansm')).toEqual([]);
    // Twelve a year: epsilon's first (30 days) and delta's second (60 days) are long past on the test day; the
    // patients included that day are not due yet, the stopped one never.
    await schedule({ firstYear: 12, thereafter: 1 }).expect(200);
    now = Date.parse(`${TODAY}T09:00:00Z`);
    expect(await overdue('ansm')).toEqual([
      [epsilon, '2026-08-31'],
      [delta, '2026-09-30'],
    ]);
    const tooMany = await api.eventsWrittenBy(() => schedule({ firstYear: 13, thereafter: 1 }).expect(400));
    expect(tooMany).toBe(0);
  });
});

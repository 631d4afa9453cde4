import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { get } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Response } from 'supertest';
import type { Role } from '#auth';
import { Projector } from '#read-models';
import { EventAlerts } from '../apps/api/src/processes/alerts/event-alerts.js';
import { analysis, batch, GTIN } from './catalogue.fixtures.js';
import { alphaPatient, PHARMACIST, prescription, PRESCRIBER, scan, seedToPharmacy, TODAY } from './circuit.fixtures.js';
import { Api, token } from './harness.js';

interface Schema {
  $ref?: string;
  allOf?: Schema[];
  type?: string;
  items?: Schema;
  enum?: unknown[];
  nullable?: boolean;
  required?: string[];
  properties?: Record<string, Schema>;
  additionalProperties?: unknown;
}
interface Document {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: Schema }> }> }>
  >;
  components: { schemas: Record<string, Schema> };
}

/** Where a value departs from its schema, one line each: a field not documented, one missing, a wrong type. */
function departures(value: unknown, schema: Schema, document: Document, at: string): string[] {
  const ref = schema.$ref ?? schema.allOf?.[0]?.$ref;
  if (ref) {
    const nullable = schema.nullable === true;
    if (value === null && nullable) return [];
    return departures(value, document.components.schemas[ref.split('/').pop() as string], document, at);
  }
  if (value === null) return schema.nullable ? [] : [`${at}: null, not documented as nullable`];
  if (schema.enum && !schema.enum.includes(value)) return [`${at}: ${JSON.stringify(value)} is not in its enum`];
  if (schema.type === 'array') {
    if (!Array.isArray(value)) return [`${at}: not an array`];
    return value.flatMap((item, i) => departures(item, schema.items ?? {}, document, `${at}[${i}]`));
  }
  if (schema.properties) {
    if (typeof value !== 'object' || Array.isArray(value)) return [`${at}: not an object`];
    const record = value as Record<string, unknown>;
    const found = Object.keys(record)
      .filter((key) => !(key in (schema.properties ?? {})))
      .map((key) => `${at}.${key}: not documented`);
    for (const key of schema.required ?? []) if (!(key in record)) found.push(`${at}.${key}: documented, missing`);
    for (const [key, property] of Object.entries(schema.properties))
      if (key in record) found.push(...departures(record[key], property, document, `${at}.${key}`));
    return found;
  }
  const types: Record<string, string> = { string: 'string', number: 'number', integer: 'number', boolean: 'boolean' };
  if (schema.type && types[schema.type] && typeof value !== types[schema.type])
    return [`${at}: ${typeof value}, documented as ${schema.type}`];
  return [];
}

/**
 * Every operation of the api, called once on a small circuit: each answer must have the shape its OpenAPI
 * schema documents (no undocumented field, no documented required field missing, the documented types).
 */
describe('the OpenAPI schemas, against the answers the api gives', () => {
  let api: Api;
  let document: Document;
  const answers: { operation: string; response: Pick<Response, 'status' | 'body'> }[] = [];

  const as = (role: Role, org: string, sub?: string) => `Bearer ${token(role, org, sub)}`;
  async function call(
    method: 'get' | 'post' | 'put' | 'delete',
    template: string,
    path: string,
    authorization?: string,
    body?: object,
  ): Promise<Response> {
    let request = api.http[method](path);
    if (authorization) request = request.set('Authorization', authorization);
    const response = await (body ? request.send(body) : request);
    answers.push({ operation: `${method.toUpperCase()} ${template}`, response });
    return response;
  }
  const ansm = as('ansm', 'ANSM');
  const pharmacist = as('pharmacist', 'PH-1', PHARMACIST);
  const prescriber = as('prescriber', 'CHU-1', PRESCRIBER);
  const supplier = as('supplier', 'SUP-1');
  const batchPath = `/v1/batches/${GTIN}/L1`;

  beforeAll(async () => {
    api = await Api.start('pglite', { webhookAllowPrivate: true });
    document = (await api.http.get('/docs-json').expect(200)).body as Document;
    await seedToPharmacy(api);
    await call('post', '/v1/organisations', '/v1/organisations', ansm, {
      id: 'LAB-1',
      kind: 'laboratory',
      name: 'Laboratoire',
      country: 'FR',
    });
    await call('get', '/v1/organisations/{id}', '/v1/organisations/PH-1', ansm);
    await call('post', '/v1/professionals', '/v1/professionals', ansm, {
      rpps: '10000000009',
      kind: 'pharmacist',
      name: 'Witness',
      organisationId: 'PH-1',
      trainedOn: '2026-01-05',
    });
    await call('get', '/v1/professionals/{rpps}', `/v1/professionals/${PHARMACIST}`, ansm);
    await call('post', '/v1/products', '/v1/products', ansm, {
      gtin: '03400930000021',
      name: 'Huile',
      supplierId: 'SUP-1',
      exploitantId: 'EXP-1',
      form: 'oil',
      ratio: 'BALANCED',
      declared: { thc: 10, cbd: 10 },
      contentUnit: 'mg_per_ml',
    });
    await call('put', '/v1/products/{gtin}/specification', '/v1/products/03400930000021/specification', ansm, {
      tolerancePercent: 12,
    });
    await call('get', '/v1/products/{gtin}', `/v1/products/${GTIN}`, ansm);
    await call('post', '/v1/batches', '/v1/batches', supplier, batch('L2'));
    const lot2 = `/v1/batches/${GTIN}/L2`;
    await call('post', '/v1/batches/{gtin}/{lot}/analyses', `${lot2}/analyses`, supplier, analysis());
    await call('post', '/v1/batches/{gtin}/{lot}/release', `${lot2}/release`, supplier, { qualifiedPerson: 'QP' });
    await call('post', '/v1/batches', '/v1/batches', supplier, batch('L3'));
    const lot3 = `/v1/batches/${GTIN}/L3`;
    await call(
      'post',
      '/v1/batches/{gtin}/{lot}/analyses',
      `${lot3}/analyses`,
      supplier,
      analysis({ thc: 40, cbd: 1 }),
    );
    await call('post', '/v1/batches/{gtin}/{lot}/investigations', `${lot3}/investigations`, supplier, {
      reportSha256: 'a'.repeat(64),
      conclusion: 'Sampling error',
    });
    // The failing analysis of L3 raises an alert: the list then answers a whole one.
    await api.app.get(EventAlerts).caughtUp();
    await api.app.get(Projector).caughtUp();
    const alertId = (await call('get', '/v1/audit/alerts', '/v1/audit/alerts', ansm)).body[0].id as string;
    await call('get', '/v1/sites/{organisationId}/alerts', '/v1/sites/SUP-1/alerts', supplier);
    const alertPath = `/v1/audit/alerts/${alertId}`;
    const note = { note: 'Laboratory retest asked for' };
    await call('post', '/v1/audit/alerts/{alertId}/acknowledgement', `${alertPath}/acknowledgement`, ansm, note);
    await call('post', '/v1/audit/alerts/{alertId}/closure', `${alertPath}/closure`, ansm, note);
    await call('get', '/v1/audit/alert-settings', '/v1/audit/alert-settings', ansm);
    await call('put', '/v1/audit/alert-settings', '/v1/audit/alert-settings', ansm, {
      transitDays: 5,
      lossPacks: 2,
      expiryWindowDays: 60,
      recallAcknowledgementDays: 1,
    });
    await call('post', '/v1/batches/{gtin}/{lot}/hold', `${lot2}/hold`, ansm, { reason: 'check' });
    await call('post', '/v1/batches/{gtin}/{lot}/lift-hold', `${lot2}/lift-hold`, ansm, { reason: 'checked' });
    await call('post', '/v1/batches/{gtin}/{lot}/recall', `${lot2}/recall`, ansm, { reason: 'contamination' });
    // The supplier holds the 500 packs of L2 it released: it acknowledges the recall and quarantines them.
    await call(
      'post',
      '/v1/batches/{gtin}/{lot}/recall/acknowledgement',
      `${lot2}/recall/acknowledgement`,
      supplier,
      {},
    );
    await call('post', '/v1/batches/{gtin}/{lot}/recall/quarantine', `${lot2}/recall/quarantine`, supplier, {
      quantity: 500,
    });
    await call('get', '/v1/batches/{gtin}/{lot}/recall', `${lot2}/recall`, ansm);
    await call('get', '/v1/batches/{gtin}/{lot}', batchPath, ansm);
    const dispatched = await call('post', '/v1/shipments', '/v1/shipments', as('exploitant', 'EXP-1'), {
      to: 'PH-1',
      lines: [{ gtin: GTIN, lot: 'L1', quantity: 2 }],
      carrier: 'Transports Sécurisés',
    });
    const shipment = dispatched.body.shipmentId as string;
    await call('post', '/v1/shipments/{shipmentId}/receipt', `/v1/shipments/${shipment}/receipt`, pharmacist, {
      scans: [scan('S7'), scan('S7'), 'not a code'],
    });
    await call('get', '/v1/shipments/{shipmentId}', `/v1/shipments/${shipment}`, ansm);
    const site = '/v1/sites/PH-1';
    await call('post', '/v1/sites/{organisationId}/register/losses', `${site}/register/losses`, pharmacist, {
      gtin: GTIN,
      lot: 'L1',
      quantity: 1,
      kind: 'theft',
      occurredOn: TODAY,
      declarations: { police: 'PV-1', ars: 'ARS-1', ansm: 'ANSM-1' },
    });
    await call(
      'post',
      '/v1/sites/{organisationId}/register/destructions',
      `${site}/register/destructions`,
      pharmacist,
      {
        gtin: GTIN,
        lot: 'L1',
        quantity: 1,
        destroyedOn: '2026-04-15',
        witnessRpps: '10000000009',
        reportReference: 'PV-DEST-1',
        arsNotifiedOn: '2026-03-10',
      },
    );
    await call('post', '/v1/patients', '/v1/patients', prescriber, {
      indication: 'EPILEPSY',
      includedOn: TODAY,
      consent: true,
    });
    await call('put', '/v1/indications/{indication}/cap', '/v1/indications/EPILEPSY/cap', ansm, { cap: 600 });
    // Included in the spring: its first long consultation is overdue on the test day.
    const followed = await call('post', '/v1/patients', '/v1/patients', prescriber, {
      indication: 'PALLIATIVE_CARE',
      includedOn: '2026-05-01',
      consent: true,
    });
    await call(
      'post',
      '/v1/patients/{patientId}/consultations',
      `/v1/patients/${followed.body.patientId as string}/consultations`,
      prescriber,
      {
        indication: 'PALLIATIVE_CARE',
        consultedOn: TODAY,
        kind: 'renewal',
        symptomEffect: 7,
        adverseEffects: ['dry_mouth'],
        decision: 'continue',
      },
    );
    await call('put', '/v1/follow-up/schedule', '/v1/follow-up/schedule', ansm, { firstYear: 5, thereafter: 2 });
    await call('get', '/v1/follow-up/schedule', '/v1/follow-up/schedule', prescriber);
    await call('get', '/v1/indications', '/v1/indications', ansm);
    await call('post', '/v1/prescriptions', '/v1/prescriptions', prescriber, prescription('RX-DOC-1'));
    await call('post', '/v1/prescriptions', '/v1/prescriptions', prescriber, prescription('RX-DOC-2'));
    await call('post', '/v1/prescriptions/{prescriptionId}/cancel', '/v1/prescriptions/RX-DOC-2/cancel', prescriber, {
      reason: 'Treatment changed',
    });
    await call('post', '/v1/dispensations', '/v1/dispensations', pharmacist, {
      prescriptionId: 'RX-DOC-1',
      scan: scan('S1'),
      quantity: 1,
    });
    await call('get', '/v1/prescriptions/{prescriptionId}', '/v1/prescriptions/RX-DOC-1', ansm);
    await call('post', '/v1/sites/{organisationId}/register/inventories', `${site}/register/inventories`, pharmacist, {
      countedOn: TODAY,
      counts: [{ gtin: GTIN, lot: 'L1', quantity: 3 }],
    });
    await call('get', '/v1/sites/{organisationId}/stock', `${site}/stock`, ansm);
    await call('get', '/v1/sites/{organisationId}/register', `${site}/register`, ansm);
    await call(
      'get',
      '/v1/sites/{organisationId}/register/balance',
      `${site}/register/balance?month=${TODAY.slice(0, 7)}`,
      ansm,
    );
    await call('post', '/v1/scans/read', '/v1/scans/read', pharmacist, { scan: scan('S2') });
    await call('get', '/v1/audit/batches/{gtin}/{lot}/history', `/v1/audit${batchPath.slice(3)}/history`, ansm);
    await call('get', '/v1/audit/batches/{gtin}/{lot}/epcis', `/v1/audit${batchPath.slice(3)}/epcis`, ansm);
    await call('get', '/v1/audit/verify', '/v1/audit/verify', ansm);
    const page = await call('get', '/v1/epcis/events', '/v1/epcis/events?perPage=5', ansm);
    const first = page.body.epcisBody.queryResults.resultsBody.eventList[0];
    await call('get', '/v1/epcis/events/{eventID}', `/v1/epcis/events/${encodeURIComponent(first.eventID)}`, ansm);
    const epcis = (view: string, value: string) =>
      call(
        'get',
        `/v1/epcis/${view}/events`,
        `/v1/epcis/${view.replace(/\{.*\}/, encodeURIComponent(value))}/events`,
        ansm,
      );
    await epcis('eventTypes/{eventType}', 'ObjectEvent');
    await epcis('bizSteps/{bizStep}', 'shipping');
    await epcis('dispositions/{disposition}', 'in_transit');
    await epcis('epcs/{epc}', `https://id.gs1.org/01/${GTIN}/10/L1`);
    await epcis('bizLocations/{bizLocation}', 'urn:cannatrace:site:PH-1');
    await epcis('readPoints/{readPoint}', 'urn:cannatrace:site:PH-1');
    await call('get', '/health', '/health');
    const created = await call('post', '/v1/subscriptions', '/v1/subscriptions', pharmacist, {
      url: 'http://127.0.0.1:4799/hook',
      kinds: ['BatchRecalled'],
    });
    const subscription = `/v1/subscriptions/${created.body.id as string}`;
    await call('get', '/v1/subscriptions', '/v1/subscriptions', pharmacist);
    await call('get', '/v1/subscriptions/{id}', subscription, pharmacist);
    await call('put', '/v1/subscriptions/{id}/cursor', `${subscription}/cursor`, pharmacist, { cursor: 'start' });
    await call('delete', '/v1/subscriptions/{id}', subscription, pharmacist);
    const digest = await call('get', '/v1/audit/digest', '/v1/audit/digest', ansm);
    await call('post', '/v1/audit/verify', '/v1/audit/verify', ansm, digest.body as object);
    answers.push({ operation: 'GET /v1/events/stream', response: await firstStreamMessage() });
    // The lists and the trace come from read models: once they have caught up.
    await api.app.get(Projector).caughtUp();
    await call('get', '/v1/batches', '/v1/batches', ansm);
    await call('get', '/v1/prescriptions', '/v1/prescriptions', ansm);
    await call('get', '/v1/sites/{organisationId}/shipments', `${site}/shipments?direction=incoming`, ansm);
    await call('get', '/v1/trace/batches/{gtin}/{lot}', `/v1/trace/batches/${GTIN}/L1`, ansm);
    await call('get', '/v1/follow-up/overdue', '/v1/follow-up/overdue', ansm);
    // Vigilance: a prescriber of a centre with a region prescribes for the patient dispensed L1, then reports.
    await call('post', '/v1/organisations', '/v1/organisations', ansm, {
      id: 'CHU-LYON',
      kind: 'reference_centre',
      name: 'CHU de Lyon',
      country: 'FR',
      region: '84',
    });
    await call('post', '/v1/professionals', '/v1/professionals', ansm, {
      rpps: '10000000010',
      kind: 'prescriber',
      name: 'Dr Lyon',
      organisationId: 'CHU-LYON',
      trainedOn: '2026-01-05',
    });
    const lyon = as('prescriber', 'CHU-LYON', '10000000010');
    await call('post', '/v1/prescriptions', '/v1/prescriptions', lyon, prescription('RX-DOC-3'));
    await call('put', '/v1/vigilance/thresholds', '/v1/vigilance/thresholds', ansm, { reports: 1, days: 30 });
    await call('get', '/v1/vigilance/thresholds', '/v1/vigilance/thresholds', ansm);
    await api.app.get(Projector).caughtUp();
    const filed = await call('post', '/v1/vigilance/reports', '/v1/vigilance/reports', lyon, {
      kind: 'adverse_effect',
      patientId: alphaPatient(),
      seriousness: 'serious',
      onsetOn: TODAY,
      outcome: 'recovering',
      narrative: 'Somnolence',
    });
    const report = `/v1/vigilance/reports/${filed.body.reportId as string}`;
    await call('post', '/v1/vigilance/reports/{reportId}/corrections', `${report}/corrections`, lyon, {
      kind: 'abuse_dependence',
      reason: 'Wrong form',
    });
    await call('post', '/v1/vigilance/reports/{reportId}/follow-ups', `${report}/follow-ups`, lyon, {
      outcome: 'recovered',
      narrative: 'Résolution',
    });
    await call('get', '/v1/vigilance/reports/{reportId}', report, ansm);
    await api.app.get(Projector).caughtUp();
    await call('get', '/v1/vigilance/reports', '/v1/vigilance/reports', ansm);
    const signals = await call('get', '/v1/vigilance/signals', '/v1/vigilance/signals', ansm);
    const signal = `/v1/vigilance/signals/${(signals.body as { signalId: string }[])[0].signalId}`;
    await call('get', '/v1/vigilance/signals/{signalId}', signal, ansm);
    await call('post', '/v1/vigilance/signals/{signalId}/hold', `${signal}/hold`, ansm);
    await api.app.get(Projector).caughtUp();
    const reports = '/v1/reports';
    const months = `from=${TODAY.slice(0, 7)}&to=${TODAY.slice(0, 7)}`;
    await call('get', `${reports}/patients-per-indication`, `${reports}/patients-per-indication?${months}`, ansm);
    await call('get', `${reports}/dispensations`, `${reports}/dispensations?${months}`, ansm);
    await call('get', `${reports}/vigilance`, `${reports}/vigilance?${months}`, ansm);
    await call(
      'get',
      `${reports}/products/{gtin}/annual-summary`,
      `${reports}/products/${GTIN}/annual-summary?year=${TODAY.slice(0, 4)}`,
      as('exploitant', 'EXP-1'),
    );
    await call('get', '/v1/audit/batches/{gtin}/{lot}/balance', `/v1/audit${batchPath.slice(3)}/balance`, ansm);
    await call('get', '/v1/audit/balances', '/v1/audit/balances?imbalanced=false', ansm);
  }, 120_000);
  afterAll(() => api.close());

  /** Opens the event stream from the start, reads its first message (`id:`, `event:`, `data:` lines) and aborts. */
  async function firstStreamMessage(): Promise<Pick<Response, 'status' | 'body'>> {
    const server = api.app.getHttpServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return new Promise((resolve, reject) => {
      const request = get(
        {
          host: '127.0.0.1',
          port,
          path: '/v1/events/stream?from=start',
          headers: { authorization: ansm, accept: 'text/event-stream' },
        },
        (response) => {
          let buffer = '';
          response.on('data', (chunk: Buffer) => {
            buffer += chunk.toString();
            const end = buffer.indexOf('\n\n');
            if (end < 0) return;
            request.destroy();
            const lines = buffer.slice(0, end).split('\n');
            const field = (name: string) => lines.find((line) => line.startsWith(`${name}: `))?.slice(name.length + 2);
            const data = field('data');
            resolve({
              status: response.statusCode ?? 0,
              body: { id: field('id'), event: field('event'), data: data === undefined ? undefined : JSON.parse(data) },
            });
          });
        },
      );
      request.on('error', reject);
    });
  }

  it('calls every documented operation, each answering its documented success', () => {
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(new Set(answers.map((a) => a.operation))).toEqual(new Set(documented));
    const unexpected = answers
      .filter(({ operation, response }) => {
        const [method, path] = operation.split(' ');
        return !(String(response.status) in document.paths[path][method.toLowerCase()].responses);
      })
      .map(({ operation, response }) => `${operation}: ${response.status} ${JSON.stringify(response.body)}`);
    expect(unexpected).toEqual([]);
    expect(answers.filter((a) => a.response.status >= 300).map((a) => a.operation)).toEqual([]);
  });

  it('checks the read models with content: lists and a trace that are not empty', () => {
    const body = (operation: string) => answers.find((a) => a.operation === operation)?.response.body;
    expect([
      body('GET /v1/batches').length,
      body('GET /v1/prescriptions').length,
      body('GET /v1/sites/{organisationId}/shipments').length,
      body('GET /v1/trace/batches/{gtin}/{lot}').dispensations.length,
      body('GET /v1/prescriptions/{prescriptionId}').dispensations.length,
      body('GET /v1/follow-up/overdue').length,
      body('GET /v1/reports/dispensations').rows.length,
      body('GET /v1/reports/vigilance').rows.length,
      body('GET /v1/reports/products/{gtin}/annual-summary').patients,
    ]).toEqual([3, 2, 2, 1, 1, 1, 1, 2, 1]);
  });

  it('names where an answer departs from its schema', () => {
    const schema: Schema = {
      properties: { id: { type: 'string' }, count: { type: 'number' }, note: { type: 'string' } },
      required: ['id', 'count'],
    };
    expect(departures({ count: '3', note: null, extra: 1 }, schema, document, 'X')).toEqual([
      'X.extra: not documented',
      'X.id: documented, missing',
      'X.count: string, documented as number',
      'X.note: null, not documented as nullable',
    ]);
  });

  it('answers every operation in the shape its schema documents', () => {
    const found = answers.flatMap(({ operation, response }) => {
      const [method, path] = operation.split(' ');
      const documented = document.paths[path][method.toLowerCase()].responses[String(response.status)];
      const [media] = Object.values(documented?.content ?? {});
      // A 204 is documented without content: its answer must have no body.
      if (response.status === 204 && documented && !documented.content)
        return Object.keys(response.body ?? {}).length === 0 ? [] : [`${operation}: a body to a 204`];
      return media ? departures(response.body, media.schema, document, operation) : [`${operation}: no schema`];
    });
    expect(found).toEqual([]);
  });
});

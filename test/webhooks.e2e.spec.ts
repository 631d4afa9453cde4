import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RecordedEvent } from '#event-store';
import { GTIN } from './catalogue.fixtures.js';
import { seedToPharmacy } from './circuit.fixtures.js';
import { Api, token } from './harness.js';
import { DATABASE_URL } from '../libs/event-store/test/scratch-schema.js';

interface Delivery {
  headers: IncomingHttpHeaders;
  body: string;
  event: { id: string; type: string; stream: string; cursor: string };
}

/**
 * A partner's receiver that fails on purpose: the first attempt at every event is answered 500, and one event is
 * taken then answered 500 as if the answer were lost. It records every request it gets.
 */
function failingReceiver() {
  const deliveries: Delivery[] = [];
  const seen = new Set<string>();
  const lostAnswer = new Set<string>();
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const { event, subscriptionId } = JSON.parse(body) as { event: Delivery['event']; subscriptionId: string };
      const first = !seen.has(event.id);
      seen.add(event.id);
      if (first) {
        response.writeHead(500).end();
        return;
      }
      deliveries.push({ headers: request.headers, body, event });
      if (event.type === 'ShipmentReceived' && !lostAnswer.has(subscriptionId)) {
        lostAnswer.add(subscriptionId);
        response.writeHead(500).end();
      } else response.writeHead(204).end();
    });
  });
  return { server, deliveries };
}

/** The ids in the order received, each retry of the same event (one after the other) counted once. */
const ids = (deliveries: Delivery[]) =>
  deliveries.map((d) => d.event.id).filter((id, i, all) => i === 0 || all[i - 1] !== id);

describe('webhooks: signed, in order, at least once, across a restart (postgres)', () => {
  let api: Api;
  let restarted: Api;
  const receiver = failingReceiver();
  let url = '';
  const timings = { pollIntervalMs: 30, backoffBaseMs: 10, backoffMaxMs: 50, timeoutMs: 2_000 };
  const subscriptions: Record<string, { id: string; secret: string }> = {};
  const deliveredTo = (org: string) =>
    receiver.deliveries.filter(
      (d) => (JSON.parse(d.body) as { subscriptionId: string }).subscriptionId === subscriptions[org].id,
    );

  async function until(condition: () => Promise<boolean> | boolean, what: string): Promise<void> {
    for (let i = 0; i < 600; i++) {
      if (await condition()) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`timed out waiting for ${what}`);
  }

  beforeAll(async () => {
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(receiver.server.address() as AddressInfo).port}/hook`;
    api = await Api.start('postgres', { webhooks: timings, webhookAllowPrivate: true });
  });
  afterAll(async () => {
    await restarted?.app.close();
    await api.close().catch(() => undefined);
    await new Promise((resolve) => receiver.server.close(resolve));
  });

  /**
   * One partner's story, its steps in order over the same subscriptions: subscribe, receive through failures and
   * a restart, check the signatures, move the cursor back.
   */
  it('delivers every event it may see, signed, in order, at least once, across a restart, and again from a moved cursor', async () => {
    await seedToPharmacy(api);
    await subscribe();
    await deliverAcrossRestart();
    checkSignatures();
    await resendAfterMovedCursor();
  }, 120_000);

  /** A subscription per organisation (after the seed: tokens are checked against the registry), its secret once. */
  async function subscribe(): Promise<void> {
    for (const [role, org] of [
      ['exploitant', 'EXP-1'],
      ['ansm', 'ANSM'],
    ] as const) {
      const created = await api.post('/v1/subscriptions', role, org, { url }).expect(201);
      expect(created.body).toMatchObject({ organisation: org, url, kinds: [], cursor: 'start' });
      expect(created.body.secret).toMatch(/^[0-9a-f]{64}$/);
      subscriptions[org] = { id: created.body.id, secret: created.body.secret };
      const read = await api.get(`/v1/subscriptions/${created.body.id}`, role, org).expect(200);
      expect(read.body.secret).toBeUndefined();
    }
    await api.get(`/v1/subscriptions/${subscriptions.ANSM.id}`, 'exploitant', 'EXP-1').expect(404);
    const bad = await api.post('/v1/subscriptions', 'exploitant', 'EXP-1', { url: 'not a url' }).expect(400);
    expect(bad.headers['content-type']).toMatch(/problem\+json/);
  }

  /** Nothing lost or reordered though the receiver fails and the api restarts mid-way. */
  async function deliverAcrossRestart(): Promise<void> {
    await until(() => deliveredTo('ANSM').length > 5, 'a first deliveries');
    // Restart: the app closes (a delivery may be cut) and a new one opens on the same schema.
    await api.app.close();
    restarted = await Api.start('postgres', {
      webhooks: timings,
      webhookAllowPrivate: true,
      database: { kind: 'postgres', url: DATABASE_URL, schema: api.schema as string },
    });
    await restarted.post(`/v1/batches/${GTIN}/L1/recall`, 'ansm', 'ANSM', { reason: 'contamination' }).expect(201);
    const all: RecordedEvent[] = await restarted.allEvents();
    const last = all[all.length - 1];
    await until(async () => {
      const state = await restarted.get(`/v1/subscriptions/${subscriptions.ANSM.id}`, 'ansm', 'ANSM');
      return state.body.cursor === last.position;
    }, 'ANSM caught up');

    // ANSM: every event, once each after retries, in the global order.
    expect(ids(deliveredTo('ANSM'))).toEqual(all.map((e) => e.id));
    // The lost answer was delivered again, right after: the receiver deduplicates by the event id.
    const received = deliveredTo('ANSM').map((d) => d.event.type);
    expect(received.filter((t) => t === 'ShipmentReceived').length).toBeGreaterThan(
      all.filter((e) => e.type === 'ShipmentReceived').length,
    );

    await until(async () => {
      const state = await restarted.get(`/v1/subscriptions/${subscriptions['EXP-1'].id}`, 'exploitant', 'EXP-1');
      return state.body.cursor === last.position;
    }, 'EXP-1 caught up');
    const exploitant = ids(deliveredTo('EXP-1'));
    const order = new Map(all.map((e, i) => [e.id, i]));
    // In order and each once: a subsequence of the global order.
    const positions = exploitant.map((id) => order.get(id) as number);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(new Set(exploitant).size).toBe(exploitant.length);
    // Its own register, all of it; the recall of a batch it holds; never a pharmacy's register.
    const seen = new Set(exploitant);
    expect(all.filter((e) => e.stream.startsWith('register-EXP-1')).every((e) => seen.has(e.id))).toBe(true);
    expect(
      all.filter((e) => e.type === 'BatchRecalled' || e.type === 'RecallSiteNotified').every((e) => seen.has(e.id)),
    ).toBe(true);
    expect(all.filter((e) => e.stream.startsWith('register-PH-1')).some((e) => seen.has(e.id))).toBe(false);
    expect(
      all.filter((e) => e.type === 'PrescriptionDispensed' || e.type === 'PatientIncluded').some((e) => seen.has(e.id)),
    ).toBe(false);
  }

  /** Each body signed with the subscription secret, with the event id and a timestamp. */
  function checkSignatures(): void {
    for (const delivery of receiver.deliveries) {
      const { subscriptionId, deliveredAt } = JSON.parse(delivery.body) as {
        subscriptionId: string;
        deliveredAt: string;
      };
      const secret = Object.values(subscriptions).find((s) => s.id === subscriptionId)?.secret as string;
      const expected = `sha256=${createHmac('sha256', secret).update(delivery.body).digest('hex')}`;
      expect(delivery.headers['cannatrace-signature']).toBe(expected);
      expect(delivery.headers['cannatrace-event-id']).toBe(delivery.event.id);
      expect(Number(delivery.headers['cannatrace-timestamp'])).toBe(Math.floor(Date.parse(deliveredAt) / 1000));
    }
  }

  /** Everything after a cursor sent again once the partner moves it back. */
  async function resendAfterMovedCursor(): Promise<void> {
    const all = await restarted.allEvents();
    const before = deliveredTo('EXP-1').length;
    const from = all[all.length - 3];
    const moved = await restarted.http
      .put(`/v1/subscriptions/${subscriptions.ANSM.id}/cursor`)
      .set('Authorization', `Bearer ${token('ansm', 'ANSM')}`)
      .send({ cursor: from.position })
      .expect(200);
    expect(moved.body.cursor).toBe(from.position);
    const ansmBefore = deliveredTo('ANSM').length;
    await until(() => ids(deliveredTo('ANSM').slice(ansmBefore)).length === 2, 'the last two events again');
    expect(ids(deliveredTo('ANSM').slice(ansmBefore))).toEqual(all.slice(-2).map((e) => e.id));
    expect(
      deliveredTo('EXP-1')
        .slice(before)
        .map((d) => [d.event.type, d.event.stream]),
    ).toEqual([]);
    await restarted.http
      .put(`/v1/subscriptions/${subscriptions.ANSM.id}/cursor`)
      .set('Authorization', `Bearer ${token('ansm', 'ANSM')}`)
      .send({ cursor: 'not-a-cursor' })
      .expect(400);
  }
});

describe('webhooks: two api processes on one database send each event once, in order (postgres)', () => {
  let first: Api;
  let second: Api;
  const received: string[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push((JSON.parse(body) as { event: { id: string } }).event.id);
      response.writeHead(204).end();
    });
  });
  const timings = { pollIntervalMs: 20, backoffBaseMs: 10, backoffMaxMs: 50, timeoutMs: 2_000 };

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    first = await Api.start('postgres', { webhooks: timings, webhookAllowPrivate: true });
    second = await Api.start('postgres', {
      webhooks: timings,
      webhookAllowPrivate: true,
      database: { kind: 'postgres', url: DATABASE_URL, schema: first.schema as string },
    });
  });
  afterAll(async () => {
    await second?.app.close();
    await first?.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('takes turns through a lease: no event twice, none missing, none out of order', async () => {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    const created = await first.post('/v1/subscriptions', 'ansm', 'ANSM', { url }).expect(201);
    await seedToPharmacy(second);
    const all = await first.allEvents();
    const last = all[all.length - 1];
    for (let i = 0; i < 400; i++) {
      const state = await second.get(`/v1/subscriptions/${created.body.id}`, 'ansm', 'ANSM');
      if (state.body.cursor === last.position) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(received).toEqual(all.map((e) => e.id));
  });
});

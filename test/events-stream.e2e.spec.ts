import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { get, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Role } from '#auth';
import { GTIN } from './catalogue.fixtures.js';
import { seedToPharmacy } from './circuit.fixtures.js';
import { Api, token } from './harness.js';

interface Message {
  id: string;
  event: string;
  data: { id: string; stream: string; cursor: string };
}

/** Opens the event stream and collects its messages until closed. */
function open(port: number, role: Role, org: string, query = '') {
  const messages: Message[] = [];
  let response: IncomingMessage | undefined;
  const request = get(
    {
      host: '127.0.0.1',
      port,
      path: `/v1/events/stream${query}`,
      headers: { authorization: `Bearer ${token(role, org)}`, accept: 'text/event-stream' },
    },
    (res) => {
      response = res;
      let buffer = '';
      res.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const field = (name: string) =>
            block
              .split('\n')
              .find((line) => line.startsWith(`${name}: `))
              ?.slice(name.length + 2);
          const data = field('data');
          if (data) messages.push({ id: field('id') ?? '', event: field('event') ?? '', data: JSON.parse(data) });
        }
      });
    },
  );
  request.on('error', () => undefined);
  return {
    messages,
    status: () => response?.statusCode,
    contentType: () => response?.headers['content-type'],
    close: () => request.destroy(),
  };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('GET /v1/events/stream: server-sent events scoped to the organisation (postgres)', () => {
  let api: Api;
  let port: number;
  const streams: { close: () => void }[] = [];
  beforeAll(async () => {
    api = await Api.start('postgres');
    await seedToPharmacy(api);
    await new Promise<void>((resolve) => api.app.getHttpServer().listen(0, '127.0.0.1', resolve));
    port = (api.app.getHttpServer().address() as AddressInfo).port;
  });
  // Streams are left open on purpose: the api ends them when it shuts down, so closing it does not hang.
  afterAll(async () => {
    await api.close();
    for (const stream of streams) stream.close();
  });

  it('sends ANSM every event from a cursor, each with its cursor as id, in the global order', async () => {
    const all = await api.allEvents();
    const ansm = open(port, 'ansm', 'ANSM', '?from=start');
    streams.push(ansm);
    await until(() => ansm.messages.length >= all.length, 'every event');
    expect(ansm.status()).toBe(200);
    expect(ansm.contentType()).toMatch(/text\/event-stream/);
    expect(ansm.messages.map((m) => m.data.id)).toEqual(all.map((e) => e.id));
    expect(ansm.messages.map((m) => m.id)).toEqual(all.map((e) => e.position));
    expect(ansm.messages.map((m) => m.event)).toEqual(all.map((e) => e.type));
  });

  it("sends a pharmacy its own register but never another site's, and live events as they are recorded", async () => {
    const ph2 = open(port, 'pharmacist', 'PH-2', '?from=start');
    const live = open(port, 'ansm', 'ANSM');
    streams.push(ph2, live);
    await until(() => ph2.status() === 200 && live.status() === 200, 'both streams open');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(live.messages).toEqual([]);
    // PH-2 is registered (its organisation record); it holds nothing of lot L1.
    await until(() => ph2.messages.length >= 1, 'its organisation record');
    const recall = await api.post(`/v1/batches/${GTIN}/L1/recall`, 'ansm', 'ANSM', { reason: 'x' }).expect(201);
    await until(() => live.messages.some((m) => m.data.id === recall.body.eventIds[0]), 'the recall, live');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(new Set(ph2.messages.map((m) => m.data.stream))).toEqual(new Set(['organisation-PH-2']));
    expect(live.messages[0].data.id).toBe(recall.body.eventIds[0]);
  });

  it('refuses a cursor that is not one', async () => {
    const answer = await api.get('/v1/events/stream?from=nope', 'ansm', 'ANSM');
    expect(answer.status).toBe(422);
    expect(answer.body.rule).toBe('cursor_unknown');
  });
});

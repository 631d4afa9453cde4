import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { seedToPharmacy } from './circuit.fixtures.js';
import { Api, token } from './harness.js';

/**
 * A partner moves its cursor back while a delivery is on its way: the delivery must not then move the cursor past
 * the partner's choice (the delivery's cursor update would silently undo the reset).
 */
describe('a webhook cursor moved back during a delivery (pglite)', () => {
  let api: Api;
  let server: Server;
  const received: string[] = [];
  let subscriptionId = '';
  let resetDone = false;

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        const { event } = JSON.parse(body) as { event: { id: string } };
        received.push(event.id);
        if (received.length === 2 && !resetDone) {
          // The second event is taken, but before answering, the partner moves its cursor back to the start.
          resetDone = true;
          void api.http
            .put(`/v1/subscriptions/${subscriptionId}/cursor`)
            .set('Authorization', `Bearer ${token('ansm', 'ANSM')}`)
            .send({ cursor: 'start' })
            .expect(200)
            .then(() => response.writeHead(204).end());
          return;
        }
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    api = await Api.start('pglite', {
      webhooks: { pollIntervalMs: 20, backoffBaseMs: 10, backoffMaxMs: 50, timeoutMs: 5_000 },
      webhookAllowPrivate: true,
    });
  });
  afterAll(async () => {
    await api.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('delivers again from where the partner moved it', async () => {
    await seedToPharmacy(api);
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    subscriptionId = (await api.post('/v1/subscriptions', 'ansm', 'ANSM', { url }).expect(201)).body.id as string;
    for (let i = 0; i < 400 && !(resetDone && received.filter((id) => id === received[0]).length >= 2); i++)
      await new Promise((resolve) => setTimeout(resolve, 50));
    // The first event came again after the reset: the delivery in flight did not overwrite the partner's cursor.
    expect(resetDone).toBe(true);
    expect(received.filter((id) => id === received[0])).toHaveLength(2);
  }, 60_000);
});

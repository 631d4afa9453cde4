import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EventStoreUnavailableError, openEventStore, type EventStore } from '#event-store';
import { event } from './event-store.contract.js';

/** A server that accepts every connection and never says a word: without deadlines, the client would hang. */
describe('EventStoreDB adapter against a server that accepts and never answers', () => {
  let server: Server;
  const sockets = new Set<Socket>();
  let store: EventStore;

  beforeAll(async () => {
    server = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    store = await openEventStore({ kind: 'eventstoredb', url: `esdb://127.0.0.1:${port}?tls=false`, timeoutMs: 300 });
  });

  afterAll(async () => {
    await store.close();
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  const calls: [string, () => Promise<unknown>][] = [
    ['ping', () => store.ping()],
    ['append', () => store.append('batch-x', [event('A', {})], { expectedRevision: 'no_stream' })],
    ['readStream', () => store.readStream('batch-x')],
    ['readAll', () => store.readAll()],
  ];
  for (const [name, call] of calls) {
    it(`${name} fails with EventStoreUnavailableError instead of hanging`, async () => {
      await expect(call()).rejects.toBeInstanceOf(EventStoreUnavailableError);
    }, 10_000);
  }
});

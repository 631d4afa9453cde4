import { describe, expect, it } from '@jest/globals';
import type { MessageEvent } from '@nestjs/common';
import type { Principal } from '#auth';
import { START, type Checkpoint, type EventStore, type RecordedEvent } from '#event-store';
import { EventsStreamController } from './events-stream.controller.js';

const at = (n: number, recordedAt: string): RecordedEvent => ({
  id: `e${n}`,
  type: 'OrganisationRegistered',
  stream: `organisation-ORG-${n}`,
  revision: 0,
  position: `7/${n}`,
  data: {},
  metadata: {
    actor: 'a',
    role: 'ansm',
    organisation: 'ANSM',
    occurredAt: recordedAt,
    recordedAt,
    commandId: 'c',
    correlationId: 'c',
  },
  prevHash: null,
  hash: 'h',
});

/**
 * A store whose head at the connection is e1; e2 was stamped before the connection but committed after it
 * (a transaction still open when the client connected), so it comes after the head in the global order.
 */
function storeWithLateCommit() {
  const long = '2000-01-01T00:00:00.000Z';
  const events = [at(1, long), at(2, long), at(3, '2999-01-01T00:00:00.000Z')];
  const asked: Checkpoint[] = [];
  const store = {
    head: async () => '7/1',
    subscribe: (
      handler: (events: RecordedEvent[], checkpoint: Checkpoint) => Promise<void>,
      options?: { from?: Checkpoint },
    ) => {
      const from = options?.from ?? START;
      asked.push(from);
      const after =
        from === START ? events : events.filter((e) => Number(e.position.split('/')[1]) > Number(from.split('/')[1]));
      const done = handler(after, after.at(-1)?.position ?? from);
      return { done: done.then(() => undefined), stop: async () => undefined };
    },
    readByBatchKey: async () => [],
  };
  return { store: store as unknown as EventStore, asked };
}

describe('the event stream without a cursor', () => {
  it("starts at the store's head at the connection: an event committed after it is sent, whatever its stamp", async () => {
    const { store, asked } = storeWithLateCommit();
    const controller = new EventsStreamController(store);
    const principal = { sub: 'x', role: 'ansm', org: 'ANSM' } as Principal;
    const messages: MessageEvent[] = [];
    const subscription = controller.stream(principal).subscribe((m) => messages.push(m));
    await new Promise((resolve) => setTimeout(resolve, 20));
    subscription.unsubscribe();
    expect(asked).toEqual(['7/1']);
    expect(messages.map((m) => m.id)).toEqual(['7/2', '7/3']);
  });
});

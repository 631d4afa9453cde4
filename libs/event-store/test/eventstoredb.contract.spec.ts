import { describe, it } from '@jest/globals';
import { openEventStore } from '#event-store';
import { eventStoreContract } from './event-store.contract.js';

const url = process.env.EVENTSTORE_URL;

if (url) {
  eventStoreContract('eventstoredb', () => openEventStore({ kind: 'eventstoredb', url }));
} else {
  const why = 'EVENTSTORE_URL is not set (EventStoreDB cannot run on this machine: no Docker engine, no package)';
  process.stdout.write(`event store contract: eventstoredb SKIPPED: ${why}\n`);
  describe('event store contract: eventstoredb', () => {
    it.skip(`SKIPPED: ${why}`, () => undefined);
  });
}

import { describe, expect, it } from '@jest/globals';
import { openEventStore, START, type Checkpoint, type RecordedEvent } from '#event-store';
import { StoreFollower } from './store-follower.js';

const until = async (condition: () => boolean) => {
  for (let i = 0; i < 3000 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
};

describe('a process following the store', () => {
  it('starts again from its checkpoint after its handler failed, handling the failed events again', async () => {
    const store = await openEventStore({ kind: 'pglite' });
    const saved = new Map<string, Checkpoint>();
    const checkpoints = {
      load: async (name: string) => saved.get(name) ?? START,
      save: async (name: string, checkpoint: Checkpoint) => void saved.set(name, checkpoint),
    };
    const handled: string[] = [];
    let failures = 1;
    const errors: string[] = [];
    const follower = new StoreFollower(
      store,
      checkpoints,
      'test-follower',
      async (events: RecordedEvent[]) => {
        if (failures-- > 0) throw new Error('store unavailable for the append');
        handled.push(...events.map((e) => e.type));
      },
      { error: (message: string) => void errors.push(message) },
      20,
    );
    const metadata = { actor: 'a', role: 'ansm', organisation: 'ANSM', occurredAt: new Date().toISOString() };
    await store.append('s-1', [
      { type: 'First', data: {}, metadata: { ...metadata, commandId: 'c1', correlationId: 'c1' } },
    ]);
    await follower.start();
    await until(() => errors.length === 1);
    await until(() => handled.length === 1);
    expect(handled).toEqual(['First']);
    expect(follower.running).toBe(true);
    expect(saved.get('test-follower')).not.toBe(START);
    await follower.stop();
    await store.close();
  });
});

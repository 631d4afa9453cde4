import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  EventIdConflictError,
  START,
  WrongExpectedRevisionError,
  eventHash,
  findChainBreak,
  type Checkpoint,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type RecordedEvent,
} from '#event-store';

/**
 * The one contract every adapter passes. Tests share one store per adapter, so each uses its own streams and
 * reads the global order from a checkpoint taken when it starts.
 */
export function eventStoreContract(adapter: string, open: () => Promise<EventStore>): void {
  describe(`event store contract: ${adapter}`, () => {
    let store: EventStore;
    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store?.close();
    });

    it('names its adapter', () => {
      expect(store.adapter).toBe(adapter);
    });

    describe('append and read a stream', () => {
      it('answers the new revision and position, and reads back every field', async () => {
        const stream = streamName('batch');
        const first = await store.append(stream, [event('BatchRegistered', { lot: 'L1' })], {
          expectedRevision: 'no_stream',
        });
        expect(first.revision).toBe(0);
        const second = await store.append(stream, [
          event('AnalysisRecorded', { n: 1 }),
          event('BatchReleased', { n: 2 }),
        ]);
        expect(second.revision).toBe(2);
        expect(second.eventIds).toHaveLength(2);

        const events = await store.readStream(stream);
        expect(events.map((e) => [e.revision, e.type])).toEqual([
          [0, 'BatchRegistered'],
          [1, 'AnalysisRecorded'],
          [2, 'BatchReleased'],
        ]);
        expect(events[0].data).toEqual({ lot: 'L1' });
        expect(events[0].stream).toBe(stream);
        expect(events[0].id).toBe(first.eventIds[0]);
        expect(events[2].position).toBe(second.position);
        expect(events[0].metadata).toMatchObject({
          actor: '12345678901',
          role: 'supplier',
          organisation: 'SUP-1',
          occurredAt: '2026-03-01T10:00:00.000Z',
          batchKeys: ['03400000000017-L1'],
        });
        expect(Date.parse(events[0].metadata.recordedAt)).not.toBeNaN();
      });

      it('reads forwards and backwards from a revision with a limit', async () => {
        const stream = streamName('register');
        await store.append(
          stream,
          Array.from({ length: 10 }, (_, i) => event('Counted', { i })),
        );
        const revisions = (events: RecordedEvent[]) => events.map((e) => e.revision);
        expect(revisions(await store.readStream(stream, { fromRevision: 3, maxCount: 4 }))).toEqual([3, 4, 5, 6]);
        expect(revisions(await store.readStream(stream, { direction: 'backwards', maxCount: 3 }))).toEqual([9, 8, 7]);
        expect(
          revisions(await store.readStream(stream, { direction: 'backwards', fromRevision: 4, maxCount: 10 })),
        ).toEqual([4, 3, 2, 1, 0]);
        expect(await store.readStream(stream, { fromRevision: 10 })).toEqual([]);
      });

      it('reads several streams in one call, each from its own revision, answered in the order asked', async () => {
        const [a, b, missing] = [streamName('many-a'), streamName('many-b'), streamName('many-none')];
        await store.append(
          a,
          Array.from({ length: 4 }, (_, i) => event('Counted', { i })),
        );
        await store.append(
          b,
          Array.from({ length: 3 }, (_, i) => event('Counted', { i })),
        );
        const answers = await store.readStreams([
          { stream: b, fromRevision: 1 },
          { stream: missing, fromRevision: 0 },
          { stream: a, fromRevision: 3 },
          { stream: a, fromRevision: 4 },
        ]);
        expect(answers.map((events) => events.map((e) => `${e.stream}@${e.revision}`))).toEqual([
          [`${b}@1`, `${b}@2`],
          [],
          [`${a}@3`],
          [],
        ]);
        expect(answers[0]).toEqual(await store.readStream(b, { fromRevision: 1 }));
      });

      it('reads a stream that does not exist as empty', async () => {
        expect(await store.readStream(streamName('nothing'))).toEqual([]);
      });

      it('keeps values as they were given, whatever the key order', async () => {
        const stream = streamName('values');
        const data = { z: 1, a: { y: [1, 2.5, -3e-7, 'é ✓'], b: null }, t: true, big: 9007199254740991 };
        await store.append(stream, [event('Valued', data)]);
        const [stored] = await store.readStream(stream);
        expect(stored.data).toEqual(data);
      });
    });

    describe('expected revision', () => {
      // [expectation, against a stream that does not exist, against a stream whose last revision is 1]
      const matrix: [ExpectedRevision, boolean, boolean][] = [
        ['no_stream', true, false],
        ['stream_exists', false, true],
        ['any', true, true],
        [0, false, false],
        [1, false, true],
        [2, false, false],
      ];
      for (const [expected, onMissing, onExisting] of matrix) {
        it(`${String(expected)} on a missing stream ${onMissing ? 'appends' : 'is refused'}`, async () => {
          await expectAppend(streamName('missing'), -1, expected, onMissing);
        });
        it(`${String(expected)} on a stream at revision 1 ${onExisting ? 'appends' : 'is refused'}`, async () => {
          const stream = streamName('existing');
          await store.append(stream, [event('A', {}), event('B', {})]);
          await expectAppend(stream, 1, expected, onExisting);
        });
      }

      async function expectAppend(stream: string, actual: number, expected: ExpectedRevision, succeeds: boolean) {
        const attempt = store.append(stream, [event('C', {})], { expectedRevision: expected });
        if (succeeds) {
          expect((await attempt).revision).toBe(actual + 1);
        } else {
          const error = await attempt.catch((e: unknown) => e);
          expect(error).toBeInstanceOf(WrongExpectedRevisionError);
          expect(error).toMatchObject({ stream, expected, actual });
          expect(await store.readStream(stream)).toHaveLength(actual + 1);
        }
      }

      it('lets exactly one of 16 writers racing on one stream win each revision', async () => {
        const stream = streamName('race');
        for (let revision = -1; revision < 4; revision++) {
          const expectedRevision: ExpectedRevision = revision === -1 ? 'no_stream' : revision;
          const outcomes = await Promise.allSettled(
            Array.from({ length: 16 }, (_, writer) =>
              store.append(stream, [event('Raced', { writer })], { expectedRevision }),
            ),
          );
          const won = outcomes.filter((o) => o.status === 'fulfilled');
          const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
          expect(won).toHaveLength(1);
          expect(lost).toHaveLength(15);
          for (const loss of lost) expect(loss.reason).toBeInstanceOf(WrongExpectedRevisionError);
        }
        const events = await store.readStream(stream);
        expect(events.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4]);
        expect(findChainBreak(events)).toBeNull();
      });
    });

    describe('idempotency by event id', () => {
      it('answers the first result and writes nothing when the same events are appended again', async () => {
        const stream = streamName('retry');
        const events = [event('A', { n: 1 }), event('B', { n: 2 })];
        const first = await store.append(stream, events, { expectedRevision: 'no_stream' });
        const sameExpectation = await store.append(stream, events, { expectedRevision: 'no_stream' });
        const anyExpectation = await store.append(stream, events);
        expect(sameExpectation).toEqual(first);
        expect(anyExpectation).toEqual(first);
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      it('still recognises the retry after the stream has moved on', async () => {
        const stream = streamName('retry-later');
        const retried = [event('A', {})];
        const first = await store.append(stream, retried);
        await store.append(stream, [event('B', {})]);
        expect(await store.append(stream, retried, { expectedRevision: 'no_stream' })).toEqual(first);
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      it('refuses an id reused with other content', async () => {
        const stream = streamName('reuse');
        const original = event('A', { n: 1 });
        await store.append(stream, [original]);
        await expect(store.append(stream, [{ ...original, data: { n: 2 } }])).rejects.toBeInstanceOf(
          EventIdConflictError,
        );
        await expect(store.append(stream, [{ ...original, type: 'B' }])).rejects.toBeInstanceOf(EventIdConflictError);
        expect(await store.readStream(stream)).toHaveLength(1);
      });

      it('refuses an id reused in another stream, or alongside new events', async () => {
        const stream = streamName('reuse');
        const original = event('A', {});
        await store.append(stream, [original]);
        await expect(store.append(streamName('other'), [original])).rejects.toBeInstanceOf(EventIdConflictError);
        await expect(store.append(stream, [original, event('B', {})])).rejects.toBeInstanceOf(EventIdConflictError);
        expect(await store.readStream(stream)).toHaveLength(1);
      });
    });

    describe('hash chain', () => {
      it('chains each event to the previous one of its stream, recomputable from what is read back', async () => {
        const stream = streamName('chain');
        await store.append(stream, [event('A', { x: 1 }), event('B', { y: [1, 2] })]);
        await store.append(stream, [event('C', { z: 'ü' })]);
        const events = await store.readStream(stream);
        expect(events[0].prevHash).toBeNull();
        expect(events[1].prevHash).toBe(events[0].hash);
        expect(events[2].prevHash).toBe(events[1].hash);
        for (const e of events) expect(e.hash).toBe(eventHash(e));
        expect(findChainBreak(events)).toBeNull();
      });
    });

    describe('global order', () => {
      it('reads every stream in order from a checkpoint, page by page, each event once', async () => {
        const from = await endOf(store);
        const prefix = streamName('all');
        const appended: string[] = [];
        for (let i = 0; i < 12; i++) {
          const result = await store.append(`${prefix}-${i % 3}`, [event('Step', { i })]);
          appended.push(...result.eventIds);
        }
        const read: RecordedEvent[] = [];
        let checkpoint = from;
        // The global order shows a commit once no older transaction can still commit before it: on a server
        // shared with other work, an empty page means "not yet", so read on until the appends are all seen.
        const deadline = Date.now() + 20_000;
        while (read.filter((e) => e.stream.startsWith(prefix)).length < appended.length && Date.now() < deadline) {
          const page = await store.readAll({ from: checkpoint, maxCount: 5 });
          if (page.events.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
          read.push(...page.events);
          checkpoint = page.checkpoint;
        }
        expect(read.filter((e) => e.stream.startsWith(prefix)).map((e) => e.id)).toEqual(appended);
      });

      it('keeps the order over hundreds of transactions (transaction ids of 3 and 4 digits)', async () => {
        const from = await endOf(store);
        const prefix = streamName('many');
        const appended: string[] = [];
        for (let i = 0; i < 600; i++)
          appended.push(...(await store.append(`${prefix}-${i % 3}`, [event('Step', { i })])).eventIds);
        const read: string[] = [];
        let checkpoint = from;
        for (;;) {
          const page = await store.readAll({ from: checkpoint, maxCount: 100 });
          if (page.events.length === 0) break;
          read.push(...page.events.filter((e) => e.stream.startsWith(prefix)).map((e) => e.id));
          checkpoint = page.checkpoint;
        }
        expect(read).toEqual(appended);
      });

      it('answers its head: the checkpoint after the last event readable now, without reading them', async () => {
        const stream = streamName('head');
        await store.append(stream, [event('BatchRegistered', { lot: 'H1' })], {
          expectedRevision: 'no_stream',
        });
        const head = await store.head();
        expect(head).toBe(await endOf(store));
        expect(head).not.toBe(START);
        const later = await store.append(stream, [event('BatchReleased', { lot: 'H1' })], {
          expectedRevision: 0,
        });
        expect((await store.readAll({ from: head })).events.map((e) => e.position)).toEqual([later.position]);
      });

      it('answers its checkpoint unchanged when there is nothing new', async () => {
        const end = await endOf(store);
        expect(await store.readAll({ from: end })).toEqual({ events: [], checkpoint: end });
        expect(await store.readSeals({ from: end })).toEqual({ events: [], checkpoint: end });
      });

      it('reads the seals of the global order: the same events, order and checkpoints as readAll, without content', async () => {
        const from = await endOf(store);
        const prefix = streamName('seals');
        for (let i = 0; i < 7; i++) await store.append(`${prefix}-${i % 2}`, [event('Step', { i })]);
        const all = await store.readAll({ from, maxCount: 5 });
        const seals = await store.readSeals({ from, maxCount: 5 });
        expect(seals).toEqual({
          events: all.events.map(({ stream, revision, id, hash, position }) => ({
            stream,
            revision,
            id,
            hash,
            position,
          })),
          checkpoint: all.checkpoint,
        });
        expect((await store.readSeals({ from: seals.checkpoint })).checkpoint).toBe(
          (await store.readAll({ from: all.checkpoint })).checkpoint,
        );
      });
    });

    describe('events of a batch', () => {
      it('finds every event naming a batch key, in the global order, and no other', async () => {
        const key = `03400930000014-${streamName('lot').slice(4, 16)}`;
        const tagged = (type: string) => ({
          ...event(type, {}),
          metadata: { ...event(type, {}).metadata, batchKeys: [key, 'other'] },
        });
        const a = await store.append(streamName('batch'), [tagged('Registered')]);
        await store.append(streamName('noise'), [event('Unrelated', {})]);
        const b = await store.append(streamName('register'), [tagged('Shipped'), tagged('Received')]);
        const found = await store.readByBatchKey(key);
        expect(found.map((e) => e.id)).toEqual([...a.eventIds, ...b.eventIds]);
        expect(await store.readByBatchKey(`${key}-none`)).toEqual([]);
      });

      it('finds an event once when it names the same key twice, alone or beside events naming none', async () => {
        const key = `03400930000014-${streamName('lot').slice(4, 16)}`;
        const twice = { ...event('Twice', {}), metadata: { ...event('Twice', {}).metadata, batchKeys: [key, key] } };
        const none = event('None', {});
        delete none.metadata.batchKeys;
        const appended = await store.append(streamName('register'), [none, twice, { ...none, id: undefined }]);
        const alone = await store.append(streamName('register'), [{ ...twice, id: undefined }]);
        expect((await store.readByBatchKey(key)).map((e) => e.id)).toEqual([appended.eventIds[1], ...alone.eventIds]);
      });

      it('refuses batch keys that are not a list of keys, and writes nothing', async () => {
        const stream = streamName('bad-keys');
        for (const batchKeys of ['03400930000014-L1', [''], [42], { key: true }]) {
          const bad = {
            ...event('Tagged', {}),
            metadata: { ...event('Tagged', {}).metadata, batchKeys },
          } as unknown as NewEvent;
          await expect(store.append(stream, [bad])).rejects.toThrow('metadata.batchKeys must be a list of batch keys');
        }
        expect(await store.readStream(stream)).toEqual([]);
      });
    });

    describe('subscriptions', () => {
      it('catches up, then receives live events as they are appended', async () => {
        const prefix = streamName('live');
        const from = await endOf(store);
        await store.append(`${prefix}-a`, [event('Before', {})]);
        const received: RecordedEvent[] = [];
        const subscription = store.subscribe(
          (events) => void received.push(...events.filter((e) => e.stream.startsWith(prefix))),
          {
            from,
            pollIntervalMs: 200,
          },
        );
        try {
          await waitFor(() => received.length === 1);
          await store.append(`${prefix}-b`, [event('After', {})]);
          await waitFor(() => received.length === 2);
          expect(received.map((e) => e.type)).toEqual(['Before', 'After']);
        } finally {
          await subscription.stop();
        }
      });

      it('is woken by an append rather than by its poll', async () => {
        const stream = streamName('woken');
        const from = await endOf(store);
        const received: RecordedEvent[] = [];
        const subscription = store.subscribe(
          (events) => void received.push(...events.filter((e) => e.stream === stream)),
          {
            from,
            pollIntervalMs: 120_000,
          },
        );
        try {
          // Let it catch up and fall asleep, with two minutes before its next poll.
          await new Promise((resolve) => setTimeout(resolve, 300));
          await store.append(stream, [event('Woken', {})]);
          await waitFor(() => received.length === 1, 10_000);
        } finally {
          await subscription.stop();
        }
      });

      it('restarted from its stored checkpoint, misses nothing and repeats nothing', async () => {
        const prefix = streamName('resume');
        const from = await endOf(store);
        const ids: string[] = [];
        for (let i = 0; i < 30; i++)
          ids.push(...(await store.append(`${prefix}-${i % 4}`, [event('E', { i })])).eventIds);

        const received: string[] = [];
        let stored: Checkpoint = from;
        const handle = (stopAfter: number) => (events: RecordedEvent[], checkpoint: Checkpoint) => {
          received.push(...events.filter((e) => e.stream.startsWith(prefix)).map((e) => e.id));
          stored = checkpoint;
          if (received.length >= stopAfter) stopping = first.stop();
        };
        let stopping: Promise<void> | undefined;
        const first = store.subscribe(handle(14), { from, batchSize: 7, pollIntervalMs: 200 });
        await waitFor(() => stopping !== undefined);
        await stopping;
        expect(received.length).toBeLessThan(30);

        for (let i = 30; i < 50; i++)
          ids.push(...(await store.append(`${prefix}-${i % 4}`, [event('E', { i })])).eventIds);
        const second = store.subscribe(
          (events, checkpoint) => {
            received.push(...events.filter((e) => e.stream.startsWith(prefix)).map((e) => e.id));
            stored = checkpoint;
          },
          { from: stored, batchSize: 7, pollIntervalMs: 200 },
        );
        try {
          await waitFor(() => received.length >= 50);
        } finally {
          await second.stop();
        }
        expect(received).toEqual(ids);
      });

      it('ends with the handler error', async () => {
        const stream = streamName('failing');
        const from = await endOf(store);
        await store.append(stream, [event('E', {})]);
        const subscription = store.subscribe(
          (events) => {
            if (events.some((e) => e.stream === stream)) throw new Error('projection failed');
          },
          { from, pollIntervalMs: 200 },
        );
        await expect(subscription.done).rejects.toThrow('projection failed');
      });
    });
  });
}

export function streamName(kind: string): string {
  return `${kind}-${randomUUID()}`;
}

export function event(type: string, data: NewEvent['data']): NewEvent {
  return {
    id: randomUUID(),
    type,
    data,
    metadata: {
      actor: '12345678901',
      role: 'supplier',
      organisation: 'SUP-1',
      occurredAt: '2026-03-01T10:00:00.000Z',
      commandId: randomUUID(),
      correlationId: randomUUID(),
      batchKeys: ['03400000000017-L1'],
    },
  };
}

/** The checkpoint after the last event currently readable. */
export async function endOf(store: EventStore): Promise<Checkpoint> {
  let checkpoint = START;
  for (;;) {
    const page = await store.readAll({ from: checkpoint, maxCount: 1000 });
    if (page.events.length === 0) return page.checkpoint;
    checkpoint = page.checkpoint;
  }
}

export async function waitFor(condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

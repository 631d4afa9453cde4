import { Inject, Injectable } from '@nestjs/common';
import { eventVersions, type Decider } from '#domain';
import {
  EVENT_STORE,
  WrongExpectedRevisionError,
  type EventStore,
  type JsonObject,
  type RecordedEvent,
} from '#event-store';
import type { CommandContext } from './command-context.js';
import { commandEventId } from './event-ids.js';
import { KeyedQueue } from './keyed-queue.js';
import { StreamStates } from './stream-states.js';

/** The events of a decider: a type and a JSON object. */
export interface DomainEvent {
  type: string;
  data: object;
}

export interface CommandResult {
  eventIds: string[];
  stream: string;
  revision: number;
}

interface PendingRead {
  stream: string;
  fromRevision: number;
  resolve: (events: RecordedEvent[]) => void;
  reject: (error: unknown) => void;
}

type Folding<E, S> = Pick<Decider<never, E, S>, 'initialState' | 'evolve'>;

/**
 * Attempts at read-decide-append when writers in other processes move the stream in between (writers in this
 * process queue per stream): each conflict means another command was decided, so a burst settles quickly.
 */
const ATTEMPTS = 12;

/** States of this many streams are kept between commands. */
const CACHED_STREAMS = 20_000;

/** Reads a stream's state through its decider, and runs commands against one stream. */
@Injectable()
export class Streams {
  private readonly states = new StreamStates(CACHED_STREAMS);
  private readonly queue = new KeyedQueue();
  private pendingReads: PendingRead[] = [];

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** The stream's state now, and the revision it was folded to (-1: no stream). Folds only unseen events. */
  async current<E extends DomainEvent, S>(
    stream: string,
    decider: Folding<E, S>,
  ): Promise<{ revision: number; state: S }> {
    const base = this.states.get(stream, decider);
    const recorded = await this.readAfter(stream, base.revision + 1);
    // Others may have folded this stream while we read: fold from wherever the cache now stands, synchronously.
    let { revision, state } = this.states.get(stream, decider);
    if (revision < base.revision) return this.reread(stream, decider);
    for (const event of recorded) {
      if (event.revision <= revision) continue;
      state = decider.evolve(state, asDomainEvent<E>(event));
      revision = event.revision;
    }
    this.states.set(stream, decider, revision, state);
    return { revision, state };
  }

  /** The state this process last folded, without reading: a hint that the next read confirms or corrects. */
  cached<S>(stream: string, decider: Pick<Decider<never, never, S>, 'initialState'>): { revision: number; state: S } {
    return this.states.get(stream, decider);
  }

  async state<E extends DomainEvent, S>(stream: string, decider: Folding<E, S>): Promise<S> {
    return (await this.current(stream, decider)).state;
  }

  /** A stream's events in their current shape (old versions upcast). */
  async events(stream: string): Promise<RecordedEvent[]> {
    return (await this.store.readStream(stream)).map((event) => eventVersions.upcast(event));
  }

  /** The first events of a stream (its creation), which never change once written. */
  firstEvents(stream: string, count: number): Promise<RecordedEvent[]> {
    return this.store.readStream(stream, { maxCount: count });
  }

  /** Runs `work` after every earlier work of the same key in this process has finished. */
  serially<T>(key: string, work: () => Promise<T>): Promise<T> {
    return this.queue.run(key, work);
  }

  /**
   * Reads the stream, decides, and appends at the revision it read; when another writer got there first the
   * command is decided again on the new state. `command` is rebuilt each attempt so what it reads is fresh.
   */
  decide<C, E extends DomainEvent, S>(
    stream: string,
    decider: Decider<C, E, S>,
    command: () => C | Promise<C>,
    context: CommandContext,
    batchKeys: string[] = [],
  ): Promise<CommandResult & { events: E[] }> {
    return this.serially(
      stream,
      async () =>
        (await this.written<E>(stream, context)) ?? this.attempt(stream, decider, command, context, batchKeys),
    );
  }

  /** `decide` for a caller that has already looked for what the command wrote (see `written`). */
  decideUnwritten<C, E extends DomainEvent, S>(
    stream: string,
    decider: Decider<C, E, S>,
    command: () => C | Promise<C>,
    context: CommandContext,
    batchKeys: string[] = [],
  ): Promise<CommandResult & { events: E[] }> {
    return this.serially(stream, () => this.attempt(stream, decider, command, context, batchKeys));
  }

  /**
   * What this command already wrote, when a client retries it under the same Idempotency-Key after losing the
   * answer (a crash, a cut connection, a lost record of the key): its events carry ids derived from the command
   * id, so they are found, and the first answer is rebuilt from them instead of deciding again.
   */
  async written<E extends DomainEvent>(
    stream: string,
    context: CommandContext,
  ): Promise<(CommandResult & { events: E[] }) | undefined> {
    if (!context.retried) return undefined;
    const [first] = await this.store.findEvents(stream, [commandEventId(context.commandId, 0)]);
    if (!first) return undefined;
    const own: RecordedEvent[] = [];
    for (const event of await this.store.readStream(first.stream, { fromRevision: first.revision, maxCount: 1_000 })) {
      if (event.id !== commandEventId(context.commandId, own.length)) break;
      own.push(event);
    }
    return {
      eventIds: own.map((e) => e.id),
      stream: first.stream,
      revision: own[own.length - 1].revision,
      events: own.map(asDomainEvent<E>),
    };
  }

  private async attempt<C, E extends DomainEvent, S>(
    stream: string,
    decider: Decider<C, E, S>,
    command: () => C | Promise<C>,
    context: CommandContext,
    batchKeys: string[],
  ): Promise<CommandResult & { events: E[] }> {
    for (let attempt = 1; ; attempt++) {
      // The stream's new events are read while the command reads what it needs: the append's expected revision
      // guards the decision whatever order they arrive in.
      const [input, { revision, state }] = await Promise.all([command(), this.current(stream, decider)]);
      const events = decider.decide(input, state);
      // A command that changes nothing (an entry already made) writes nothing.
      if (events.length === 0) return { eventIds: [], stream, revision, events };
      const metadata = {
        actor: context.principal.sub,
        role: context.principal.role,
        organisation: context.principal.org,
        occurredAt: context.now.toISOString(),
        commandId: context.commandId,
        correlationId: context.correlationId,
        ...(context.causationId ? { causationId: context.causationId } : {}),
        ...(batchKeys.length > 0 ? { batchKeys } : {}),
      };
      try {
        const result = await this.store.append(
          stream,
          events.map((e, index) => ({
            id: commandEventId(context.commandId, index),
            type: e.type,
            data: e.data as JsonObject,
            metadata: { ...metadata, schemaVersion: eventVersions.versionOf(e.type) },
          })),
          { expectedRevision: revision === -1 ? 'no_stream' : revision },
        );
        return { eventIds: result.eventIds, stream, revision: result.revision, events };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= ATTEMPTS) throw error;
        // A little random wait spreads apart the retries of processes deciding on the same stream.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
      }
    }
  }

  /**
   * Reads asked for in the same turn of the event loop (a command's inputs and its own stream) go to the store in
   * one round trip.
   */
  private readAfter(stream: string, fromRevision: number): Promise<RecordedEvent[]> {
    return new Promise((resolve, reject) => {
      if (this.pendingReads.length === 0) queueMicrotask(() => this.flushReads());
      this.pendingReads.push({ stream, fromRevision, resolve, reject });
    });
  }

  private flushReads(): void {
    const reads = this.pendingReads;
    this.pendingReads = [];
    this.store.readStreams(reads.map(({ stream, fromRevision }) => ({ stream, fromRevision }))).then(
      (answers) => reads.forEach((read, i) => read.resolve(answers[i])),
      (error: unknown) => reads.forEach((read) => read.reject(error)),
    );
  }

  /** The cache lost the stream while we read (evicted): fold it again from the start. */
  private async reread<E extends DomainEvent, S>(
    stream: string,
    decider: Folding<E, S>,
  ): Promise<{ revision: number; state: S }> {
    this.states.forget(stream);
    let state = decider.initialState();
    let revision = -1;
    for (const event of await this.store.readStream(stream)) {
      state = decider.evolve(state, asDomainEvent<E>(event));
      revision = event.revision;
    }
    this.states.set(stream, decider, revision, state);
    return { revision, state };
  }
}

function asDomainEvent<E>(event: RecordedEvent): E {
  const current = eventVersions.upcast(event);
  return { type: current.type, data: current.data } as E;
}

/** The answer of every command: the event ids, the stream and its new revision (not the events themselves). */
export function commandAnswer(result: CommandResult): CommandResult {
  return { eventIds: result.eventIds, stream: result.stream, revision: result.revision };
}

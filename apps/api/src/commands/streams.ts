import { Inject, Injectable } from '@nestjs/common';
import { fold, type Decider } from '../../../../libs/domain/src/index.js';
import {
  EVENT_STORE,
  WrongExpectedRevisionError,
  type EventStore,
  type JsonObject,
  type RecordedEvent,
} from '../../../../libs/event-store/src/index.js';
import type { CommandContext } from './command-context.js';

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

/**
 * Attempts at read-decide-append when other writers move the stream in between: each conflict means another
 * command was decided, so a burst of N concurrent commands on one stream settles within N attempts.
 */
const ATTEMPTS = 12;

/** Reads a stream's state through its decider, and runs commands against one stream. */
@Injectable()
export class Streams {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async state<E extends DomainEvent, S>(stream: string, decider: Pick<Decider<never, E, S>, 'initialState' | 'evolve'>): Promise<S> {
    return fold(decider, (await this.store.readStream(stream)).map(asDomainEvent<E>));
  }

  async events(stream: string): Promise<RecordedEvent[]> {
    return this.store.readStream(stream);
  }

  /**
   * Reads the stream, decides, and appends at the revision it read; when another writer got there first the
   * command is decided again on the new state. `command` is rebuilt each attempt so what it reads is fresh.
   */
  async decide<C, E extends DomainEvent, S>(
    stream: string,
    decider: Decider<C, E, S>,
    command: () => C | Promise<C>,
    context: CommandContext,
    batchKeys: string[] = [],
  ): Promise<CommandResult & { events: E[] }> {
    for (let attempt = 1; ; attempt++) {
      const recorded = await this.store.readStream(stream);
      const state = fold(decider, recorded.map(asDomainEvent<E>));
      const events = decider.decide(await command(), state);
      const current = recorded.length === 0 ? -1 : recorded[recorded.length - 1].revision;
      // A command that changes nothing (an entry already made) writes nothing.
      if (events.length === 0) return { eventIds: [], stream, revision: current, events };
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
          events.map((e) => ({ type: e.type, data: e.data as JsonObject, metadata })),
          { expectedRevision: current === -1 ? 'no_stream' : current },
        );
        return { eventIds: result.eventIds, stream, revision: result.revision, events };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= ATTEMPTS) throw error;
        // A little random wait spreads the retries of a burst apart.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
      }
    }
  }
}

function asDomainEvent<E>(event: RecordedEvent): E {
  return { type: event.type, data: event.data } as E;
}

/** The answer of every command: the event ids, the stream and its new revision (not the events themselves). */
export function commandAnswer(result: CommandResult): CommandResult {
  return { eventIds: result.eventIds, stream: result.stream, revision: result.revision };
}

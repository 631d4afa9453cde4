import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import {
  epcisEventsOfAll,
  exportGlns,
  holderOf,
  matchesEpcisQuery,
  type EpcisObjectEvent,
  type EpcisQuery,
} from '#domain';
import { EVENT_STORE, START, type EventStore, type RecordedEvent } from '#event-store';

/** Whose events a caller may read: ANSM every event, an organisation those recorded at its own site. */
export type EpcisScope = { kind: 'all' } | { kind: 'organisation'; organisation: string };

export class QueryEpcisEvents {
  constructor(
    readonly query: EpcisQuery,
    readonly scope: EpcisScope,
    /** Index of the first event of the page in the filtered list. */
    readonly offset: number,
    readonly perPage: number,
  ) {}
}

export interface EpcisEventsPage {
  events: EpcisObjectEvent[];
  /** Offset of the next page, when there is one. */
  next?: number;
}

/**
 * The EPCIS events of the whole event store that meet a query, in the store's order, one page at a time. Events
 * are never edited or deleted, so the filtered list only grows at its end and an offset stays a valid page token.
 */
@QueryHandler(QueryEpcisEvents)
export class QueryEpcisEventsHandler implements IQueryHandler<QueryEpcisEvents, EpcisEventsPage> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ query, scope, offset, perPage }: QueryEpcisEvents): Promise<EpcisEventsPage> {
    const recorded = (await this.readAll()).filter(
      (event) => scope.kind === 'all' || holderOf(event) === scope.organisation,
    );
    const glns = await exportGlns(recorded, (stream) => this.store.readStream(stream));
    const matching = epcisEventsOfAll(recorded, glns).filter((event) => matchesEpcisQuery(event, query));
    const events = matching.slice(offset, offset + perPage);
    return offset + perPage < matching.length ? { events, next: offset + perPage } : { events };
  }

  private async readAll(): Promise<RecordedEvent[]> {
    const all: RecordedEvent[] = [];
    let from = START;
    for (;;) {
      const { events, checkpoint } = await this.store.readAll({ from, maxCount: 1000 });
      all.push(...events);
      if (events.length === 0) return all;
      from = checkpoint;
    }
  }
}

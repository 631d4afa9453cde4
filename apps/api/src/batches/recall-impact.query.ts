import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { batchKey, traceBatch } from '#domain';
import { EVENT_STORE, type EventStore } from '#event-store';

export class GetRecallImpact {
  constructor(
    readonly gtin: string,
    readonly lot: string,
  ) {}
}

export interface RecallImpact {
  /** Sites still holding packs, and how many: each must return or destroy them. */
  sitesHolding: { organisationId: string; onHand: number }[];
  /** Pseudonyms of the patients who received packs, for their prescribers to contact. */
  patients: string[];
}

/** A recall's impact, from the event store itself: exact at the moment of the recall, whatever the projection lag. */
@QueryHandler(GetRecallImpact)
export class GetRecallImpactHandler implements IQueryHandler<GetRecallImpact, RecallImpact> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ gtin, lot }: GetRecallImpact): Promise<RecallImpact> {
    const trace = traceBatch(gtin, lot, await this.store.readByBatchKey(batchKey(gtin, lot)));
    return {
      sitesHolding: trace.sites
        .filter((s) => s.onHand > 0)
        .map((s) => ({ organisationId: s.organisationId, onHand: s.onHand })),
      patients: trace.patients,
    };
  }
}

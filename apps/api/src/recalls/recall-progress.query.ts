import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Principal } from '#auth';
import { batchKey, eventVersions, notFound, recallProgress, type RecallProgress } from '#domain';
import { EVENT_STORE, type EventStore } from '#event-store';

export class GetRecallProgress {
  constructor(
    readonly gtin: string,
    readonly lot: string,
    readonly principal: Principal,
  ) {}
}

/**
 * A recall's progress site by site, folded from the batch's events in the event store (no table: exact whatever
 * the read models' lag). ANSM sees every site; any other caller only its own organisation's line.
 */
@QueryHandler(GetRecallProgress)
export class GetRecallProgressHandler implements IQueryHandler<GetRecallProgress, RecallProgress> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ gtin, lot, principal }: GetRecallProgress): Promise<RecallProgress> {
    const events = (await this.store.readByBatchKey(batchKey(gtin, lot))).map((e) => eventVersions.upcast(e));
    if (!events.some((e) => e.type === 'BatchRegistered')) {
      throw notFound('batch_unknown', `no lot ${lot} of GTIN ${gtin}`);
    }
    const progress = recallProgress(gtin, lot, events);
    if (principal.role === 'ansm') return progress;
    return { ...progress, sites: progress.sites.filter((site) => site.organisationId === principal.org) };
  }
}

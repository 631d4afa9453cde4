import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Principal } from '#auth';
import {
  batchAccess,
  batchKey,
  eventVersions,
  needsLinks,
  notFound,
  recallProgress,
  type RecallProgress,
  type Viewer,
} from '#domain';
import { EVENT_STORE, type EventStore } from '#event-store';
import { BatchLinksReader } from '../batches/batch-links.js';

export class GetRecallProgress {
  constructor(
    readonly gtin: string,
    readonly lot: string,
    readonly principal: Principal,
  ) {}
}

/**
 * A recall's progress site by site, folded from the batch's events in the event store (no table: exact whatever
 * the read models' lag). Who may ask is `batchAccess` (the rule of the batch views): anyone without access gets
 * 404 `batch_unknown`, as for a batch that does not exist. ANSM sees every site; any other caller only its own
 * organisation's line.
 */
@QueryHandler(GetRecallProgress)
export class GetRecallProgressHandler implements IQueryHandler<GetRecallProgress, RecallProgress> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly links: BatchLinksReader,
  ) {}

  async execute({ gtin, lot, principal }: GetRecallProgress): Promise<RecallProgress> {
    const events = (await this.store.readByBatchKey(batchKey(gtin, lot))).map((e) => eventVersions.upcast(e));
    const unknown = () => notFound('batch_unknown', `no lot ${lot} of GTIN ${gtin}`);
    const registered = events.find((e) => e.type === 'BatchRegistered');
    if (!registered) throw unknown();
    const batch = registered.data as { supplierId: string; exploitantId: string };
    const viewer: Viewer = { role: principal.role, organisation: principal.org };
    const links = needsLinks(viewer, batch)
      ? await this.links.linksOf(gtin, lot, viewer.organisation)
      : { sites: new Set<string>() };
    if (batchAccess(viewer, batch, links) === 'none') throw unknown();
    const progress = recallProgress(gtin, lot, events);
    if (principal.role === 'ansm') return progress;
    return { ...progress, sites: progress.sites.filter((site) => site.organisationId === principal.org) };
  }
}

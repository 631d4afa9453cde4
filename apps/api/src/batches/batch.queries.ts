import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Principal } from '#auth';
import {
  batchAccess,
  batchDecider,
  batchStream,
  batchViewFor,
  needsLinks,
  notFound,
  type BatchView,
  type Viewer,
} from '#domain';
import { Streams } from '../shared/streams/streams.js';
import { BatchLinksReader } from './batch-links.js';

export class GetBatch {
  constructor(
    readonly gtin: string,
    readonly lot: string,
    readonly principal: Principal,
  ) {}
}

/**
 * A batch as its reader may see it (`batchAccess`): the full view for ANSM, its supplier and exploitant, a
 * holder's view for a site that holds or held packs, and 404, as for an unknown batch, to anyone else.
 */
@QueryHandler(GetBatch)
export class GetBatchHandler implements IQueryHandler<GetBatch, BatchView> {
  constructor(
    private readonly streams: Streams,
    private readonly links: BatchLinksReader,
  ) {}

  async execute({ gtin, lot, principal }: GetBatch): Promise<BatchView> {
    const state = await this.streams.state(batchStream(gtin, lot), batchDecider);
    const unknown = () => notFound('batch_unknown', `no lot ${lot} of GTIN ${gtin}`);
    if (state.status !== 'registered') throw unknown();
    const viewer: Viewer = { role: principal.role, organisation: principal.org };
    const links = needsLinks(viewer, state)
      ? await this.links.linksOf(gtin, lot, viewer.organisation)
      : { sites: new Set<string>() };
    const view = batchViewFor(batchAccess(viewer, state, links), state);
    if (!view) throw unknown();
    return view;
  }
}

import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { batchDecider, batchStream, notFound, type RegisteredBatch } from '#domain';
import { Streams } from '../shared/streams/streams.js';

export class GetBatch {
  constructor(
    readonly gtin: string,
    readonly lot: string,
  ) {}
}

export type BatchView = Omit<RegisteredBatch, 'status'>;

@QueryHandler(GetBatch)
export class GetBatchHandler implements IQueryHandler<GetBatch, BatchView> {
  constructor(private readonly streams: Streams) {}

  async execute({ gtin, lot }: GetBatch): Promise<BatchView> {
    const state = await this.streams.state(batchStream(gtin, lot), batchDecider);
    if (state.status !== 'registered') throw notFound('batch_unknown', `no lot ${lot} of GTIN ${gtin}`);
    const { status: _status, ...batch } = state;
    return batch;
  }
}

import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import {
  batchDecider,
  batchEpcisDocument,
  batchKey,
  exportGlns,
  batchStream,
  fold,
  notFound,
  type BatchEvent,
} from '#domain';
import {
  EVENT_STORE,
  verifyChains,
  type CheckpointLog,
  type DigestSigner,
  type EventStore,
  type StoreDigest,
} from '#event-store';
import { CHECKPOINT_LOG, StoreSealer } from './store-sealer.js';

export const DIGEST_SIGNER = Symbol('DIGEST_SIGNER');

export class GetBatchHistory {
  constructor(
    readonly gtin: string,
    readonly lot: string,
    readonly asOf: Date,
  ) {}
}

export class VerifyStore {
  /** A digest downloaded earlier, which the store must still match. */
  constructor(readonly against?: StoreDigest) {}
}

export class GetStoreDigest {}

export class ExportBatchEpcis {
  constructor(
    readonly gtin: string,
    readonly lot: string,
  ) {}
}

/**
 * A batch's history replayed from the event store itself: every event that concerns it, recorded up to `asOf`,
 * and the batch's state folded from them.
 */
@QueryHandler(GetBatchHistory)
export class GetBatchHistoryHandler implements IQueryHandler<GetBatchHistory> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ gtin, lot, asOf }: GetBatchHistory) {
    const all = await this.store.readByBatchKey(batchKey(gtin, lot));
    if (all.length === 0) throw notFound('batch_unknown', `no event concerns lot ${lot} of GTIN ${gtin}`);
    const events = all.filter((e) => Date.parse(e.metadata.recordedAt) <= asOf.getTime());
    const stream = batchStream(gtin, lot);
    const { status, ...state } = fold(
      batchDecider,
      events.filter((e) => e.stream === stream).map((e) => ({ type: e.type, data: e.data }) as BatchEvent),
    );
    return {
      gtin,
      lot,
      asOf: asOf.toISOString(),
      events: events.map((e) => ({
        type: e.type,
        stream: e.stream,
        revision: e.revision,
        occurredAt: e.metadata.occurredAt,
        recordedAt: e.metadata.recordedAt,
        actor: { id: e.metadata.actor, role: e.metadata.role, organisation: e.metadata.organisation },
        data: e.data,
        hash: e.hash,
      })),
      state: status === 'registered' ? state : null,
    };
  }
}

/** A batch's history as an EPCIS 2.0 JSON-LD document, for exchange with GS1-speaking systems. */
@QueryHandler(ExportBatchEpcis)
export class ExportBatchEpcisHandler implements IQueryHandler<ExportBatchEpcis> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ gtin, lot }: ExportBatchEpcis) {
    const events = await this.store.readByBatchKey(batchKey(gtin, lot));
    if (events.length === 0) throw notFound('batch_unknown', `no event concerns lot ${lot} of GTIN ${gtin}`);
    return batchEpcisDocument(gtin, lot, events, {
      glns: await exportGlns(events, (stream) => this.store.readStream(stream)),
    });
  }
}

/** Every hash chain, and the global order against every sealed checkpoint (and the digest given). */
@QueryHandler(VerifyStore)
export class VerifyStoreHandler implements IQueryHandler<VerifyStore> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CHECKPOINT_LOG) private readonly checkpoints: CheckpointLog,
  ) {}

  execute({ against }: VerifyStore) {
    return verifyChains(this.store, { checkpoints: this.checkpoints, against });
  }
}

/** Seals everything committed, then signs the last checkpoint: what ANSM keeps to verify the store later. */
@QueryHandler(GetStoreDigest)
export class GetStoreDigestHandler implements IQueryHandler<GetStoreDigest> {
  constructor(
    private readonly sealer: StoreSealer,
    @Inject(DIGEST_SIGNER) private readonly signer: DigestSigner,
  ) {}

  async execute(): Promise<StoreDigest> {
    const checkpoint = await this.sealer.sealNow();
    if (!checkpoint) throw notFound('store_empty', 'the store holds no event yet: there is nothing to certify');
    return this.signer.sign(checkpoint);
  }
}

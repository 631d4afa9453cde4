import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Role } from '#auth';
import { batchDecider, batchStream } from '#domain';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '#event-store';
import { RegisterBooks } from '../../shared/streams/register-books.js';
import { Streams } from '../../shared/streams/streams.js';
import { CheckpointStore } from '../../database/checkpoint-store.js';
import { StoreFollower } from '../following/store-follower.js';

const NAME = 'release-entries';

/**
 * A released batch's packs enter its supplier's register. The release and the entry are in two streams, so this
 * process follows the releases and makes the entries; the register decider makes each entry once, whoever asks
 * (a dispatch also makes it when it comes first).
 */
@Injectable()
export class ReleaseEntries implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('ReleaseEntries');
  private readonly follower: StoreFollower;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly streams: Streams,
    private readonly books: RegisterBooks,
    private readonly checkpoints: CheckpointStore,
  ) {
    this.follower = new StoreFollower(
      store,
      checkpoints,
      NAME,
      async (events) => {
        for (const event of events) if (event.type === 'BatchReleased') await this.enter(event);
      },
      this.logger,
    );
  }

  onApplicationBootstrap(): Promise<void> {
    return this.follower.start();
  }

  /** How far the process is behind the store: events still to look at, counted up to 1,000. */
  async status(): Promise<{ name: string; behind: number; running: boolean }> {
    const { events } = await this.store.readAll({ from: await this.checkpoints.load(NAME), maxCount: 1000 });
    return { name: NAME, behind: events.length, running: this.follower.running };
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.follower.stop();
  }

  private async enter(release: RecordedEvent): Promise<void> {
    const batch = await this.streams.state(release.stream, batchDecider);
    if (batch.status !== 'registered' || release.stream !== batchStream(batch.gtin, batch.lot)) return;
    await this.books.decide(
      batch.supplierId,
      () => ({ type: 'EnterReleasedStock' as const, site: batch.supplierId, batch }),
      {
        principal: {
          sub: release.metadata.actor,
          role: release.metadata.role as Role,
          org: release.metadata.organisation,
        },
        commandId: release.id,
        correlationId: release.metadata.correlationId,
        causationId: release.id,
        now: new Date(release.metadata.occurredAt),
      },
      release.metadata.batchKeys ?? [],
    );
  }
}

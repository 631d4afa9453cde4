import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { EVENT_STORE, sealAll, type CheckpointLog, type EventStore, type SealedCheckpoint } from '#event-store';

export const CHECKPOINT_LOG = Symbol('CHECKPOINT_LOG');
export const SEAL_INTERVAL_MS = Symbol('SEAL_INTERVAL_MS');

/**
 * Seals the events committed since the last checkpoint, every SEAL_INTERVAL_MS (0: only when a digest is asked
 * for). Beside the appends, never on their path: what is not sealed yet is what an owner could still remove
 * without a trace (docs/security.md). Several processes may seal; one wins each checkpoint.
 */
@Injectable()
export class StoreSealer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('StoreSealer');
  private sealing: Promise<SealedCheckpoint | null> = Promise.resolve(null);
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CHECKPOINT_LOG) private readonly log: CheckpointLog,
    @Inject(SEAL_INTERVAL_MS) private readonly intervalMs: number,
  ) {}

  onApplicationBootstrap(): void {
    if (this.intervalMs > 0) this.schedule();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.sealing.catch(() => undefined);
  }

  /** Seals everything committed by now; answers the last checkpoint (null: the store is empty). */
  sealNow(): Promise<SealedCheckpoint | null> {
    // One sealing at a time in this process: two would race for the same checkpoint.
    const next = this.sealing.catch(() => null).then(() => sealAll(this.store, this.log));
    this.sealing = next;
    return next;
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      this.sealNow()
        .catch((error: unknown) => this.logger.error(`sealing failed, trying again: ${(error as Error).message}`))
        .finally(() => {
          if (!this.stopped) this.schedule();
        });
    }, this.intervalMs);
  }
}

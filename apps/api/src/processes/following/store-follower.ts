import type { Logger } from '@nestjs/common';
import type { Checkpoint, EventStore, RecordedEvent, Subscription } from '#event-store';

/** Where a follower keeps how far it has got. */
export interface FollowerCheckpoints {
  load(name: string): Promise<Checkpoint>;
  save(name: string, checkpoint: Checkpoint): Promise<void>;
}

/** How long a follower whose handler failed waits before it starts again from its checkpoint. */
export const RESTART_AFTER_MS = 5_000;

/**
 * Follows the store from a saved checkpoint for a process (release entries, event alerts), saving the checkpoint
 * after each batch it handled. A handler that fails (the store unavailable for an append, a database failover)
 * ends the store's subscription: the follower then starts again from its last saved checkpoint after a pause,
 * so a process never stops for good while the api runs, and says it is not running meanwhile.
 */
export class StoreFollower {
  private subscription?: Subscription;
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly store: EventStore,
    private readonly checkpoints: FollowerCheckpoints,
    private readonly name: string,
    private readonly handle: (events: RecordedEvent[]) => Promise<void>,
    private readonly logger: Pick<Logger, 'error'>,
    private readonly restartAfterMs = RESTART_AFTER_MS,
  ) {}

  async start(): Promise<void> {
    if (this.stopped) return;
    const from = await this.checkpoints.load(this.name);
    if (this.stopped) return;
    const subscription = this.store.subscribe(
      async (events, checkpoint) => {
        await this.handle(events);
        await this.checkpoints.save(this.name, checkpoint);
      },
      { from },
    );
    this.subscription = subscription;
    subscription.done.catch((error: unknown) => {
      this.logger.error(`stopped, starting again from its checkpoint: ${(error as Error).stack ?? String(error)}`);
      if (this.subscription === subscription) this.subscription = undefined;
      this.restartLater();
    });
  }

  /** Whether it is following the store now (false between a failure and its restart). */
  get running(): boolean {
    return this.subscription !== undefined;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.subscription?.stop();
  }

  private restartLater(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.start().catch((error: unknown) => {
        this.logger.error(`could not start again: ${(error as Error).message}`);
        this.restartLater();
      });
    }, this.restartAfterMs);
    this.timer.unref();
  }
}

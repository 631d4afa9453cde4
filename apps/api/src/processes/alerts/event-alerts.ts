import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ALERT_SETTINGS_STREAM,
  alertSettingsDecider,
  alertSettingsOf,
  batchDecider,
  eventAlerts,
  eventVersions,
} from '#domain';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '#event-store';
import { CheckpointStore } from '../../database/checkpoint-store.js';
import { Streams } from '../../shared/streams/streams.js';
import { RaiseAlert } from '../../alerts/alert.commands.js';
import { StoreFollower } from '../following/store-follower.js';

const NAME = 'event-alerts';

/**
 * Raises the alerts an event shows as soon as it is written (receipt discrepancies, expiry mismatches, losses and
 * adjustments above the threshold, dispensing near expiry, out-of-specification results). It follows the store
 * from its checkpoint; an event looked at again (a restart before the checkpoint moved, another api process)
 * finds its alert already raised and writes nothing.
 */
@Injectable()
export class EventAlerts implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('EventAlerts');
  private readonly follower: StoreFollower;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly streams: Streams,
    private readonly commands: CommandBus,
    private readonly checkpoints: CheckpointStore,
  ) {
    this.follower = new StoreFollower(store, checkpoints, NAME, (events) => this.raise(events), this.logger);
  }

  onApplicationBootstrap(): Promise<void> {
    return this.follower.start();
  }

  /** Raises what these events show, with the settings in force now. */
  async raise(events: RecordedEvent[]): Promise<void> {
    const settings = alertSettingsOf(await this.streams.state(ALERT_SETTINGS_STREAM, alertSettingsDecider));
    for (const recorded of events) {
      const event = eventVersions.upcast(recorded);
      const supplier = event.type === 'AnalysisRecorded' ? await this.supplierOf(event.stream) : null;
      for (const candidate of eventAlerts(event, settings, () => supplier)) {
        await this.commands.execute(
          new RaiseAlert(candidate, new Date(event.metadata.occurredAt), {
            eventId: event.id,
            correlationId: event.metadata.correlationId,
          }),
        );
      }
    }
  }

  /** How far the process is behind the store: events still to look at, counted up to 1,000. */
  async status(): Promise<{ name: string; behind: number; running: boolean }> {
    const { events } = await this.store.readAll({ from: await this.checkpoints.load(NAME), maxCount: 1000 });
    return { name: NAME, behind: events.length, running: this.follower.running };
  }

  /** Waits until every event stored so far has been looked at (tests wait on it before reading the alerts). */
  async caughtUp(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { events } = await this.store.readAll({ from: await this.checkpoints.load(NAME), maxCount: 1 });
      if (events.length === 0) return;
      if (Date.now() > deadline) throw new Error('the alerts process did not catch up in time');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.follower.stop();
  }

  private async supplierOf(stream: string): Promise<string | null> {
    const batch = await this.streams.state(stream, batchDecider);
    return batch.status === 'registered' ? batch.supplierId : null;
  }
}

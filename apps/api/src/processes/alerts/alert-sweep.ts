import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { ALERT_SETTINGS_STREAM, alertSettingsDecider, alertSettingsOf, parisDate } from '#domain';
import { EVENT_STORE, type EventStore } from '#event-store';
import { RaiseAlert } from '../../alerts/alert.commands.js';
import { CLOCK, type Clock } from '../../clock/clock.js';
import { Streams } from '../../shared/streams/streams.js';
import { overdueShipments } from './overdue-shipments.js';
import { stockNearExpiry } from './stock-near-expiry.js';
import { massImbalances } from './mass-imbalances.js';
import type { SweepKind } from './sweep-kind.js';
import { unacknowledgedRecalls } from './unacknowledged-recalls.js';

/** The time-driven kinds of alert. A new kind is one more function here. */
export const SWEEP_KINDS: SweepKind[] = [overdueShipments, stockNearExpiry, unacknowledgedRecalls, massImbalances];

/** Every hour: a day's alerts are found within the hour the day turns (in the api clock's Paris calendar). */
export const SWEEP_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Raises the alerts time makes: it asks each kind what it finds today, from the read models, and raises each
 * candidate once (several api processes sweeping at once raise each alert once: its id names the finding).
 */
@Injectable()
export class AlertSweep implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('AlertSweep');
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly readModels: DataSource,
    private readonly streams: Streams,
    private readonly commands: CommandBus,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Once at start too: processes restarted more often than hourly would otherwise never sweep.
    await this.sweep().catch((error: unknown) => this.logger.error(`sweep failed: ${(error as Error).message}`));
    this.timer = setInterval(() => {
      this.sweep().catch((error: unknown) => this.logger.error(`sweep failed: ${(error as Error).message}`));
    }, SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /**
   * Sweeps now, or waits for the sweep under way; answers how many alerts it raised (another process sweeping at
   * the same instant may count the same ones: its append is taken for a retry, and the store holds each once).
   */
  sweep(): Promise<number> {
    this.running ??= this.sweepOnce().finally(() => (this.running = undefined));
    return this.running;
  }

  private async sweepOnce(): Promise<number> {
    const now = this.clock();
    const today = parisDate(now);
    const settings = alertSettingsOf(await this.streams.state(ALERT_SETTINGS_STREAM, alertSettingsDecider));
    const sources = { readModels: this.readModels, store: this.store };
    let raised = 0;
    for (const kind of SWEEP_KINDS) {
      for (const candidate of await kind(sources, settings, today)) {
        const result = await this.commands.execute(new RaiseAlert(candidate, now));
        raised += result.eventIds.length;
      }
    }
    return raised;
  }
}

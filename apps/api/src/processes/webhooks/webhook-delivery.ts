import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { WebhookTimings } from '#config';
import { upcastAll } from './upcast.js';
import { EVENT_STORE, type Checkpoint, type EventStore, type RecordedEvent } from '#event-store';
import { CLOCK, type Clock } from '../../clock/clock.js';
import { eventPayload, signature } from './event-payload.js';
import { visibleTo } from './event-visibility.js';
import { sendWebhook } from './webhook-target.js';
import { WebhookStore, type WebhookSubscription } from './webhook-store.js';

export const WEBHOOK_TIMINGS = Symbol('WEBHOOK_TIMINGS');
/** Whether receivers on loopback, private or link-local addresses are allowed (`WEBHOOK_ALLOW_PRIVATE`). */
export const WEBHOOK_ALLOW_PRIVATE = Symbol('WEBHOOK_ALLOW_PRIVATE');

const DEFAULTS: Required<WebhookTimings> = {
  pollIntervalMs: 1_000,
  backoffBaseMs: 1_000,
  backoffMaxMs: 10 * 60_000,
  timeoutMs: 10_000,
};

/** Events read from a subscription's cursor at a time. */
const PAGE = 200;

/** How long a process keeps a subscription without renewing it: a crashed process's are taken over after it. */
const LEASE_MS = 60_000;

/**
 * Sends each subscription the events its organisation may see, one at a time in the global order, and moves its
 * cursor only once the receiver answered 2xx: at least once, in order, never skipping an event. A failure waits
 * (doubling from backoffBaseMs up to backoffMaxMs) and the same event is sent again; receivers deduplicate by the
 * event id. The cursors are in the database: a restarted api resumes where the last one stopped. Several api
 * processes on one database take turns through a lease per subscription, so that one sends at a time.
 */
@Injectable()
export class WebhookDelivery implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('WebhookDelivery');
  private readonly timings: Required<WebhookTimings>;
  private stopped = false;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private readonly abort = new AbortController();
  /** This process, as a lease holder (not an event id: it names nothing stored for ever). */
  private readonly holder = randomUUID();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly subscriptions: WebhookStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(WEBHOOK_TIMINGS) timings: WebhookTimings,
    @Inject(WEBHOOK_ALLOW_PRIVATE) private readonly allowPrivate: boolean,
  ) {
    this.timings = { ...DEFAULTS, ...timings };
  }

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.abort.abort();
    await this.running;
    await this.subscriptions.release(this.holder);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.pass()
        .catch((error: unknown) => this.logger.error(`pass failed: ${(error as Error).stack ?? String(error)}`))
        .finally(() => this.schedule(this.timings.pollIntervalMs));
    }, ms);
  }

  /** One look at every due subscription. */
  private async pass(): Promise<void> {
    for (const { id } of await this.subscriptions.due(this.clock())) {
      if (this.stopped) return;
      const claimed = await this.claim(id);
      if (claimed) await this.deliver(claimed);
    }
  }

  private async deliver(subscription: WebhookSubscription): Promise<void> {
    const { events } = await this.store.readAll({ from: subscription.cursor, maxCount: PAGE });
    // `stored` is the cursor as the database has it; every move is conditional on it, so that a cursor the partner
    // moved during this pass is never overwritten: the pass stops and the next one starts from the partner's.
    let stored = subscription.cursor;
    let cursor = stored;
    const moveTo = async (to: Checkpoint, deliveredId: string | null) => {
      const moved = await this.subscriptions.advance(subscription.id, stored, to, deliveredId);
      if (moved) stored = to;
      return moved;
    };
    for (const event of upcastAll(events)) {
      if (this.stopped) break;
      if (await this.isFor(subscription, event)) {
        // Renewed before each delivery: a process that lost the lease (it stalled) stops before sending.
        if (!(await this.claim(subscription.id))) return;
        const failure = await this.post(subscription, event);
        if (failure !== null) {
          // What was skipped before it stays skipped; the event itself is sent again after the wait.
          if (cursor !== stored && !(await moveTo(cursor, null))) return;
          const attempts = subscription.attempts + 1;
          const wait = Math.min(this.timings.backoffMaxMs, this.timings.backoffBaseMs * 2 ** (attempts - 1));
          const next = new Date(this.clock().getTime() + wait);
          await this.subscriptions.failed(subscription.id, stored, attempts, next, failure);
          return;
        }
        if (!(await moveTo(event.position, event.id))) return;
        subscription = { ...subscription, attempts: 0 };
      }
      cursor = event.position;
    }
    if (cursor !== stored) await moveTo(cursor, null);
  }

  private claim(id: string): Promise<WebhookSubscription | undefined> {
    const now = this.clock();
    return this.subscriptions.claim(id, this.holder, now, new Date(now.getTime() + LEASE_MS));
  }

  private isFor(subscription: WebhookSubscription, event: RecordedEvent): Promise<boolean> | boolean {
    if (subscription.kinds.length > 0 && !subscription.kinds.includes(event.type)) return false;
    return visibleTo(this.store, { role: subscription.role, organisation: subscription.organisation }, event);
  }

  /**
   * Sends one event to the address checked again now (`sendWebhook`); answers null when the receiver took it (2xx),
   * else the failure's class (`unreachable`, `timeout`, `HTTP 4xx`...), never the receiver's own words.
   */
  private post(subscription: WebhookSubscription, event: RecordedEvent): Promise<string | null> {
    const deliveredAt = this.clock();
    const body = JSON.stringify({ subscriptionId: subscription.id, deliveredAt, event: eventPayload(event) });
    return sendWebhook(
      subscription.url,
      {
        'content-type': 'application/json',
        'cannatrace-event-id': event.id,
        'cannatrace-timestamp': String(Math.floor(deliveredAt.getTime() / 1000)),
        'cannatrace-signature': signature(subscription.secret, body),
      },
      body,
      { allowPrivate: this.allowPrivate, timeoutMs: this.timings.timeoutMs, signal: this.abort.signal },
    );
  }
}

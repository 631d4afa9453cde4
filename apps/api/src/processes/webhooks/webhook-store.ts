import { Injectable } from '@nestjs/common';
import { DataSource, LessThanOrEqual, IsNull, type Repository } from 'typeorm';
import { START, type Checkpoint } from '#event-store';
import { WebhookSubscriptionRow } from '#read-models';

/** A partner's webhook: where to send the events its organisation may see, and how far it has got. */
export interface WebhookSubscription {
  id: string;
  organisation: string;
  role: string;
  url: string;
  /** Event types to send; empty: every type. */
  kinds: string[];
  secret: string;
  /** The position of the last event delivered (or skipped as not for it); `start` before any. */
  cursor: Checkpoint;
  lastDeliveredEventId: string | null;
  /** Failed attempts at the event after the cursor; 0 once it is delivered. */
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  createdAt: string;
}

const iso = (value: string | Date | null) => (value === null ? null : new Date(value).toISOString());

/**
 * The webhook subscriptions and their cursors, in a table of the read side (its schema comes from the read
 * side's migrations). Not events: a subscription is a partner's configuration, not a fact of the circuit.
 */
@Injectable()
export class WebhookStore {
  private readonly subscriptions: Repository<WebhookSubscriptionRow>;

  constructor(readModels: DataSource) {
    this.subscriptions = readModels.getRepository(WebhookSubscriptionRow);
  }

  /** Creates the subscription once: a retry of the same registration answers the first one. */
  async create(
    subscription: Pick<WebhookSubscription, 'id' | 'organisation' | 'role' | 'url' | 'kinds' | 'secret'>,
    now: Date,
  ): Promise<WebhookSubscription> {
    await this.subscriptions
      .createQueryBuilder()
      .insert()
      .values({ ...subscription, kinds: JSON.stringify(subscription.kinds), cursor: START, createdAt: now })
      .orIgnore()
      .execute();
    return (await this.get(subscription.id)) as WebhookSubscription;
  }

  async get(id: string): Promise<WebhookSubscription | undefined> {
    const row = await this.subscriptions.findOneBy({ id });
    return row ? toSubscription(row) : undefined;
  }

  async ofOrganisation(organisation: string): Promise<WebhookSubscription[]> {
    const rows = await this.subscriptions.find({ where: { organisation }, order: { createdAt: 'ASC', id: 'ASC' } });
    return rows.map(toSubscription);
  }

  /** Subscriptions whose next attempt is due. */
  async due(now: Date): Promise<WebhookSubscription[]> {
    const rows = await this.subscriptions.find({
      where: [{ nextAttemptAt: IsNull() }, { nextAttemptAt: LessThanOrEqual(now) }],
      order: { id: 'ASC' },
    });
    return rows.map(toSubscription);
  }

  /**
   * Takes (or keeps) the right to deliver a subscription until `until`: one api process at a time sends its
   * events, so that several processes on one database keep the order. Answers the subscription as it now stands
   * (its cursor fresh), or undefined when another process holds it.
   */
  async claim(id: string, holder: string, now: Date, until: Date): Promise<WebhookSubscription | undefined> {
    const claimed = await this.subscriptions
      .createQueryBuilder()
      .update()
      .set({ leaseHolder: holder, leaseUntil: until })
      .where('id = :id AND (lease_holder IS NULL OR lease_holder = :holder OR lease_until < :now)', {
        id,
        holder,
        now,
      })
      .execute();
    return claimed.affected === 1 ? this.get(id) : undefined;
  }

  /** Gives back every subscription this process holds (at shutdown: a new process takes over at once). */
  async release(holder: string): Promise<void> {
    await this.subscriptions.update({ leaseHolder: holder }, { leaseHolder: null, leaseUntil: null });
  }

  /**
   * Moves the cursor from `from` past events delivered or not for this subscription, and clears the failures.
   * Only if the cursor is still `from`: a partner who moved it meanwhile keeps its choice. Answers whether it moved.
   */
  async advance(id: string, from: Checkpoint, to: Checkpoint, lastDeliveredEventId: string | null): Promise<boolean> {
    const moved = await this.subscriptions.update(
      { id, cursor: from },
      {
        cursor: to,
        ...(lastDeliveredEventId === null ? {} : { lastDeliveredEventId }),
        attempts: 0,
        nextAttemptAt: null,
        lastError: null,
      },
    );
    return moved.affected === 1;
  }

  /** Records a failed attempt at the event after `cursor`, unless the partner has moved the cursor meanwhile. */
  async failed(id: string, cursor: Checkpoint, attempts: number, nextAttemptAt: Date, error: string): Promise<void> {
    await this.subscriptions.update({ id, cursor }, { attempts, nextAttemptAt, lastError: error.slice(0, 500) });
  }

  /** The partner moves its cursor (back to replay, or forward to skip): delivery resumes after it at once. */
  async reset(id: string, cursor: Checkpoint): Promise<void> {
    await this.subscriptions.update(id, { cursor, attempts: 0, nextAttemptAt: null, lastError: null });
  }

  async remove(id: string): Promise<void> {
    await this.subscriptions.delete(id);
  }
}

function toSubscription(row: WebhookSubscriptionRow): WebhookSubscription {
  return {
    id: row.id,
    organisation: row.organisation,
    role: row.role,
    url: row.url,
    kinds: JSON.parse(row.kinds) as string[],
    secret: row.secret,
    cursor: row.cursor,
    lastDeliveredEventId: row.lastDeliveredEventId,
    attempts: Number(row.attempts),
    nextAttemptAt: iso(row.nextAttemptAt),
    lastError: row.lastError,
    createdAt: iso(row.createdAt) as string,
  };
}

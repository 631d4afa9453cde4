import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiParam, ApiTags } from '@nestjs/swagger';
import { randomBytes } from 'node:crypto';
import type { Principal } from '#auth';
import { notFound, refuse } from '#domain';
import { EVENT_STORE, type EventStore } from '#event-store';
import { CurrentPrincipal } from '../../auth/access.decorators.js';
import { CommandOperation, ReadOperation } from '../../openapi/operations.js';
import { CommandMetadata, type CommandContext } from '../../shared/streams/command-context.js';
import { nameBasedId } from '../../shared/streams/event-ids.js';
import { problem, ProblemException } from '../../problem/problem.js';
import { CreateSubscriptionDto, CursorDto } from './subscription.dto.js';
import { SubscriptionCreatedResponse, SubscriptionResponse } from './subscription.responses.js';
import { WEBHOOK_ALLOW_PRIVATE } from './webhook-delivery.js';
import { webhookTarget, WebhookTargetRefused } from './webhook-target.js';
import { WebhookStore, type WebhookSubscription } from './webhook-store.js';

const SubscriptionIdParam = () =>
  ApiParam({
    name: 'id',
    description: 'The subscription id, as its registration answered it',
    example: '6f1c2a3b-4d5e-5f60-8a7b-9c0d1e2f3a4b',
  });

/** A subscription as its organisation reads it: never the secret, which is answered once, at registration. */
const view = ({ secret: _secret, ...subscription }: WebhookSubscription) => subscription;

@ApiTags('subscriptions')
@ApiBearerAuth()
@Controller('v1/subscriptions')
export class SubscriptionsController {
  constructor(
    private readonly subscriptions: WebhookStore,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(WEBHOOK_ALLOW_PRIVATE) private readonly allowPrivate: boolean,
  ) {}

  @Post()
  @CommandOperation({
    summary:
      "Register a webhook for the caller's organisation: the events it may see are POSTed, signed, in order, at least once; answers the secret once",
    type: SubscriptionCreatedResponse,
    description: 'The subscription, with its secret (the only time it is answered)',
  })
  async create(@Body() body: CreateSubscriptionDto, @CommandMetadata() context: CommandContext) {
    const { principal } = context;
    await this.publicReceiver(body.url);
    // The id derives from the command: a retry under the same Idempotency-Key finds the same subscription.
    const created = await this.subscriptions.create(
      {
        id: nameBasedId(`${context.commandId}/subscription`),
        organisation: principal.org,
        role: principal.role,
        url: body.url,
        kinds: [...new Set(body.kinds ?? [])],
        secret: randomBytes(32).toString('hex'),
      },
      context.now,
    );
    return { ...view(created), secret: created.secret };
  }

  @Get()
  @ReadOperation({
    summary: "The caller organisation's subscriptions with their cursors and delivery state",
    type: [SubscriptionResponse],
    description: 'The subscriptions',
  })
  list(@CurrentPrincipal() principal: Principal) {
    return this.subscriptions.ofOrganisation(principal.org).then((all) => all.map(view));
  }

  @Get(':id')
  @SubscriptionIdParam()
  @ReadOperation({
    summary: 'One subscription: its cursor, the last event delivered, failed attempts, next attempt',
    type: SubscriptionResponse,
    description: 'The subscription',
  })
  async one(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    return view(await this.owned(id, principal));
  }

  @Put(':id/cursor')
  @SubscriptionIdParam()
  @CommandOperation({
    summary: 'Move the cursor: `start` to receive everything again, or an event’s cursor',
    type: SubscriptionResponse,
    description: 'The subscription, its cursor moved',
    status: 200,
    idempotencyKey: false,
  })
  async reset(@Param('id') id: string, @Body() body: CursorDto, @CurrentPrincipal() principal: Principal) {
    await this.owned(id, principal);
    try {
      await this.store.readAll({ from: body.cursor, maxCount: 1 });
    } catch {
      throw refuse('cursor_unknown', `${body.cursor} is not a cursor of this event store`);
    }
    await this.subscriptions.reset(id, body.cursor);
    return view(await this.owned(id, principal));
  }

  @Delete(':id')
  @HttpCode(204)
  @SubscriptionIdParam()
  @CommandOperation({
    summary: 'Remove the subscription: nothing more is sent',
    description: 'Removed: no body',
    status: 204,
    idempotencyKey: false,
  })
  async remove(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<void> {
    await this.owned(id, principal);
    await this.subscriptions.remove(id);
  }

  /** A receiver inside the operator's network is refused (checked again at each delivery: names move). */
  private async publicReceiver(url: string): Promise<void> {
    try {
      await webhookTarget(url, this.allowPrivate);
    } catch (error) {
      if (!(error instanceof WebhookTargetRefused)) throw error;
      const message = `url: ${error.message}`;
      throw new ProblemException(
        problem(400, 'webhook_url_not_public', message, {
          rule: 'webhook_url_not_public',
          errors: [{ field: 'url', message: error.message }],
        }),
      );
    }
  }

  /** Another organisation's subscription is answered as unknown. */
  private async owned(id: string, principal: Principal): Promise<WebhookSubscription> {
    const subscription = await this.subscriptions.get(id);
    if (!subscription || subscription.organisation !== principal.org) {
      throw notFound('subscription_unknown', `no subscription ${id}`);
    }
    return subscription;
  }
}

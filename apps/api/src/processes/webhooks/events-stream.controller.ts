import {
  Controller,
  Headers,
  Inject,
  Query,
  Sse,
  type BeforeApplicationShutdown,
  type MessageEvent,
} from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Observable, type Subscriber } from 'rxjs';
import type { Principal } from '#auth';
import { refuse } from '#domain';
import { EVENT_STORE, type EventStore, type Subscription } from '#event-store';
import { CurrentPrincipal } from '../../auth/access.decorators.js';
import { READ_ERRORS, ReadOperation } from '../../openapi/operations.js';
import { eventPayload } from './event-payload.js';
import { ServerSentEventResponse } from './event-payload.responses.js';
import { visibleTo } from './event-visibility.js';
import { upcastAll } from './upcast.js';

const CURSOR = /^(start|[0-9]{1,20}\/[0-9]{1,19}|[0-9]{1,20})$/;

/**
 * Server-sent events for the web interface: the events the caller's organisation may see (ANSM all), as they
 * are recorded. Each message's id is the event's cursor: a client that reconnects with Last-Event-ID (or
 * ?from=) misses nothing. Without one, the stream starts after the store's head at the connection: every event
 * committed from then on.
 */
@ApiTags('events')
@ApiBearerAuth()
@Controller('v1/events')
export class EventsStreamController implements BeforeApplicationShutdown {
  /** Open streams: ended when the api shuts down, so that its HTTP server can close. */
  private readonly open = new Set<Subscriber<MessageEvent>>();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  beforeApplicationShutdown(): void {
    for (const subscriber of this.open) subscriber.complete();
  }

  @Sse('stream')
  @ApiProduces('text/event-stream')
  @ReadOperation({
    summary: "Server-sent events: what the caller's organisation may see, live (ANSM all)",
    type: ServerSentEventResponse,
    description:
      'A stream that stays open: one message per event, as it is recorded (the schema is that of one message)',
    // A cursor that is not one is refused (422, `cursor_unknown`).
    errors: [...READ_ERRORS, 422],
  })
  @ApiQuery({
    name: 'from',
    required: false,
    description: 'Resume after this cursor (`start`: everything); without it nor Last-Event-ID, from now on',
    example: 'start',
  })
  @ApiHeader({
    name: 'last-event-id',
    required: false,
    description: 'The id of the last message received: a reconnection resumes after it (takes precedence over from)',
    example: '1234/5678',
  })
  stream(
    @CurrentPrincipal() principal: Principal,
    @Query('from') from?: string,
    @Headers('last-event-id') lastEventId?: string,
  ): Observable<MessageEvent> {
    const resume = lastEventId ?? from;
    if (resume !== undefined && !CURSOR.test(resume)) throw refuse('cursor_unknown', `${resume} is not a cursor`);
    const viewer = { role: principal.role, organisation: principal.org };
    return new Observable<MessageEvent>((subscriber) => {
      let stopped = false;
      let subscription: Subscription | undefined;
      // Without a cursor: from the store's head at the connection, so that an event appended before it but
      // committed after it is still sent, and nothing before it is read.
      const start = resume === undefined ? this.store.head() : Promise.resolve(resume);
      start
        .then((from) => {
          if (stopped) return;
          subscription = this.store.subscribe(
            async (events) => {
              for (const event of upcastAll(events)) {
                if (!(await visibleTo(this.store, viewer, event))) continue;
                subscriber.next({ id: event.position, type: event.type, data: eventPayload(event) });
              }
            },
            { from },
          );
          subscription.done.catch((error: unknown) => subscriber.error(error));
        })
        .catch((error: unknown) => subscriber.error(error));
      this.open.add(subscriber);
      return () => {
        stopped = true;
        this.open.delete(subscriber);
        void subscription?.stop();
      };
    });
  }
}

import { createHmac } from 'node:crypto';
import type { RecordedEvent } from '#event-store';

/** An event as partners receive it (webhook body, event stream message): the fact and where it stands. */
export function eventPayload(event: RecordedEvent) {
  return {
    id: event.id,
    type: event.type,
    stream: event.stream,
    revision: event.revision,
    /** Resume after this event: a webhook's cursor, the event stream's Last-Event-ID. */
    cursor: event.position,
    occurredAt: event.metadata.occurredAt,
    recordedAt: event.metadata.recordedAt,
    organisation: event.metadata.organisation,
    batchKeys: event.metadata.batchKeys ?? [],
    data: event.data,
  };
}

/** `sha256=` and the hex HMAC-SHA256 of the body with the subscription's secret. */
export function signature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

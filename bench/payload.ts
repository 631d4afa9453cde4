import { randomUUID } from 'node:crypto';
import type { NewEvent } from '#event-store';

const GTIN = '03400930000014';

/** A shipment line of about 300 bytes with its metadata, like the register events cannatrace writes most. */
export function shipmentEvent(i: number): NewEvent {
  return {
    type: 'ShipmentDispatched',
    data: {
      shipmentId: `EXP-1~${String(i).padStart(12, '0')}`,
      to: `PH-${i % 50}`,
      lines: [{ gtin: GTIN, lot: `L${i % 1000}`, quantity: 1 + (i % 9) }],
      carrier: 'Transports Sécurisés',
      importAuthorisation: null,
    },
    metadata: {
      actor: '10000000002',
      role: 'exploitant',
      organisation: 'EXP-1',
      occurredAt: '2026-03-01T10:00:00.000Z',
      commandId: randomUUID(),
      correlationId: randomUUID(),
      batchKeys: [`${GTIN}-L${i % 1000}`],
    },
  };
}

/** The same content as one JSON document, for the bare-table limit and the peer. */
export function asJson(event: NewEvent): string {
  return JSON.stringify({ type: event.type, data: event.data, metadata: event.metadata });
}

import { Injectable } from '@nestjs/common';
import { registerStream, type Line, type RegisterEvent } from '../../../../libs/domain/src/index.js';
import type { RecordedEvent } from '../../../../libs/event-store/src/index.js';
import { Streams } from '../commands/streams.js';
import { senderOf } from './shipment-id.js';

type Dispatched = Extract<RegisterEvent, { type: 'ShipmentDispatched' }>['data'];
type Received = Extract<RegisterEvent, { type: 'ShipmentReceived' }>['data'];

export interface ShipmentView {
  shipmentId: string;
  from: string;
  to: string;
  lines: Line[];
  carrier: string | null;
  importAuthorisation: string | null;
  dispatchedAt: string;
  status: 'in_transit' | 'received';
  receipt: (Omit<Received, 'shipmentId' | 'from'> & { receivedAt: string }) | null;
}

/** A shipment as its two registers tell it: the dispatch in the sender's, the receipt in the receiver's. */
@Injectable()
export class ShipmentRecord {
  constructor(private readonly streams: Streams) {}

  async dispatch(shipmentId: string): Promise<(Dispatched & { from: string; dispatchedAt: string }) | undefined> {
    const from = senderOf(shipmentId);
    if (!from) return undefined;
    const event = find(await this.streams.events(registerStream(from)), 'ShipmentDispatched', shipmentId);
    return event ? { ...(event.data as unknown as Dispatched), from, dispatchedAt: event.metadata.occurredAt } : undefined;
  }

  async view(shipmentId: string): Promise<ShipmentView | undefined> {
    const dispatch = await this.dispatch(shipmentId);
    if (!dispatch) return undefined;
    const receipt = find(await this.streams.events(registerStream(dispatch.to)), 'ShipmentReceived', shipmentId);
    const received = receipt?.data as unknown as Received | undefined;
    return {
      shipmentId,
      from: dispatch.from,
      to: dispatch.to,
      lines: dispatch.lines,
      carrier: dispatch.carrier,
      importAuthorisation: dispatch.importAuthorisation,
      dispatchedAt: dispatch.dispatchedAt,
      status: received ? 'received' : 'in_transit',
      receipt: received
        ? { accepted: received.accepted, discrepancies: received.discrepancies, serials: received.serials, receivedAt: receipt!.metadata.occurredAt }
        : null,
    };
  }
}

function find(events: RecordedEvent[], type: RegisterEvent['type'], shipmentId: string): RecordedEvent | undefined {
  return events.find((e) => e.type === type && (e.data as { shipmentId?: string }).shipmentId === shipmentId);
}

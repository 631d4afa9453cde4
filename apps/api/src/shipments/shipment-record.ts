import { Inject, Injectable } from '@nestjs/common';
import {
  addMonths,
  legacyRegisterStream,
  monthOf,
  parisDate,
  registerBookStream,
  registerDecider,
  type Line,
  type Month,
  type RegisterEvent,
  type ShipmentDispatch,
} from '#domain';
import type { RecordedEvent } from '#event-store';
import { CLOCK, type Clock } from '../clock/clock.js';
import { RegisterBooks } from '../shared/streams/register-books.js';
import { Streams } from '../shared/streams/streams.js';
import { parseShipmentId } from './shipment-id.js';

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

export type FoundDispatch = ShipmentDispatch & { from: string; stream: string; month: Month };

/** A shipment as its two registers tell it: the dispatch in the sender's book, the receipt in the receiver's. */
@Injectable()
export class ShipmentRecord {
  constructor(
    private readonly streams: Streams,
    private readonly books: RegisterBooks,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The dispatch, from the state of the one book the id names (folded incrementally, cached). */
  async dispatch(shipmentId: string): Promise<FoundDispatch | undefined> {
    const id = parseShipmentId(shipmentId);
    if (!id) return undefined;
    const stream = id.month === null ? legacyRegisterStream(id.sender) : registerBookStream(id.sender, id.month);
    const { state } = await this.streams.current(stream, registerDecider);
    const dispatch = state.dispatches.get(shipmentId);
    if (!dispatch) return undefined;
    // A legacy dispatch is dated by the book it was carried into (the month before it), or by today.
    const month =
      id.month ??
      (state.book.closed && state.book.nextMonth
        ? addMonths(state.book.nextMonth, -1)
        : monthOf(parisDate(this.clock())));
    return { ...dispatch, from: id.sender, stream, month };
  }

  async view(shipmentId: string): Promise<ShipmentView | undefined> {
    const dispatch = await this.dispatch(shipmentId);
    if (!dispatch) return undefined;
    const dispatched = find(
      await this.streams.events(dispatch.stream),
      'ShipmentDispatched',
      shipmentId,
    ) as RecordedEvent;
    const receiver = await this.books.newest(dispatch.to, monthOf(parisDate(this.clock())));
    const receivedIn = receiver?.state.received.get(shipmentId);
    let receipt: RecordedEvent | undefined;
    if (receivedIn !== undefined) {
      const stream =
        receivedIn === null ? legacyRegisterStream(dispatch.to) : registerBookStream(dispatch.to, receivedIn);
      receipt = find(await this.streams.events(stream), 'ShipmentReceived', shipmentId);
    }
    const received = receipt?.data as unknown as Received | undefined;
    return {
      shipmentId,
      from: dispatch.from,
      to: dispatch.to,
      lines: dispatch.lines,
      carrier: dispatch.carrier,
      importAuthorisation: dispatch.importAuthorisation,
      dispatchedAt: dispatched.metadata.occurredAt,
      status: received ? 'received' : 'in_transit',
      receipt: received
        ? {
            accepted: received.accepted,
            discrepancies: received.discrepancies,
            serials: received.serials,
            receivedAt: receipt!.metadata.occurredAt,
          }
        : null,
    };
  }
}

function find(events: RecordedEvent[], type: RegisterEvent['type'], shipmentId: string): RecordedEvent | undefined {
  return events.find((e) => e.type === type && (e.data as { shipmentId?: string }).shipmentId === shipmentId);
}

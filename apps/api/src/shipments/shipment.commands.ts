import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  batchDecider,
  batchKey,
  batchStream,
  organisationDecider,
  organisationStream,
  parisDate,
  type Arrival,
  type BatchState,
  type Line,
  type RegisterEvent,
} from '#domain';
import type { CommandContext } from '../shared/streams/command-context.js';
import { RegisterBooks, type RegisterCommandResult } from '../shared/streams/register-books.js';
import { Streams } from '../shared/streams/streams.js';
import { shipmentIdFor } from './shipment-id.js';
import { ShipmentRecord } from './shipment-record.js';

export class DispatchShipment extends Command<DispatchResult> {
  constructor(
    readonly data: {
      to: string;
      lines: Line[];
      carrier: string | null;
      importAuthorisation: string | null;
      return?: boolean;
    },
    readonly context: CommandContext,
  ) {
    super();
  }
}

export class ReceiveShipment extends Command<ReceiptResult> {
  constructor(
    readonly shipmentId: string,
    readonly arrival: Arrival,
    readonly context: CommandContext,
  ) {
    super();
  }
}

export type DispatchResult = RegisterCommandResult & { shipmentId: string };

@CommandHandler(DispatchShipment)
export class DispatchShipmentHandler implements ICommandHandler<DispatchShipment> {
  constructor(
    private readonly streams: Streams,
    private readonly books: RegisterBooks,
  ) {}

  async execute({ data, context }: DispatchShipment): Promise<DispatchResult> {
    const sender = context.principal.org;
    const keys = [...new Set(data.lines.map((l) => batchKey(l.gtin, l.lot)))];
    let shipmentId = '';
    const result = await this.books.decide(
      sender,
      async (book) => {
        shipmentId = shipmentIdFor(sender, book.month as string, context.commandId);
        const [batches, senderState, receiver] = await Promise.all([
          Promise.all(keys.map(async (key) => [key, await this.batch(data.lines, key)] as const)),
          this.streams.state(organisationStream(sender), organisationDecider),
          this.streams.state(organisationStream(data.to), organisationDecider),
        ]);
        return {
          type: 'DispatchShipment' as const,
          shipmentId,
          sender: senderState,
          receiver,
          lines: data.lines,
          carrier: data.carrier,
          importAuthorisation: data.importAuthorisation,
          return: data.return === true,
          batches: new Map<string, BatchState>(batches),
          today: parisDate(context.now),
        };
      },
      context,
      keys,
    );
    // A retry answered from the events already written did not run the command: the id is in the dispatch.
    const dispatched = result.events.find((e) => e.type === 'ShipmentDispatched');
    return { ...result, shipmentId: dispatched ? dispatched.data.shipmentId : shipmentId };
  }

  private batch(lines: Line[], key: string): Promise<BatchState> {
    const line = lines.find((l) => batchKey(l.gtin, l.lot) === key) as Line;
    return this.streams.state(batchStream(line.gtin, line.lot), batchDecider);
  }
}

export type ReceiptResult = RegisterCommandResult &
  Pick<Extract<RegisterEvent, { type: 'ShipmentReceived' }>['data'], 'accepted' | 'discrepancies'>;

@CommandHandler(ReceiveShipment)
export class ReceiveShipmentHandler implements ICommandHandler<ReceiveShipment, ReceiptResult> {
  constructor(
    private readonly streams: Streams,
    private readonly books: RegisterBooks,
    private readonly shipments: ShipmentRecord,
  ) {}

  async execute({ shipmentId, arrival, context }: ReceiveShipment): Promise<ReceiptResult> {
    const site = context.principal.org;
    const dispatch = await this.shipments.dispatch(shipmentId);
    const result = await this.books.decide(
      site,
      async () => ({
        type: 'ReceiveShipment' as const,
        site,
        shipmentId,
        dispatch,
        arrival,
        expiries: await this.expiries(dispatch?.lines ?? []),
      }),
      context,
      dispatch ? [...new Set(dispatch.lines.map((l) => batchKey(l.gtin, l.lot)))] : [],
    );
    const [received] = result.events as Extract<RegisterEvent, { type: 'ShipmentReceived' }>[];
    return { ...result, accepted: received.data.accepted, discrepancies: received.data.discrepancies };
  }

  /** The recorded expiry of each shipped batch. */
  private async expiries(lines: Line[]): Promise<Map<string, string>> {
    const batches = await Promise.all(
      lines.map((line) => this.streams.state(batchStream(line.gtin, line.lot), batchDecider)),
    );
    return new Map(
      batches.flatMap((batch) =>
        batch.status === 'registered' ? [[batchKey(batch.gtin, batch.lot), batch.expiresOn] as const] : [],
      ),
    );
  }
}

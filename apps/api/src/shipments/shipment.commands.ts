import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  batchDecider,
  batchKey,
  batchStream,
  organisationDecider,
  organisationStream,
  parisDate,
  registerDecider,
  registerStream,
  type Arrival,
  type BatchState,
  type Line,
  type RegisterEvent,
} from '../../../../libs/domain/src/index.js';
import type { CommandContext } from '../commands/command-context.js';
import { Streams, type CommandResult } from '../commands/streams.js';
import { newShipmentId } from './shipment-id.js';
import { ShipmentRecord } from './shipment-record.js';

export class DispatchShipment {
  constructor(
    readonly data: { to: string; lines: Line[]; carrier: string | null; importAuthorisation: string | null },
    readonly context: CommandContext,
  ) {}
}

export class ReceiveShipment {
  constructor(
    readonly shipmentId: string,
    readonly arrival: Arrival,
    readonly context: CommandContext,
  ) {}
}

export type RegisterCommandResult = CommandResult & { events: RegisterEvent[] };

@CommandHandler(DispatchShipment)
export class DispatchShipmentHandler implements ICommandHandler<DispatchShipment, RegisterCommandResult & { shipmentId: string }> {
  constructor(private readonly streams: Streams) {}

  async execute({ data, context }: DispatchShipment) {
    const sender = context.principal.org;
    const shipmentId = newShipmentId(sender);
    const keys = [...new Set(data.lines.map((l) => batchKey(l.gtin, l.lot)))];
    const result = await this.streams.decide(
      registerStream(sender),
      registerDecider,
      async () => {
        const batches = new Map<string, BatchState>();
        for (const line of data.lines) {
          batches.set(batchKey(line.gtin, line.lot), await this.streams.state(batchStream(line.gtin, line.lot), batchDecider));
        }
        return {
          type: 'DispatchShipment' as const,
          shipmentId,
          sender: await this.streams.state(organisationStream(sender), organisationDecider),
          receiver: await this.streams.state(organisationStream(data.to), organisationDecider),
          lines: data.lines,
          carrier: data.carrier,
          importAuthorisation: data.importAuthorisation,
          batches,
          today: parisDate(context.now),
        };
      },
      context,
      keys,
    );
    return { ...result, shipmentId };
  }
}

export type ReceiptResult = RegisterCommandResult & Pick<Extract<RegisterEvent, { type: 'ShipmentReceived' }>['data'], 'accepted' | 'discrepancies'>;

@CommandHandler(ReceiveShipment)
export class ReceiveShipmentHandler implements ICommandHandler<ReceiveShipment, ReceiptResult> {
  constructor(
    private readonly streams: Streams,
    private readonly shipments: ShipmentRecord,
  ) {}

  async execute({ shipmentId, arrival, context }: ReceiveShipment): Promise<ReceiptResult> {
    const site = context.principal.org;
    const dispatch = await this.shipments.dispatch(shipmentId);
    const result = await this.streams.decide(
      registerStream(site),
      registerDecider,
      () => ({ type: 'ReceiveShipment' as const, site, shipmentId, dispatch, arrival }),
      context,
      dispatch ? [...new Set(dispatch.lines.map((l) => batchKey(l.gtin, l.lot)))] : [],
    );
    const [received] = result.events as Extract<RegisterEvent, { type: 'ShipmentReceived' }>[];
    return { ...result, accepted: received.data.accepted, discrepancies: received.data.discrepancies };
  }
}

import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import {
  batchDecider,
  batchKey,
  batchStream,
  parisDate,
  prescriptionDecider,
  prescriptionStream,
  professionalDecider,
  professionalStream,
  registerDecider,
  registerStream,
} from '../../../../libs/domain/src/index.js';
import type { CommandContext } from '../commands/command-context.js';
import { Streams } from '../commands/streams.js';
import type { RegisterCommandResult } from '../shipments/shipment.commands.js';

export class Dispense {
  constructor(
    readonly prescriptionId: string,
    readonly pack: { gtin: string; lot: string; serial: string | null },
    readonly quantity: number,
    readonly context: CommandContext,
  ) {}
}

/**
 * A dispensation is an exit of the pharmacy's register: it is decided there, so that the fractions of one
 * prescription and the last packs of a batch are counted by one stream, whatever runs at the same time.
 */
@CommandHandler(Dispense)
export class DispenseHandler implements ICommandHandler<Dispense, RegisterCommandResult & { dispensationId: string }> {
  constructor(private readonly streams: Streams) {}

  async execute({ prescriptionId, pack, quantity, context }: Dispense) {
    const site = context.principal.org;
    const dispensationId = randomUUID();
    const result = await this.streams.decide(
      registerStream(site),
      registerDecider,
      async () => ({
        type: 'Dispense' as const,
        site,
        dispensationId,
        prescriptionId,
        prescription: await this.streams.state(prescriptionStream(prescriptionId), prescriptionDecider),
        pharmacist: await this.streams.state(professionalStream(context.principal.sub), professionalDecider),
        pack,
        quantity,
        batch: await this.streams.state(batchStream(pack.gtin, pack.lot), batchDecider),
        today: parisDate(context.now),
      }),
      context,
      [batchKey(pack.gtin, pack.lot)],
    );
    return { ...result, dispensationId };
  }
}

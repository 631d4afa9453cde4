import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  batchDecider,
  batchKey,
  batchStream,
  parisDate,
  prescriptionDecider,
  prescriptionStream,
  professionalDecider,
  professionalStream,
} from '#domain';
import type { CommandContext } from '../commands/command-context.js';
import { nameBasedId } from '../commands/event-ids.js';
import { RegisterBooks } from '../commands/register-books.js';
import { Streams } from '../commands/streams.js';
import type { RegisterCommandResult } from '../shipments/shipment.commands.js';

export class Dispense {
  constructor(
    readonly prescriptionId: string,
    readonly pack: { gtin: string; lot: string; serial: string | null; scannedExpiry?: string },
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
  constructor(
    private readonly streams: Streams,
    private readonly books: RegisterBooks,
  ) {}

  async execute({ prescriptionId, pack, quantity, context }: Dispense) {
    const site = context.principal.org;
    const dispensationId = nameBasedId(`${context.commandId}/dispensation`);
    const result = await this.books.decide(
      site,
      async () => {
        const [prescription, pharmacist, batch] = await Promise.all([
          this.streams.state(prescriptionStream(prescriptionId), prescriptionDecider),
          this.streams.state(professionalStream(context.principal.sub), professionalDecider),
          this.streams.state(batchStream(pack.gtin, pack.lot), batchDecider),
        ]);
        return {
          type: 'Dispense' as const,
          site,
          dispensationId,
          prescriptionId,
          prescription,
          pharmacist,
          pack,
          quantity,
          batch,
          today: parisDate(context.now),
        };
      },
      context,
      [batchKey(pack.gtin, pack.lot)],
    );
    return { ...result, dispensationId };
  }
}

import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
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
import type { CommandContext } from '../shared/streams/command-context.js';
import { nameBasedId } from '../shared/streams/event-ids.js';
import { RegisterBooks, type RegisterCommandResult } from '../shared/streams/register-books.js';
import { Streams } from '../shared/streams/streams.js';

export type DispensationResult = RegisterCommandResult & { dispensationId: string };

export class Dispense extends Command<DispensationResult> {
  constructor(
    readonly prescriptionId: string,
    readonly pack: { gtin: string; lot: string; serial: string | null; scannedExpiry?: string },
    readonly quantity: number,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/**
 * A dispensation is an exit of the pharmacy's register: it is decided there, so that the fractions of one
 * prescription and the last packs of a batch are counted by one stream, whatever runs at the same time.
 */
@CommandHandler(Dispense)
export class DispenseHandler implements ICommandHandler<Dispense> {
  constructor(
    private readonly streams: Streams,
    private readonly books: RegisterBooks,
  ) {}

  async execute({ prescriptionId, pack, quantity, context }: Dispense): Promise<DispensationResult> {
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

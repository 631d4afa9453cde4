import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { batchDecider, batchKey, batchStream } from '#domain';
import type { CommandContext } from '../shared/streams/command-context.js';
import { RegisterBooks, type RegisterCommandResult } from '../shared/streams/register-books.js';
import { Streams } from '../shared/streams/streams.js';

/** The caller's site has read the recall notice of a batch: its packs of it become unusable there. */
export class AcknowledgeRecall extends Command<RegisterCommandResult> {
  constructor(
    readonly gtin: string,
    readonly lot: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** The caller's site has counted its packs of a recalled batch into quarantine. */
export class QuarantineRecalledStock extends Command<RegisterCommandResult> {
  constructor(
    readonly gtin: string,
    readonly lot: string,
    readonly quantity: number,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(AcknowledgeRecall)
export class AcknowledgeRecallHandler implements ICommandHandler<AcknowledgeRecall, RegisterCommandResult> {
  constructor(
    private readonly streams: Streams,
    private readonly books: RegisterBooks,
  ) {}

  execute({ gtin, lot, context }: AcknowledgeRecall): Promise<RegisterCommandResult> {
    return this.books.decide(
      context.principal.org,
      async () => ({
        type: 'AcknowledgeRecall' as const,
        gtin,
        lot,
        batch: await this.streams.state(batchStream(gtin, lot), batchDecider),
        site: context.principal.org,
      }),
      context,
      [batchKey(gtin, lot)],
    );
  }
}

@CommandHandler(QuarantineRecalledStock)
export class QuarantineRecalledStockHandler implements ICommandHandler<QuarantineRecalledStock, RegisterCommandResult> {
  constructor(private readonly books: RegisterBooks) {}

  execute({ gtin, lot, quantity, context }: QuarantineRecalledStock): Promise<RegisterCommandResult> {
    return this.books.decide(
      context.principal.org,
      () => ({ type: 'QuarantineRecalledStock' as const, data: { gtin, lot, quantity } }),
      context,
      [batchKey(gtin, lot)],
    );
  }
}

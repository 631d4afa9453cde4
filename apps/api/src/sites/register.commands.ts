import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { batchKey, professionalDecider, professionalStream, type Line, type RegisterCommand } from '#domain';
import type { CommandContext } from '../shared/streams/command-context.js';
import { RegisterBooks, type RegisterCommandResult } from '../shared/streams/register-books.js';
import { Streams } from '../shared/streams/streams.js';

type LossData = Extract<RegisterCommand, { type: 'DeclareLoss' }>['data'];
type DestructionData = Extract<RegisterCommand, { type: 'DestroyStock' }>['data'];

export class DeclareLoss extends Command<RegisterCommandResult> {
  constructor(
    readonly site: string,
    readonly data: LossData,
    readonly context: CommandContext,
  ) {
    super();
  }
}

export class DestroyStock extends Command<RegisterCommandResult> {
  constructor(
    readonly site: string,
    readonly data: DestructionData,
    readonly context: CommandContext,
  ) {
    super();
  }
}

export class CountInventory extends Command<RegisterCommandResult> {
  constructor(
    readonly site: string,
    readonly countedOn: string,
    readonly counts: Line[],
    readonly context: CommandContext,
  ) {
    super();
  }
}

const batchKeysOf = (lines: Line[]) => [...new Set(lines.map((l) => batchKey(l.gtin, l.lot)))];

@CommandHandler(DeclareLoss)
export class DeclareLossHandler implements ICommandHandler<DeclareLoss> {
  constructor(private readonly books: RegisterBooks) {}

  execute({ site, data, context }: DeclareLoss): Promise<RegisterCommandResult> {
    return this.books.decide(site, () => ({ type: 'DeclareLoss', data }), context, batchKeysOf([data]));
  }
}

/** The witness of a destruction is looked up here: the register checks they are a registered pharmacist. */
@CommandHandler(DestroyStock)
export class DestroyStockHandler implements ICommandHandler<DestroyStock> {
  constructor(
    private readonly streams: Streams,
    private readonly books: RegisterBooks,
  ) {}

  execute({ site, data, context }: DestroyStock): Promise<RegisterCommandResult> {
    return this.books.decide(
      site,
      async () => ({
        type: 'DestroyStock',
        data,
        witness: await this.streams.state(professionalStream(data.witnessRpps), professionalDecider),
        actor: context.principal.sub,
      }),
      context,
      batchKeysOf([data]),
    );
  }
}

@CommandHandler(CountInventory)
export class CountInventoryHandler implements ICommandHandler<CountInventory> {
  constructor(private readonly books: RegisterBooks) {}

  execute({ site, countedOn, counts, context }: CountInventory): Promise<RegisterCommandResult> {
    return this.books.decide(site, () => ({ type: 'CountInventory', countedOn, counts }), context, batchKeysOf(counts));
  }
}

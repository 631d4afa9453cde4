import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { batchKey, professionalDecider, professionalStream, type Line, type RegisterCommand } from '#domain';
import type { CommandContext } from '../commands/command-context.js';
import { RegisterBooks } from '../commands/register-books.js';
import { Streams } from '../commands/streams.js';
import type { RegisterCommandResult } from '../shipments/shipment.commands.js';

type Without<C, K extends string> = C extends unknown ? Omit<C, K> : never;
/** A loss, a destruction or an inventory, as the site sends it; the witness is looked up here. */
export type RegisterOperation = Without<
  Extract<RegisterCommand, { type: 'DeclareLoss' | 'DestroyStock' | 'CountInventory' }>,
  'witness' | 'actor'
>;

export class RecordRegisterOperation {
  constructor(
    readonly site: string,
    readonly operation: RegisterOperation,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(RecordRegisterOperation)
export class RecordRegisterOperationHandler implements ICommandHandler<RecordRegisterOperation, RegisterCommandResult> {
  constructor(
    private readonly streams: Streams,
    private readonly books: RegisterBooks,
  ) {}

  execute({ site, operation, context }: RecordRegisterOperation): Promise<RegisterCommandResult> {
    const lines: Line[] = operation.type === 'CountInventory' ? operation.counts : [operation.data];
    return this.books.decide(
      site,
      async (): Promise<RegisterCommand> =>
        operation.type === 'DestroyStock'
          ? {
              ...operation,
              witness: await this.streams.state(professionalStream(operation.data.witnessRpps), professionalDecider),
              actor: context.principal.sub,
            }
          : operation,
      context,
      [...new Set(lines.map((l) => batchKey(l.gtin, l.lot)))],
    );
  }
}

import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  organisationDecider,
  organisationStream,
  productDecider,
  productStream,
  type AuthoriseProductData,
  type ContaminantLimits,
} from '#domain';
import type { CommandContext } from '../shared/streams/command-context.js';
import { Streams, type CommandResult } from '../shared/streams/streams.js';

export class AuthoriseProduct extends Command<CommandResult> {
  constructor(
    readonly data: AuthoriseProductData,
    readonly context: CommandContext,
  ) {
    super();
  }
}

export class ChangeSpecification extends Command<CommandResult> {
  constructor(
    readonly gtin: string,
    readonly data: { tolerancePercent?: number; limits?: ContaminantLimits; narcotic?: boolean },
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(AuthoriseProduct)
export class AuthoriseProductHandler implements ICommandHandler<AuthoriseProduct, CommandResult> {
  constructor(private readonly streams: Streams) {}

  execute({ data, context }: AuthoriseProduct): Promise<CommandResult> {
    return this.streams.decide(
      productStream(data.gtin),
      productDecider,
      async () => ({
        type: 'AuthoriseProduct' as const,
        data,
        supplier: await this.streams.state(organisationStream(data.supplierId), organisationDecider),
        exploitant: await this.streams.state(organisationStream(data.exploitantId), organisationDecider),
      }),
      context,
    );
  }
}

@CommandHandler(ChangeSpecification)
export class ChangeSpecificationHandler implements ICommandHandler<ChangeSpecification, CommandResult> {
  constructor(private readonly streams: Streams) {}

  execute({ gtin, data, context }: ChangeSpecification): Promise<CommandResult> {
    return this.streams.decide(
      productStream(gtin),
      productDecider,
      () => ({ type: 'ChangeSpecification' as const, data }),
      context,
    );
  }
}

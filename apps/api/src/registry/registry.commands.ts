import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  organisationDecider,
  organisationStream,
  professionalDecider,
  professionalStream,
  type OrganisationDetails,
  type ProfessionalDetails,
} from '#domain';
import type { CommandContext } from '../shared/streams/command-context.js';
import { Streams, type CommandResult } from '../shared/streams/streams.js';

export class RegisterOrganisation extends Command<CommandResult> {
  constructor(
    readonly data: OrganisationDetails,
    readonly context: CommandContext,
  ) {
    super();
  }
}

export class RegisterProfessional extends Command<CommandResult> {
  constructor(
    readonly data: ProfessionalDetails,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(RegisterOrganisation)
export class RegisterOrganisationHandler implements ICommandHandler<RegisterOrganisation, CommandResult> {
  constructor(private readonly streams: Streams) {}

  execute({ data, context }: RegisterOrganisation): Promise<CommandResult> {
    return this.streams.decide(
      organisationStream(data.id),
      organisationDecider,
      () => ({ type: 'RegisterOrganisation' as const, data }),
      context,
    );
  }
}

@CommandHandler(RegisterProfessional)
export class RegisterProfessionalHandler implements ICommandHandler<RegisterProfessional, CommandResult> {
  constructor(private readonly streams: Streams) {}

  execute({ data, context }: RegisterProfessional): Promise<CommandResult> {
    return this.streams.decide(
      professionalStream(data.rpps),
      professionalDecider,
      async () => ({
        type: 'RegisterProfessional' as const,
        data,
        organisation: await this.streams.state(organisationStream(data.organisationId), organisationDecider),
      }),
      context,
    );
  }
}

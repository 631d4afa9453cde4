import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  organisationDecider,
  organisationStream,
  professionalDecider,
  professionalStream,
  type OrganisationDetails,
  type ProfessionalDetails,
} from '#domain';
import type { CommandContext } from '../commands/command-context.js';
import { Streams, type CommandResult } from '../commands/streams.js';

export class RegisterOrganisation {
  constructor(
    readonly data: OrganisationDetails,
    readonly context: CommandContext,
  ) {}
}

export class RegisterProfessional {
  constructor(
    readonly data: ProfessionalDetails,
    readonly context: CommandContext,
  ) {}
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

import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  indicationDecider,
  indicationStream,
  professionalDecider,
  professionalStream,
  type Indication,
  type IndicationEvent,
} from '#domain';
import type { CommandContext } from '../shared/streams/command-context.js';
import { Streams, type CommandResult } from '../shared/streams/streams.js';
import { issuedPseudonym } from './issued-pseudonym.js';

export class IncludePatient extends Command<InclusionResult> {
  constructor(
    readonly data: { indication: Indication; includedOn: string; consent: boolean },
    readonly context: CommandContext,
  ) {
    super();
  }
}

export class SetInclusionCap extends Command<CommandResult> {
  constructor(
    readonly indication: Indication,
    readonly cap: number,
    readonly context: CommandContext,
  ) {
    super();
  }
}

export type InclusionResult = CommandResult & { patientId: string; attestationNumber: string };

@CommandHandler(IncludePatient)
export class IncludePatientHandler implements ICommandHandler<IncludePatient, InclusionResult> {
  constructor(private readonly streams: Streams) {}

  async execute({ data, context }: IncludePatient): Promise<InclusionResult> {
    const result = await this.streams.decide(
      indicationStream(data.indication),
      indicationDecider,
      async () => ({
        type: 'IncludePatient' as const,
        ...data,
        patientId: issuedPseudonym(context.commandId),
        prescriber: await this.streams.state(professionalStream(context.principal.sub), professionalDecider),
        prescriberRpps: context.principal.sub,
        organisation: context.principal.org,
      }),
      context,
    );
    const [included] = result.events as Extract<IndicationEvent, { type: 'PatientIncluded' }>[];
    return { ...result, patientId: included.data.patientId, attestationNumber: included.data.attestationNumber };
  }
}

@CommandHandler(SetInclusionCap)
export class SetInclusionCapHandler implements ICommandHandler<SetInclusionCap, CommandResult> {
  constructor(private readonly streams: Streams) {}

  execute({ indication, cap, context }: SetInclusionCap): Promise<CommandResult> {
    return this.streams.decide(
      indicationStream(indication),
      indicationDecider,
      () => ({ type: 'SetInclusionCap' as const, indication, cap }),
      context,
    );
  }
}

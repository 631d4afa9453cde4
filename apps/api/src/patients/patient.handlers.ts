import { CommandHandler, IQueryHandler, QueryHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  capOf,
  INDICATIONS,
  indicationDecider,
  indicationStream,
  professionalDecider,
  professionalStream,
  type Indication,
  type IndicationEvent,
} from '#domain';
import type { CommandContext } from '../commands/command-context.js';
import { Streams, type CommandResult } from '../commands/streams.js';
import { issuedPseudonym } from './issued-pseudonym.js';

export class IncludePatient {
  constructor(
    readonly data: { indication: Indication; includedOn: string; consent: boolean },
    readonly context: CommandContext,
  ) {}
}

export class SetInclusionCap {
  constructor(
    readonly indication: Indication,
    readonly cap: number,
    readonly context: CommandContext,
  ) {}
}

export class ListIndications {}

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

@QueryHandler(ListIndications)
export class ListIndicationsHandler implements IQueryHandler<ListIndications> {
  constructor(private readonly streams: Streams) {}

  async execute() {
    return Promise.all(
      INDICATIONS.map(async (indication) => {
        const state = await this.streams.state(indicationStream(indication), indicationDecider);
        return { indication, cap: capOf(indication, state), included: state.patients.size };
      }),
    );
  }
}

import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  indicationDecider,
  indicationStream,
  organisationDecider,
  organisationStream,
  parisDate,
  prescriptionDecider,
  prescriptionStream,
  productDecider,
  productStream,
  professionalDecider,
  professionalStream,
  type PrescriptionDetails,
} from '#domain';
import type { CommandContext } from '../shared/streams/command-context.js';
import { Streams, type CommandResult } from '../shared/streams/streams.js';

export class IssuePrescription extends Command<CommandResult> {
  constructor(
    readonly data: PrescriptionDetails,
    readonly context: CommandContext,
  ) {
    super();
  }
}

export class CancelPrescription extends Command<CommandResult> {
  constructor(
    readonly prescriptionId: string,
    readonly reason: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(IssuePrescription)
export class IssuePrescriptionHandler implements ICommandHandler<IssuePrescription, CommandResult> {
  constructor(private readonly streams: Streams) {}

  execute({ data, context }: IssuePrescription): Promise<CommandResult> {
    return this.streams.decide(
      prescriptionStream(data.securePrescriptionNumber),
      prescriptionDecider,
      async () => {
        const [prescriber, inclusions, renewed, product, pharmacy] = await Promise.all([
          this.streams.state(professionalStream(context.principal.sub), professionalDecider),
          this.streams.state(indicationStream(data.indication), indicationDecider),
          data.renewalOf === null
            ? undefined
            : this.streams.state(prescriptionStream(data.renewalOf), prescriptionDecider),
          this.streams.state(productStream(data.gtin), productDecider),
          this.streams.state(organisationStream(data.pharmacyId), organisationDecider),
        ]);
        return {
          type: 'IssuePrescription' as const,
          data,
          prescriber,
          prescriberRpps: context.principal.sub,
          organisation: context.principal.org,
          inclusions,
          renewed,
          product,
          pharmacy,
          today: parisDate(context.now),
        };
      },
      context,
    );
  }
}

@CommandHandler(CancelPrescription)
export class CancelPrescriptionHandler implements ICommandHandler<CancelPrescription, CommandResult> {
  constructor(private readonly streams: Streams) {}

  execute({ prescriptionId, reason, context }: CancelPrescription): Promise<CommandResult> {
    return this.streams.decide(
      prescriptionStream(prescriptionId),
      prescriptionDecider,
      () => ({ type: 'CancelPrescription' as const, reason, prescriberRpps: context.principal.sub }),
      context,
    );
  }
}

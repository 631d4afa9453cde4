import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  FOLLOW_UP_SCHEDULE_STREAM,
  followUpDecider,
  followUpStream,
  indicationDecider,
  indicationStream,
  parisDate,
  professionalDecider,
  professionalStream,
  recordedConsultation,
  scheduleDecider,
  type ConsultationDetails,
  type FollowUpCommand,
  type LongConsultationSchedule,
} from '#domain';
import type { CommandContext } from '../shared/streams/command-context.js';
import { nameBasedId } from '../shared/streams/event-ids.js';
import { Streams, type CommandResult } from '../shared/streams/streams.js';

export class RecordConsultation extends Command<ConsultationResult> {
  constructor(
    readonly data: Omit<ConsultationDetails, 'consultationId'>,
    readonly context: CommandContext,
  ) {
    super();
  }
}

export class SetLongConsultationSchedule extends Command<CommandResult> {
  constructor(
    readonly schedule: LongConsultationSchedule,
    readonly context: CommandContext,
  ) {
    super();
  }
}

export type ConsultationResult = CommandResult & { consultationId: string };

/**
 * A consultation is appended to the patient's follow-up stream. A stop is first written on the indication's
 * stream, where the cap and the stops are decided: the place is freed and no prescription follows, even should
 * the consultation's own append never come (a client retrying with the same Idempotency-Key completes it).
 */
@CommandHandler(RecordConsultation)
export class RecordConsultationHandler implements ICommandHandler<RecordConsultation, ConsultationResult> {
  constructor(private readonly streams: Streams) {}

  async execute({ data, context }: RecordConsultation): Promise<ConsultationResult> {
    const consultationId = nameBasedId(`${context.commandId}/consultation`);
    const details: ConsultationDetails = { consultationId, ...data };
    const consultation = async (): Promise<FollowUpCommand> => {
      const [prescriber, inclusions] = await Promise.all([
        this.streams.state(professionalStream(context.principal.sub), professionalDecider),
        this.streams.state(indicationStream(data.indication), indicationDecider),
      ]);
      return {
        type: 'RecordConsultation',
        data: details,
        prescriber,
        prescriberRpps: context.principal.sub,
        organisation: context.principal.org,
        inclusions,
        today: parisDate(context.now),
      };
    };
    if (data.decision === 'stop') {
      await this.streams.decide(
        indicationStream(data.indication),
        indicationDecider,
        async () => {
          // Every rule of the consultation holds before the stop is written: a refused one writes nothing.
          recordedConsultation(await consultation());
          return {
            type: 'StopTreatment' as const,
            indication: data.indication,
            patientId: data.patientId,
            stoppedOn: data.consultedOn,
            reason: data.stopReason,
            consultationId,
          };
        },
        // Its own command id, derived from the consultation's: a retry finds the stop it wrote.
        { ...context, commandId: `${context.commandId}/stop` },
      );
    }
    const result = await this.streams.decide(followUpStream(data.patientId), followUpDecider, consultation, context);
    return { ...result, consultationId };
  }
}

@CommandHandler(SetLongConsultationSchedule)
export class SetLongConsultationScheduleHandler implements ICommandHandler<SetLongConsultationSchedule, CommandResult> {
  constructor(private readonly streams: Streams) {}

  execute({ schedule, context }: SetLongConsultationSchedule): Promise<CommandResult> {
    return this.streams.decide(
      FOLLOW_UP_SCHEDULE_STREAM,
      scheduleDecider,
      () => ({ type: 'SetLongConsultationSchedule' as const, schedule }),
      context,
    );
  }
}

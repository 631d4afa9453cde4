import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  batchDecider,
  batchKey,
  batchStream,
  eventVersions,
  parisDate,
  productDecider,
  productStream,
  recallHolders,
  type Analysis,
  type AnalysisFailure,
  type BatchCommand,
  type BatchEvent,
  type BatchRegistration,
  type InvestigationReport,
} from '#domain';
import { EVENT_STORE, type EventStore } from '#event-store';
import type { CommandContext } from '../shared/streams/command-context.js';
import { Streams, type CommandResult } from '../shared/streams/streams.js';

export interface BatchCommandResult extends CommandResult {
  events: BatchEvent[];
}

export class RegisterBatch extends Command<BatchCommandResult> {
  constructor(
    readonly data: BatchRegistration,
    readonly context: CommandContext,
  ) {
    super();
  }
}

export class RecordAnalysis extends Command<BatchCommandResult> {
  constructor(
    readonly gtin: string,
    readonly lot: string,
    readonly data: Analysis,
    readonly context: CommandContext,
  ) {
    super();
  }
}

export class ReleaseBatch extends Command<BatchCommandResult> {
  constructor(
    readonly gtin: string,
    readonly lot: string,
    readonly data: { qualifiedPerson: string },
    readonly context: CommandContext,
  ) {
    super();
  }
}

export class ReportInvestigation extends Command<BatchCommandResult> {
  constructor(
    readonly gtin: string,
    readonly lot: string,
    readonly data: InvestigationReport,
    readonly context: CommandContext,
  ) {
    super();
  }
}

export class PutBatchOnHold extends Command<BatchCommandResult> {
  constructor(
    readonly gtin: string,
    readonly lot: string,
    readonly data: { reason: string },
    readonly context: CommandContext,
  ) {
    super();
  }
}

export class LiftBatchHold extends Command<BatchCommandResult> {
  constructor(
    readonly gtin: string,
    readonly lot: string,
    readonly data: { reason: string },
    readonly context: CommandContext,
  ) {
    super();
  }
}

export class RecallBatch extends Command<BatchCommandResult> {
  constructor(
    readonly gtin: string,
    readonly lot: string,
    readonly data: { reason: string },
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** Every batch command is decided on the batch's stream, and its events carry the batch's key. */
function decideOnBatch(
  streams: Streams,
  gtin: string,
  lot: string,
  command: () => BatchCommand | Promise<BatchCommand>,
  context: CommandContext,
): Promise<BatchCommandResult> {
  return streams.decide(batchStream(gtin, lot), batchDecider, command, context, [batchKey(gtin, lot)]);
}

const actorOf = (context: CommandContext) => ({ role: context.principal.role, organisation: context.principal.org });

@CommandHandler(RegisterBatch)
export class RegisterBatchHandler implements ICommandHandler<RegisterBatch> {
  constructor(private readonly streams: Streams) {}

  execute({ data, context }: RegisterBatch): Promise<BatchCommandResult> {
    return decideOnBatch(
      this.streams,
      data.gtin,
      data.lot,
      async () => ({
        type: 'RegisterBatch',
        data,
        actor: actorOf(context),
        product: await this.streams.state(productStream(data.gtin), productDecider),
      }),
      context,
    );
  }
}

@CommandHandler(RecordAnalysis)
export class RecordAnalysisHandler implements ICommandHandler<RecordAnalysis> {
  constructor(private readonly streams: Streams) {}

  execute({ gtin, lot, data, context }: RecordAnalysis): Promise<BatchCommandResult> {
    return decideOnBatch(
      this.streams,
      gtin,
      lot,
      async () => ({
        type: 'RecordAnalysis',
        data,
        actor: actorOf(context),
        product: await this.streams.state(productStream(gtin), productDecider),
      }),
      context,
    );
  }
}

@CommandHandler(ReleaseBatch)
export class ReleaseBatchHandler implements ICommandHandler<ReleaseBatch> {
  constructor(private readonly streams: Streams) {}

  execute({ gtin, lot, data, context }: ReleaseBatch): Promise<BatchCommandResult> {
    return decideOnBatch(
      this.streams,
      gtin,
      lot,
      () => ({ type: 'ReleaseBatch', data, actor: actorOf(context), today: parisDate(context.now) }),
      context,
    );
  }
}

@CommandHandler(ReportInvestigation)
export class ReportInvestigationHandler implements ICommandHandler<ReportInvestigation> {
  constructor(private readonly streams: Streams) {}

  execute({ gtin, lot, data, context }: ReportInvestigation): Promise<BatchCommandResult> {
    return decideOnBatch(
      this.streams,
      gtin,
      lot,
      () => ({ type: 'ReportInvestigation', data, actor: actorOf(context) }),
      context,
    );
  }
}

@CommandHandler(PutBatchOnHold)
export class PutBatchOnHoldHandler implements ICommandHandler<PutBatchOnHold> {
  constructor(private readonly streams: Streams) {}

  execute({ gtin, lot, data, context }: PutBatchOnHold): Promise<BatchCommandResult> {
    return decideOnBatch(this.streams, gtin, lot, () => ({ type: 'PutBatchOnHold', data }), context);
  }
}

@CommandHandler(LiftBatchHold)
export class LiftBatchHoldHandler implements ICommandHandler<LiftBatchHold> {
  constructor(private readonly streams: Streams) {}

  execute({ gtin, lot, data, context }: LiftBatchHold): Promise<BatchCommandResult> {
    return decideOnBatch(this.streams, gtin, lot, () => ({ type: 'LiftBatchHold', data }), context);
  }
}

@CommandHandler(RecallBatch)
export class RecallBatchHandler implements ICommandHandler<RecallBatch> {
  constructor(
    private readonly streams: Streams,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  execute({ gtin, lot, data, context }: RecallBatch): Promise<BatchCommandResult> {
    return decideOnBatch(
      this.streams,
      gtin,
      lot,
      async () => ({ type: 'RecallBatch', data, holders: await this.holders(gtin, lot) }),
      context,
    );
  }

  /** The sites holding packs, from every event of the batch: each is notified of its recall. */
  private async holders(gtin: string, lot: string): Promise<{ organisationId: string; onHand: number }[]> {
    const events = (await this.store.readByBatchKey(batchKey(gtin, lot))).map((e) => eventVersions.upcast(e));
    return recallHolders(gtin, lot, events);
  }
}

/** The assessment of an analysis just recorded. */
export function assessmentOf(events: BatchEvent[]): { conformant: boolean; failures: AnalysisFailure[] } {
  const recorded = events.find((e) => e.type === 'AnalysisRecorded');
  if (!recorded || recorded.type !== 'AnalysisRecorded') throw new Error('no analysis was recorded');
  return { conformant: recorded.data.conformant, failures: recorded.data.failures };
}

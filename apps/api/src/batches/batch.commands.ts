import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  batchDecider,
  batchKey,
  batchStream,
  parisDate,
  productDecider,
  productStream,
  traceBatch,
  type AnalysisFailure,
  type BatchCommand,
  type BatchEvent,
} from '#domain';
import { EVENT_STORE, type EventStore } from '#event-store';
import type { CommandContext } from '../commands/command-context.js';
import { Streams, type CommandResult } from '../commands/streams.js';

type Without<C, K extends string> = C extends unknown ? Omit<C, K> : never;
/** A batch command as the API receives it; what it needs from other streams is read by the handler. */
export type BatchRequest = Without<BatchCommand, 'product' | 'actor' | 'today' | 'holders'>;

export class ExecuteBatchCommand {
  constructor(
    readonly gtin: string,
    readonly lot: string,
    readonly request: BatchRequest,
    readonly context: CommandContext,
  ) {}
}

export interface BatchCommandResult extends CommandResult {
  events: BatchEvent[];
}

/** One handler for every batch command: they read the same streams and append to the same one. */
@CommandHandler(ExecuteBatchCommand)
export class BatchCommandHandler implements ICommandHandler<ExecuteBatchCommand, BatchCommandResult> {
  constructor(
    private readonly streams: Streams,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  execute({ gtin, lot, request, context }: ExecuteBatchCommand): Promise<BatchCommandResult> {
    const actor = { role: context.principal.role, organisation: context.principal.org };
    return this.streams.decide(
      batchStream(gtin, lot),
      batchDecider,
      async (): Promise<BatchCommand> => {
        switch (request.type) {
          case 'RegisterBatch':
          case 'RecordAnalysis':
            return {
              ...request,
              actor,
              product: await this.streams.state(productStream(gtin), productDecider),
            } as BatchCommand;
          case 'ReleaseBatch':
            return { ...request, actor, today: parisDate(context.now) };
          case 'RecallBatch':
            return { ...request, holders: await this.holders(gtin, lot) };
          default:
            return request;
        }
      },
      context,
      [batchKey(gtin, lot)],
    );
  }

  /** The sites holding packs, from every event of the batch: each is notified of its recall. */
  private async holders(gtin: string, lot: string): Promise<{ organisationId: string; onHand: number }[]> {
    const trace = traceBatch(gtin, lot, await this.store.readByBatchKey(batchKey(gtin, lot)));
    return trace.sites.map(({ organisationId, onHand }) => ({ organisationId, onHand }));
  }
}

/** The assessment of an analysis just recorded. */
export function assessmentOf(events: BatchEvent[]): { conformant: boolean; failures: AnalysisFailure[] } {
  const recorded = events.find((e) => e.type === 'AnalysisRecorded');
  if (!recorded || recorded.type !== 'AnalysisRecorded') throw new Error('no analysis was recorded');
  return { conformant: recorded.data.conformant, failures: recorded.data.failures };
}

import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import {
  batchDecider,
  batchKey,
  batchStream,
  DomainError,
  notFound,
  organisationDecider,
  organisationStream,
  parisDate,
  subjectsOf,
  VIGILANCE_THRESHOLDS_STREAM,
  vigilanceReportDecider,
  vigilanceReportStream,
  vigilanceSignalDecider,
  vigilanceSignalStream,
  vigilanceSubjectKey,
  vigilanceThresholdDecider,
  type BatchRef,
  type Outcome,
  type VigilanceCorrection,
  type VigilanceDeclaration,
  type VigilanceReporter,
  type VigilanceThreshold,
} from '#domain';
import { BatchRow } from '#read-models';
import type { CommandContext } from '../shared/streams/command-context.js';
import { nameBasedId } from '../shared/streams/event-ids.js';
import { commandAnswer, Streams, type CommandResult } from '../shared/streams/streams.js';
import { PatientCare } from './patient-care.js';
import { VigilanceSignals } from './vigilance-signals.js';

export interface VigilanceReportResult extends CommandResult {
  reportId: string;
  /** Signals this command raised (or found raised) with the report among their reports. */
  signals: string[];
}

export class FileVigilanceReport extends Command<VigilanceReportResult> {
  constructor(
    readonly declaration: VigilanceDeclaration,
    readonly context: CommandContext,
  ) {
    super();
  }
}

export class CorrectVigilanceReport extends Command<VigilanceReportResult> {
  constructor(
    readonly reportId: string,
    readonly changes: VigilanceCorrection,
    readonly reason: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}

export class AddVigilanceFollowUp extends Command<VigilanceReportResult> {
  constructor(
    readonly reportId: string,
    readonly followUp: { outcome?: Outcome; narrative: string },
    readonly context: CommandContext,
  ) {
    super();
  }
}

export class SetVigilanceThreshold extends Command<CommandResult> {
  constructor(
    readonly threshold: VigilanceThreshold,
    readonly context: CommandContext,
  ) {
    super();
  }
}

export interface SignalHoldResult {
  signalId: string;
  batches: ({ gtin: string; lot: string } & (({ held: true } & CommandResult) | { held: false; rule: string }))[];
}

/** ANSM's one click on a signal: its batch, or every released batch of its product, put on hold. */
export class HoldSignalledBatches extends Command<SignalHoldResult> {
  constructor(
    readonly signalId: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** A report's events are indexed under each of its subjects' keys: a subject's reports are read back by them. */
const subjectKeys = (report: { batches: BatchRef[]; products: string[] }) =>
  subjectsOf(report).map(vigilanceSubjectKey);

@CommandHandler(FileVigilanceReport)
export class FileVigilanceReportHandler implements ICommandHandler<FileVigilanceReport, VigilanceReportResult> {
  constructor(
    private readonly streams: Streams,
    private readonly care: PatientCare,
    private readonly signals: VigilanceSignals,
  ) {}

  async execute({ declaration, context }: FileVigilanceReport): Promise<VigilanceReportResult> {
    const { principal } = context;
    const reportId = nameBasedId(`${context.commandId}/vigilance-report`);
    const reporter: VigilanceReporter = {
      role: principal.role as VigilanceReporter['role'],
      rpps: principal.sub,
      organisationId: principal.org,
    };
    const { batches, pharmacies } = await this.care.dispensed(declaration.patientId);
    const inCare = await this.care.inCare(principal, declaration.patientId, pharmacies);
    const products = [...new Set(batches.map((b) => b.gtin))];
    const result = await this.streams.decide(
      vigilanceReportStream(reportId),
      vigilanceReportDecider,
      async () => ({
        type: 'FileVigilanceReport' as const,
        reportId,
        declaration,
        reporter,
        organisation: await this.streams.state(organisationStream(principal.org), organisationDecider),
        inCare,
        dispensed: batches,
        today: parisDate(context.now),
      }),
      context,
      subjectKeys({ batches, products }),
    );
    const filed = result.events.find((e) => e.type === 'VigilanceReportFiled');
    if (filed?.type !== 'VigilanceReportFiled') throw new Error('no report was filed');
    return { ...commandAnswer(result), reportId, signals: await this.signals.raiseFor(filed.data, context) };
  }
}

@CommandHandler(CorrectVigilanceReport)
export class CorrectVigilanceReportHandler implements ICommandHandler<CorrectVigilanceReport, VigilanceReportResult> {
  constructor(
    private readonly streams: Streams,
    private readonly signals: VigilanceSignals,
  ) {}

  async execute({ reportId, changes, reason, context }: CorrectVigilanceReport): Promise<VigilanceReportResult> {
    const stream = vigilanceReportStream(reportId);
    // The subjects never change: the filing names them, and a correction is indexed under the same keys.
    const report = await this.streams.state(stream, vigilanceReportDecider);
    const keys = report.status === 'filed' ? subjectKeys(report) : [];
    const result = await this.streams.decide(
      stream,
      vigilanceReportDecider,
      () => ({
        type: 'CorrectVigilanceReport' as const,
        reportId,
        changes,
        reason,
        by: { rpps: context.principal.sub },
      }),
      context,
      keys,
    );
    const signals = report.status === 'filed' ? await this.signals.raiseFor(report, context) : [];
    return { ...commandAnswer(result), reportId, signals };
  }
}

@CommandHandler(AddVigilanceFollowUp)
export class AddVigilanceFollowUpHandler implements ICommandHandler<AddVigilanceFollowUp, VigilanceReportResult> {
  constructor(private readonly streams: Streams) {}

  async execute({ reportId, followUp, context }: AddVigilanceFollowUp): Promise<VigilanceReportResult> {
    const result = await this.streams.decide(
      vigilanceReportStream(reportId),
      vigilanceReportDecider,
      () => ({
        type: 'AddVigilanceFollowUp' as const,
        reportId,
        ...followUp,
        by: { rpps: context.principal.sub },
        today: parisDate(context.now),
      }),
      context,
    );
    return { ...commandAnswer(result), reportId, signals: [] };
  }
}

@CommandHandler(SetVigilanceThreshold)
export class SetVigilanceThresholdHandler implements ICommandHandler<SetVigilanceThreshold, CommandResult> {
  constructor(private readonly streams: Streams) {}

  async execute({ threshold, context }: SetVigilanceThreshold): Promise<CommandResult> {
    const result = await this.streams.decide(
      VIGILANCE_THRESHOLDS_STREAM,
      vigilanceThresholdDecider,
      () => ({ type: 'SetVigilanceThreshold' as const, threshold }),
      context,
    );
    return commandAnswer(result);
  }
}

/** Why a batch could not be put on hold (already on hold, recalled): the others are still held. */
const NOT_HELD = new Set(['batch_on_hold', 'batch_recalled']);

@CommandHandler(HoldSignalledBatches)
export class HoldSignalledBatchesHandler implements ICommandHandler<HoldSignalledBatches, SignalHoldResult> {
  constructor(
    private readonly streams: Streams,
    private readonly readModels: DataSource,
  ) {}

  async execute({ signalId, context }: HoldSignalledBatches): Promise<SignalHoldResult> {
    const signal = await this.streams.state(vigilanceSignalStream(signalId), vigilanceSignalDecider);
    if (signal.status !== 'raised') throw notFound('vigilance_signal_unknown', `no vigilance signal ${signalId}`);
    const { subject } = signal;
    const targets =
      subject.kind === 'batch'
        ? [{ gtin: subject.gtin, lot: subject.lot }]
        : await this.readModels.getRepository(BatchRow).find({
            select: { gtin: true, lot: true },
            where: { gtin: subject.gtin, released: true, recalled: false },
            order: { lot: 'ASC' },
          });
    const batches: SignalHoldResult['batches'] = [];
    for (const { gtin, lot } of targets) {
      // One hold per batch and signal, its id derived from both: a second click finds the hold it made.
      const hold = { ...context, commandId: nameBasedId(`${signalId}/hold/${gtin}/${lot}`), retried: true };
      try {
        const result = await this.streams.decide(
          batchStream(gtin, lot),
          batchDecider,
          () => ({ type: 'PutBatchOnHold' as const, data: { reason: `vigilance signal ${signalId}` } }),
          hold,
          [batchKey(gtin, lot)],
        );
        batches.push({ gtin, lot, held: true, ...commandAnswer(result) });
      } catch (error) {
        if (!(error instanceof DomainError) || !NOT_HELD.has(error.rule)) throw error;
        batches.push({ gtin, lot, held: false, rule: error.rule });
      }
    }
    return { signalId, batches };
  }
}

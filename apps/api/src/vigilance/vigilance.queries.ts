import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import type { Principal } from '#auth';
import {
  eventVersions,
  notFound,
  VIGILANCE_THRESHOLDS_STREAM,
  vigilanceReportStream,
  vigilanceSignalDecider,
  vigilanceSignalStream,
  vigilanceThresholdDecider,
  type BatchTrace,
  type VigilanceReportEvent,
  type VigilanceReportFiled,
  type VigilanceSignalRaised,
  type VigilanceThreshold,
} from '#domain';
import { EVENT_STORE, type EventStore } from '#event-store';
import { VigilanceReportRow, VigilanceSignalRow } from '#read-models';
import { Streams } from '../shared/streams/streams.js';
import { GetBatchTrace } from '../trace/trace.queries.js';
import { PatientCare } from './patient-care.js';

/** Lists answer the newest 500, like the other lists. */
const LIST_LIMIT = 500;

export type VigilanceReportSummary = Omit<
  VigilanceReportRow,
  'globalOrder' | 'reporterRole' | 'reporterRpps' | 'reporterOrganisation'
> & {
  reporter: { role: string; rpps: string; organisationId: string };
};

export interface VigilanceReportView extends VigilanceReportFiled {
  corrections: { changes: Record<string, unknown>; reason: string; recordedAt: string }[];
  followUps: { outcome?: string; narrative: string; addedOn: string }[];
}

export class ListVigilanceReports {
  constructor(readonly principal: Principal) {}
}

/** Reports by role (read model, no free text): ANSM all; a pharmacist those it filed; a prescriber its patients'. */
@QueryHandler(ListVigilanceReports)
export class ListVigilanceReportsHandler implements IQueryHandler<ListVigilanceReports, VigilanceReportSummary[]> {
  constructor(private readonly readModels: DataSource) {}

  async execute({ principal }: ListVigilanceReports): Promise<VigilanceReportSummary[]> {
    const query = this.readModels
      .getRepository(VigilanceReportRow)
      .createQueryBuilder('r')
      .select(['r.report_id AS "reportId"', 'r.kind AS kind', 'r.seriousness AS seriousness', 'r.outcome AS outcome'])
      .addSelect(['r.patient_id AS "patientId"', 'r.region AS region', 'r.centre AS centre'])
      .addSelect(['r.reporter_role AS "reporterRole"', 'r.reporter_rpps AS "reporterRpps"'])
      .addSelect([
        'r.reporter_organisation AS "reporterOrganisation"',
        'r.batches AS batches',
        'r.products AS products',
      ])
      .addSelect(['r.follow_ups AS "followUps"', 'r.corrections AS corrections'])
      .addSelect(['r.onset_on::text AS "onsetOn"', 'r.filed_on::text AS "filedOn"'])
      .orderBy('r.global_order', 'DESC')
      .limit(LIST_LIMIT);
    if (principal.role === 'pharmacist') query.where('r.reporter_rpps = :rpps', { rpps: principal.sub });
    if (principal.role === 'prescriber') {
      query.where(
        `r.reporter_rpps = :rpps OR r.patient_id IN
           (SELECT p.patient_id FROM rm_prescriptions p WHERE p.prescriber_rpps = :rpps)`,
        { rpps: principal.sub },
      );
    }
    const rows = await query.getRawMany<Omit<VigilanceReportRow, 'globalOrder'>>();
    return rows.map(({ reporterRole, reporterRpps, reporterOrganisation, ...rest }) => ({
      ...rest,
      reporter: { role: reporterRole, rpps: reporterRpps, organisationId: reporterOrganisation },
    }));
  }
}

export class GetVigilanceReport {
  constructor(
    readonly reportId: string,
    readonly principal: Principal,
  ) {}
}

/**
 * One report with its narrative, corrections and follow-ups, folded from its own stream (exact, whatever the read
 * models' lag). Who may not read it gets 404, as for a report that does not exist.
 */
@QueryHandler(GetVigilanceReport)
export class GetVigilanceReportHandler implements IQueryHandler<GetVigilanceReport, VigilanceReportView> {
  constructor(
    private readonly streams: Streams,
    private readonly care: PatientCare,
  ) {}

  async execute({ reportId, principal }: GetVigilanceReport): Promise<VigilanceReportView> {
    const report = await readReport(this.streams, reportId);
    const mayRead =
      report !== undefined &&
      (principal.role === 'ansm' ||
        report.reporter.rpps === principal.sub ||
        (principal.role === 'prescriber' && (await this.care.prescribedBy(report.patientId, principal.sub))));
    if (!report || !mayRead) throw notFound('vigilance_report_unknown', `no vigilance report ${reportId} you may read`);
    return report;
  }
}

/** A report as it stands, from its stream: the filing, each correction applied, each follow-up. */
export async function readReport(streams: Streams, reportId: string): Promise<VigilanceReportView | undefined> {
  const events = await streams.events(vigilanceReportStream(reportId));
  let report: VigilanceReportView | undefined;
  for (const recorded of events) {
    const event = { type: recorded.type, data: recorded.data } as VigilanceReportEvent;
    if (event.type === 'VigilanceReportFiled') report = { ...event.data, corrections: [], followUps: [] };
    else if (!report) continue;
    else if (event.type === 'VigilanceReportCorrected') {
      Object.assign(report, event.data.changes);
      report.corrections.push({
        changes: event.data.changes,
        reason: event.data.reason,
        recordedAt: recorded.metadata.occurredAt as string,
      });
    } else {
      if (event.data.outcome !== undefined) report.outcome = event.data.outcome;
      const { reportId: _id, ...followUp } = event.data;
      report.followUps.push(followUp);
    }
  }
  return report;
}

export interface VigilanceSignalSummary extends VigilanceSignalRaised {
  raisedAt: string;
}

export class ListVigilanceSignals {}

@QueryHandler(ListVigilanceSignals)
export class ListVigilanceSignalsHandler implements IQueryHandler<ListVigilanceSignals, VigilanceSignalSummary[]> {
  constructor(private readonly readModels: DataSource) {}

  async execute(): Promise<VigilanceSignalSummary[]> {
    const rows = await this.readModels
      .getRepository(VigilanceSignalRow)
      .createQueryBuilder('s')
      .orderBy('s.global_order', 'DESC')
      .limit(LIST_LIMIT)
      .getMany();
    return rows.map((s) => ({
      signalId: s.signalId,
      subject:
        s.subjectKind === 'batch'
          ? { kind: 'batch', gtin: s.gtin, lot: s.lot ?? '' }
          : { kind: 'product', gtin: s.gtin },
      reportIds: s.reportIds,
      threshold: { reports: s.thresholdReports, days: s.thresholdDays },
      raisedAt: s.raisedAt.toISOString(),
    }));
  }
}

export interface VigilanceSignalView extends VigilanceSignalRaised {
  raisedAt: string;
  reports: VigilanceReportView[];
  traces: BatchTrace[];
}

export class GetVigilanceSignal {
  constructor(readonly signalId: string) {}
}

/** A signal with its reports (from their streams) and the trace of its batch, or of its product's batches reported. */
@QueryHandler(GetVigilanceSignal)
export class GetVigilanceSignalHandler implements IQueryHandler<GetVigilanceSignal, VigilanceSignalView> {
  constructor(
    private readonly streams: Streams,
    private readonly queries: QueryBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ signalId }: GetVigilanceSignal): Promise<VigilanceSignalView> {
    const stream = vigilanceSignalStream(signalId);
    const [raised] = await this.store.readStream(stream, { maxCount: 1 });
    const signal = await this.streams.state(stream, vigilanceSignalDecider);
    if (signal.status !== 'raised' || !raised)
      throw notFound('vigilance_signal_unknown', `no vigilance signal ${signalId}`);
    const { status: _status, ...data } = signal;
    const reports = (await Promise.all(data.reportIds.map((id) => readReport(this.streams, id)))).filter(
      (r): r is VigilanceReportView => r !== undefined,
    );
    const { subject } = data;
    const batches =
      subject.kind === 'batch'
        ? [{ gtin: subject.gtin, lot: subject.lot }]
        : [
            ...new Map(
              reports.flatMap((r) => r.batches.filter((b) => b.gtin === subject.gtin)).map((b) => [b.lot, b]),
            ).values(),
          ];
    const traces = await Promise.all(
      batches.map((b) => this.queries.execute<GetBatchTrace, BatchTrace>(new GetBatchTrace(b.gtin, b.lot))),
    );
    return { ...data, raisedAt: eventVersions.upcast(raised).metadata.occurredAt as string, reports, traces };
  }
}

export class GetVigilanceThreshold {}

@QueryHandler(GetVigilanceThreshold)
export class GetVigilanceThresholdHandler implements IQueryHandler<GetVigilanceThreshold, VigilanceThreshold> {
  constructor(private readonly streams: Streams) {}

  execute(): Promise<VigilanceThreshold> {
    return this.streams.state(VIGILANCE_THRESHOLDS_STREAM, vigilanceThresholdDecider).then((t) => ({ ...t }));
  }
}

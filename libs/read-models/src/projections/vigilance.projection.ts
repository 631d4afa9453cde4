import { VigilanceReportRow } from '../entities/vigilance-report.entity.js';
import { VigilanceSignalRow } from '../entities/vigilance-signal.entity.js';
import type { Projection } from '../projection.js';

/**
 * The vigilance reports as they stand (no narrative: free text stays in the report's stream) and ANSM's signals.
 * Reports are few: each event is one statement, in the store's order, so a correction follows its filing.
 */
export const vigilanceProjection: Projection = {
  name: 'vigilance',
  entities: [VigilanceReportRow, VigilanceSignalRow],
  async apply(tx, events) {
    for (const decided of events) {
      if (decided.of === 'vigilance-signal') {
        const { subject, reportIds, threshold } = decided.event.data;
        await tx
          .createQueryBuilder()
          .insert()
          .into(VigilanceSignalRow)
          .values({
            signalId: decided.signalId,
            subjectKind: subject.kind,
            gtin: subject.gtin,
            lot: subject.kind === 'batch' ? subject.lot : null,
            reportIds,
            thresholdReports: threshold.reports,
            thresholdDays: threshold.days,
            raisedAt: new Date(decided.occurredAt),
          })
          .orIgnore()
          .execute();
      }
      if (decided.of !== 'vigilance-report') continue;
      const { event, reportId } = decided;
      if (event.type === 'VigilanceReportFiled') {
        const r = event.data;
        await tx
          .createQueryBuilder()
          .insert()
          .into(VigilanceReportRow)
          .values({
            reportId,
            kind: r.kind,
            seriousness: r.seriousness,
            outcome: r.outcome,
            patientId: r.patientId,
            reporterRole: r.reporter.role,
            reporterRpps: r.reporter.rpps,
            reporterOrganisation: r.reporter.organisationId,
            region: r.region,
            centre: r.centre,
            onsetOn: r.onsetOn,
            filedOn: r.filedOn,
            batches: r.batches,
            products: r.products,
          })
          .orIgnore()
          .execute();
      } else if (event.type === 'VigilanceReportCorrected') {
        const { kind, seriousness, outcome, onsetOn, centre } = event.data.changes;
        await tx
          .createQueryBuilder()
          .update(VigilanceReportRow)
          .set({
            ...(kind !== undefined ? { kind } : {}),
            ...(seriousness !== undefined ? { seriousness } : {}),
            ...(outcome !== undefined ? { outcome } : {}),
            ...(onsetOn !== undefined ? { onsetOn } : {}),
            ...(centre !== undefined ? { centre } : {}),
            corrections: () => 'corrections + 1',
          })
          .where('report_id = :reportId', { reportId })
          .execute();
      } else {
        const { outcome } = event.data;
        await tx
          .createQueryBuilder()
          .update(VigilanceReportRow)
          .set({ ...(outcome !== undefined ? { outcome } : {}), followUps: () => 'follow_ups + 1' })
          .where('report_id = :reportId', { reportId })
          .execute();
      }
    }
  },
};

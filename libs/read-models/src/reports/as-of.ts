import type { DataSource, EntityManager } from 'typeorm';
import { START } from '#event-store';
import { REPORTS_PROJECTION } from '../projections/reports/reports.projection.js';

/** The last event the report projection had applied: its global position and when the store recorded it. */
export interface ReportAsOf {
  position: string;
  /** ISO 8601; null while no event has been applied (`position` is then `start`). */
  recordedAt: string | null;
}

/**
 * Reads a report in one snapshot (REPEATABLE READ): its figures and its `asOf` stand at the same event, whatever
 * the projection commits meanwhile.
 */
export function readReport<Figures extends object>(
  readModels: DataSource,
  figures: (tx: EntityManager) => Promise<Figures>,
): Promise<{ asOf: ReportAsOf } & Figures> {
  return readModels.transaction('REPEATABLE READ', async (tx) => {
    const asOf = await reportAsOf(tx);
    return { asOf, ...(await figures(tx)) };
  });
}

export async function reportAsOf(tx: EntityManager): Promise<ReportAsOf> {
  const [row]: { position: string; recorded_at: Date }[] = await tx.query(
    'SELECT position, recorded_at FROM rm_report_as_of WHERE projection = $1',
    [REPORTS_PROJECTION],
  );
  return row
    ? { position: row.position, recordedAt: new Date(row.recorded_at).toISOString() }
    : { position: START, recordedAt: null };
}

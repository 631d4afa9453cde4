import type { EntityManager } from 'typeorm';
import type { DecidedEvent, VigilanceReportFiled } from '#domain';

type Counted = Pick<
  VigilanceReportFiled,
  'kind' | 'seriousness' | 'patientId' | 'region' | 'filedOn' | 'products' | 'batches'
>;
const COUNTED = ['kind', 'seriousness', 'patientId', 'region', 'filedOn', 'products', 'batches'] as const;

/**
 * Vigilance reports as last corrected: a correction replaces the fields it names. Corrections are merged per report
 * in the order of the batch (into the filing itself when both are in it), then written in one statement.
 */
export async function applyVigilance(tx: EntityManager, events: DecidedEvent[]): Promise<void> {
  const filed = new Map<string, Counted>();
  const corrected = new Map<string, Partial<Counted>>();
  for (const decided of events) {
    if (decided.of !== 'vigilance-report') continue;
    const { event, reportId } = decided;
    if (event.type === 'VigilanceReportFiled') {
      filed.set(reportId, pick(event.data) as Counted);
    } else if (event.type === 'VigilanceReportCorrected') {
      const changes = pick(event.data.changes);
      const target = filed.get(reportId) ?? corrected.get(reportId);
      if (target) Object.assign(target, changes);
      else corrected.set(reportId, changes);
    }
  }
  if (filed.size > 0)
    await tx.query(
      `INSERT INTO rm_report_vigilance (report_id, kind, seriousness, patient_id, region, filed_on, products, batches)
       SELECT report_id, kind, seriousness, "patientId", region, "filedOn"::date, products, batches
       FROM jsonb_to_recordset($1::jsonb) AS x(report_id text, kind text, seriousness text, "patientId" text, region text,
         "filedOn" text, products jsonb, batches jsonb)
       ON CONFLICT (report_id) DO NOTHING`,
      [JSON.stringify([...filed].map(([report_id, facts]) => ({ report_id, ...facts })))],
    );
  if (corrected.size > 0)
    await tx.query(
      `UPDATE rm_report_vigilance r SET kind = COALESCE(x.kind, r.kind), seriousness = COALESCE(x.seriousness, r.seriousness),
         patient_id = COALESCE(x."patientId", r.patient_id), region = COALESCE(x.region, r.region),
         filed_on = COALESCE(x."filedOn"::date, r.filed_on), products = COALESCE(x.products, r.products),
         batches = COALESCE(x.batches, r.batches)
       FROM jsonb_to_recordset($1::jsonb) AS x(report_id text, kind text, seriousness text, "patientId" text, region text,
         "filedOn" text, products jsonb, batches jsonb)
       WHERE r.report_id = x.report_id`,
      [JSON.stringify([...corrected].map(([report_id, changes]) => ({ report_id, ...changes })))],
    );
}

/** Only the counted fields (a filing's narrative, reporter and centre stay out of the read model). */
function pick(data: Partial<Counted>): Partial<Counted> {
  const picked: Partial<Record<keyof Counted, unknown>> = {};
  for (const field of COUNTED) if (data[field] !== undefined) picked[field] = data[field];
  return picked as Partial<Counted>;
}

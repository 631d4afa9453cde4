import type { EntityManager } from 'typeorm';
import { CONSULTATION_DECISIONS, INDICATIONS, STOP_REASONS, type StopReason } from '#domain';

export interface AnnualSummary {
  gtin: string;
  productName: string;
  exploitantId: string;
  year: number;
  dispensations: number;
  packs: number;
  /** Distinct patients dispensed the product in the year: the summary's patients. */
  patients: number;
  /** Those patients by the indication of the prescription dispensed (`unknown` only when not found). */
  patientsByIndication: { indication: string; patients: number }[];
  /** Consultations in the year of those patients. */
  consultations: {
    total: number;
    renewal: number;
    longConsultation: number;
    byDecision: Record<(typeof CONSULTATION_DECISIONS)[number], number>;
  };
  /** Treatments of those patients stopped in the year, by reason. */
  stops: { total: number; byReason: Record<StopReason, number> };
  /** Vigilance reports filed in the year naming the product. */
  vigilanceReports: {
    total: number;
    serious: number;
    nonSerious: number;
    adverseEffect: number;
    abuseDependence: number;
  };
}

/** The product as the reports know it; undefined when it is not in the catalogue (yet, as of the projection). */
export async function reportedProduct(
  tx: EntityManager,
  gtin: string,
): Promise<{ gtin: string; name: string; exploitantId: string } | undefined> {
  const [row]: { gtin: string; name: string; exploitantId: string }[] = await tx.query(
    'SELECT gtin, name, exploitant_id AS "exploitantId" FROM rm_report_products WHERE gtin = $1',
    [gtin],
  );
  return row;
}

/** The holder's annual follow-up summary of one product: its patients of the year, their follow-up and reports. */
export async function annualSummary(
  tx: EntityManager,
  product: { gtin: string; name: string; exploitantId: string },
  year: number,
): Promise<AnnualSummary> {
  const params = [product.gtin, `${year}-01-01`, `${year + 1}-01-01`];
  const patientsOfYear = `SELECT DISTINCT patient_id FROM rm_report_dispensations
    WHERE gtin = $1 AND dispensed_on >= $2::date AND dispensed_on < $3::date`;
  const [totals]: { dispensations: number; packs: number; patients: number }[] = await tx.query(
    `SELECT count(*)::int AS dispensations, COALESCE(sum(quantity), 0)::int AS packs, count(DISTINCT patient_id)::int AS patients
     FROM rm_report_dispensations WHERE gtin = $1 AND dispensed_on >= $2::date AND dispensed_on < $3::date`,
    params,
  );
  const byIndication: { indication: string; patients: number }[] = await tx.query(
    `SELECT indication, count(DISTINCT patient_id)::int AS patients FROM rm_report_dispensations
     WHERE gtin = $1 AND dispensed_on >= $2::date AND dispensed_on < $3::date GROUP BY indication`,
    params,
  );
  const consultations: { kind: string; decision: string; n: number }[] = await tx.query(
    `SELECT kind, decision, count(*)::int AS n FROM rm_report_consultations
     WHERE consulted_on >= $2::date AND consulted_on < $3::date AND patient_id IN (${patientsOfYear})
     GROUP BY kind, decision`,
    params,
  );
  const stops: { reason: StopReason; n: number }[] = await tx.query(
    `SELECT stop_reason AS reason, count(*)::int AS n FROM rm_report_patients
     WHERE stopped_on >= $2::date AND stopped_on < $3::date AND patient_id IN (${patientsOfYear})
     GROUP BY stop_reason`,
    params,
  );
  const [vigilance]: AnnualSummary['vigilanceReports'][] = await tx.query(
    `SELECT count(*)::int AS total, count(*) FILTER (WHERE seriousness = 'serious')::int AS serious,
       count(*) FILTER (WHERE seriousness = 'non_serious')::int AS "nonSerious",
       count(*) FILTER (WHERE kind = 'adverse_effect')::int AS "adverseEffect",
       count(*) FILTER (WHERE kind = 'abuse_dependence')::int AS "abuseDependence"
     FROM rm_report_vigilance WHERE filed_on >= $2::date AND filed_on < $3::date AND products @> jsonb_build_array($1::text)`,
    params,
  );
  const patientsOf = new Map(byIndication.map((r) => [r.indication, r.patients]));
  const sum = (rows: { n: number }[]) => rows.reduce((total, r) => total + r.n, 0);
  return {
    gtin: product.gtin,
    productName: product.name,
    exploitantId: product.exploitantId,
    year,
    ...totals,
    patientsByIndication: [...INDICATIONS, ...(patientsOf.has('unknown') ? ['unknown'] : [])].map((indication) => ({
      indication,
      patients: patientsOf.get(indication) ?? 0,
    })),
    consultations: {
      total: sum(consultations),
      renewal: sum(consultations.filter((c) => c.kind === 'renewal')),
      longConsultation: sum(consultations.filter((c) => c.kind === 'long_consultation')),
      byDecision: Object.fromEntries(
        CONSULTATION_DECISIONS.map((decision) => [decision, sum(consultations.filter((c) => c.decision === decision))]),
      ) as AnnualSummary['consultations']['byDecision'],
    },
    stops: {
      total: sum(stops),
      byReason: Object.fromEntries(
        STOP_REASONS.map((reason) => [reason, sum(stops.filter((s) => s.reason === reason))]),
      ) as Record<StopReason, number>,
    },
    vigilanceReports: vigilance,
  };
}

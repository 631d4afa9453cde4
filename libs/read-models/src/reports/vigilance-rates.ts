import type { EntityManager } from 'typeorm';
import { periodBounds, type MonthPeriod } from './period.js';
import { ratePerThousand } from './rates.js';

export interface VigilanceRateRow {
  gtin: string;
  /** The batch; null on the product's own row (every batch of it). */
  lot: string | null;
  /** Reports filed in the period (by `filedOn`) naming the product, or the batch, as last corrected. */
  reports: number;
  serious: number;
  nonSerious: number;
  adverseEffect: number;
  abuseDependence: number;
  /** The denominator: distinct patients dispensed the product (or the batch) in the period (by `dispensedOn`). */
  patientsExposed: number;
  ratePer1000: number | null;
  seriousRatePer1000: number | null;
}

type Counts = Omit<VigilanceRateRow, 'ratePer1000' | 'seriousRatePer1000'>;

/**
 * Vigilance reports per product and per batch, with rates per 1,000 patients exposed. Every product or batch
 * dispensed in the period has a row (0 reports, a rate of 0), and so has every one a report names (no patient
 * exposed in the period: no rate).
 */
export async function vigilanceRates(tx: EntityManager, period: MonthPeriod): Promise<VigilanceRateRow[]> {
  const counts = `count(DISTINCT r.report_id)::int AS reports,
       count(DISTINCT r.report_id) FILTER (WHERE r.seriousness = 'serious')::int AS serious,
       count(DISTINCT r.report_id) FILTER (WHERE r.seriousness = 'non_serious')::int AS "nonSerious",
       count(DISTINCT r.report_id) FILTER (WHERE r.kind = 'adverse_effect')::int AS "adverseEffect",
       count(DISTINCT r.report_id) FILTER (WHERE r.kind = 'abuse_dependence')::int AS "abuseDependence"`;
  const zero = (column: string) => `COALESCE(c.${column}, 0) AS ${column}`;
  const reportCounts = ['reports', 'serious', '"nonSerious"', '"adverseEffect"', '"abuseDependence"']
    .map(zero)
    .join(', ');
  const rows: Counts[] = await tx.query(
    `WITH filed AS (SELECT * FROM rm_report_vigilance WHERE filed_on >= $1::date AND filed_on < $2::date),
     dispensed AS (SELECT gtin, lot, patient_id FROM rm_report_dispensations WHERE dispensed_on >= $1::date AND dispensed_on < $2::date),
     product_counts AS (
       SELECT g.gtin, ${counts} FROM filed r CROSS JOIN jsonb_array_elements_text(r.products) AS g(gtin) GROUP BY g.gtin
     ),
     batch_counts AS (
       SELECT b.gtin, b.lot, ${counts} FROM filed r CROSS JOIN jsonb_to_recordset(r.batches) AS b(gtin text, lot text)
       GROUP BY b.gtin, b.lot
     ),
     product_exposed AS (SELECT gtin, count(DISTINCT patient_id)::int AS patients FROM dispensed GROUP BY gtin),
     batch_exposed AS (SELECT gtin, lot, count(DISTINCT patient_id)::int AS patients FROM dispensed GROUP BY gtin, lot)
     SELECT gtin, NULL::text AS lot, ${reportCounts}, COALESCE(e.patients, 0) AS "patientsExposed"
     FROM product_counts c FULL JOIN product_exposed e USING (gtin)
     UNION ALL
     SELECT gtin, lot, ${reportCounts}, COALESCE(e.patients, 0) AS "patientsExposed"
     FROM batch_counts c FULL JOIN batch_exposed e USING (gtin, lot)
     ORDER BY gtin, lot NULLS FIRST`,
    periodBounds(period),
  );
  return rows.map((r) => ({
    ...r,
    ratePer1000: ratePerThousand(r.reports, r.patientsExposed),
    seriousRatePer1000: ratePerThousand(r.serious, r.patientsExposed),
  }));
}

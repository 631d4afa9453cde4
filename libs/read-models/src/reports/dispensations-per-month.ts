import type { EntityManager } from 'typeorm';
import { isRegion, REGIONS } from '#domain';
import { periodBounds, type MonthPeriod } from './period.js';

export interface DispensationsPerMonthRow {
  month: string;
  /** INSEE code of the pharmacy's region, or `unknown` for a pharmacy registered without one. */
  region: string;
  regionName: string | null;
  gtin: string;
  productName: string | null;
  dispensations: number;
  packs: number;
  /** Distinct patients dispensed the product in the region that month. */
  patients: number;
}

/** Dispensations per month (by `dispensedOn`), region of the pharmacy and product; only the cells with any. */
export async function dispensationsPerMonth(
  tx: EntityManager,
  period: MonthPeriod,
): Promise<DispensationsPerMonthRow[]> {
  const rows: Omit<DispensationsPerMonthRow, 'regionName'>[] = await tx.query(
    `SELECT to_char(d.dispensed_on, 'YYYY-MM') AS month, d.region, d.gtin, pr.name AS "productName",
       count(*)::int AS dispensations, sum(d.quantity)::int AS packs, count(DISTINCT d.patient_id)::int AS patients
     FROM rm_report_dispensations d LEFT JOIN rm_report_products pr ON pr.gtin = d.gtin
     WHERE d.dispensed_on >= $1::date AND d.dispensed_on < $2::date
     GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3`,
    periodBounds(period),
  );
  return rows.map((r) => ({
    month: r.month,
    region: r.region,
    regionName: isRegion(r.region) ? REGIONS[r.region] : null,
    gtin: r.gtin,
    productName: r.productName,
    dispensations: r.dispensations,
    packs: r.packs,
    patients: r.patients,
  }));
}

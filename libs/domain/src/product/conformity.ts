import type { ProductSpecification } from './product.js';
import { CONTAMINANTS, type Contaminant } from './specification.js';

export type AnalysisResults = { thc: number; cbd: number } & Partial<Record<Contaminant, number>>;

export interface AnalysisFailure {
  analyte: 'thc' | 'cbd' | Contaminant;
  /** null when the analyte was required and not measured. */
  value: number | null;
  /** The bound that was crossed (or, for a missing result, the limit it had to meet). */
  limit: number;
  rule: 'below_declared_tolerance' | 'above_declared_tolerance' | 'above_contaminant_limit' | 'missing_result';
}

export interface Assessment {
  conformant: boolean;
  failures: AnalysisFailure[];
}

/**
 * Every failure of a certificate of analysis against the product's specification: each cannabinoid within the
 * declared content ± tolerance, each contaminant the specification limits measured and at or under its limit.
 */
export function assessAnalysis(
  product: Pick<ProductSpecification, 'declared' | 'tolerancePercent' | 'limits'>,
  results: AnalysisResults,
): Assessment {
  const failures: AnalysisFailure[] = [];
  for (const analyte of ['thc', 'cbd'] as const) {
    const declared = product.declared[analyte];
    const low = round(declared * (1 - product.tolerancePercent / 100));
    const high = round(declared * (1 + product.tolerancePercent / 100));
    const value = results[analyte];
    if (value < low) failures.push({ analyte, value, limit: low, rule: 'below_declared_tolerance' });
    if (value > high) failures.push({ analyte, value, limit: high, rule: 'above_declared_tolerance' });
  }
  for (const analyte of CONTAMINANTS) {
    const limit = product.limits[analyte];
    if (limit === undefined) continue;
    const value = results[analyte];
    if (value === undefined) failures.push({ analyte, value: null, limit, rule: 'missing_result' });
    else if (value > limit) failures.push({ analyte, value, limit, rule: 'above_contaminant_limit' });
  }
  return { conformant: failures.length === 0, failures };
}

/** Bounds rounded to 1e-9 so that 10 % of 20 is exactly 18 and 22, not 17.999999999999996. */
function round(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}

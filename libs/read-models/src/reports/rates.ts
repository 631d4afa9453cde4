/** Reports per 1,000 patients exposed, to two decimals; null when no patient was exposed (no rate, not zero). */
export function ratePerThousand(reports: number, patients: number): number | null {
  if (patients === 0) return null;
  return Math.round((reports * 1000 * 100) / patients) / 100;
}

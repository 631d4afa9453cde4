/** A period of whole months, `from` and `to` (`YYYY-MM`) both included. */
export interface MonthPeriod {
  from: string;
  to: string;
}

/** The first day of the period and the first day after it, as SQL parameters (`$1::date`, `$2::date`). */
export function periodBounds({ from, to }: MonthPeriod): [string, string] {
  const [year, month] = to.split('-').map(Number);
  const after = month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
  return [`${from}-01`, `${after}-01`];
}

/**
 * The year of a two-digit GS1 year: GS1's sliding window puts it within 49 years before and 50 years after
 * `referenceYear` (GS1 General Specifications, the century of dates in YYMMDD fields).
 */
export function centuryOf(yy: number, referenceYear: number): number {
  const century = Math.floor(referenceYear / 100) * 100;
  const difference = yy - (referenceYear % 100);
  if (difference >= 51) return century - 100 + yy;
  if (difference <= -50) return century + 100 + yy;
  return century + yy;
}

export function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A YYMMDD field as an ISO date; day 00 means the last day of the month. The field must already be valid. */
export function isoDateOf(yymmdd: string, referenceYear: number): string {
  const year = centuryOf(Number(yymmdd.slice(0, 2)), referenceYear);
  const month = Number(yymmdd.slice(2, 4));
  const day = Number(yymmdd.slice(4, 6)) || lastDayOfMonth(year, month);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** An ISO date as the YYMMDD a GS1 date field carries, or undefined when the window cannot hold its year. */
export function yymmddOf(isoDate: string, referenceYear: number): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return undefined;
  const yy = Number(match[1]) % 100;
  return centuryOf(yy, referenceYear) === Number(match[1]) ? `${match[1].slice(2)}${match[2]}${match[3]}` : undefined;
}

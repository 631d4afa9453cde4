import type { IsoDate } from '../shared/dates.js';

/** A calendar month, `YYYY-MM`, reckoned in Europe/Paris like every date of the circuit. */
export type Month = string;

/**
 * A site's narcotics register is kept in monthly books, like the paper one: `register-{site}~{YYYY-MM}`. Each book
 * opens with what the previous one closed with, so no command ever folds more than a month of a site's history.
 * Registers written before the books existed live in one stream, `register-{site}`: the legacy book, closed and
 * carried into the first monthly book the first time the site acts after the upgrade. `~` never occurs in an
 * organisation id, so a stream name always says which site and which book it is.
 */
export const registerBookStream = (site: string, month: Month) => `register-${site}~${month}`;

export const legacyRegisterStream = (site: string) => `register-${site}`;

const REGISTER_STREAM = /^register-([A-Za-z0-9._-]{1,64})(?:~(\d{4}-\d{2}))?$/;

/** The site whose register a stream is, or undefined for any other stream. */
export function registerSiteOf(stream: string): string | undefined {
  return REGISTER_STREAM.exec(stream)?.[1];
}

/** The month of a register book; null for the legacy single-stream register; undefined for other streams. */
export function registerBookMonthOf(stream: string): Month | null | undefined {
  const match = REGISTER_STREAM.exec(stream);
  if (!match) return undefined;
  return match[2] ?? null;
}

export const monthOf = (date: IsoDate): Month => date.slice(0, 7);

export function addMonths(month: Month, count: number): Month {
  const [year, m] = month.split('-').map(Number);
  const index = year * 12 + (m - 1) + count;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Midnight of the month's first day in Paris, as an instant: when a book opens. */
export function bookOpensAt(month: Month): Date {
  const noonUtc = new Date(`${month}-01T12:00:00Z`);
  const offset = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Paris', timeZoneName: 'longOffset' })
    .formatToParts(noonUtc)
    .find((part) => part.type === 'timeZoneName')?.value;
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(offset ?? '');
  const minutes = match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
  return new Date(Date.parse(`${month}-01T00:00:00Z`) - minutes * 60_000);
}

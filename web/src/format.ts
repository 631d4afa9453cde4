/** Dates and numbers as read in France: Europe/Paris time, decimal commas. */
const ZONE = 'Europe/Paris';

const dateTime = new Intl.DateTimeFormat('fr-FR', { timeZone: ZONE, dateStyle: 'short', timeStyle: 'medium' });
const dateOnly = new Intl.DateTimeFormat('fr-FR', { timeZone: ZONE, dateStyle: 'short' });
const number = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 6 });

/** An instant (ISO 8601 with an offset) in French local time. */
export const frDateTime = (instant: string | null | undefined): string =>
  instant ? dateTime.format(new Date(instant)) : '—';
/** A calendar date `YYYY-MM-DD` as `JJ/MM/AAAA` (no time zone: it is already a French date). */
export const frDate = (date: string | null | undefined): string =>
  date ? date.slice(0, 10).split('-').reverse().join('/') : '—';
/** An instant's date in France. */
export const frDayOf = (instant: string): string => dateOnly.format(new Date(instant));
export const frNumber = (value: number | null | undefined): string => (value == null ? '—' : number.format(value));

/** Today in France, `YYYY-MM-DD`: the API's "today". */
export const todayInFrance = (): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(),
  );

/** A number typed in French or English: `27,5` and `27.5` are the same; null when it is not a number. */
export function parseDecimal(text: string): number | null {
  const clean = text.trim().replace(/\s/g, '').replace(',', '.');
  if (!/^-?\d+(\.\d+)?(e\d+)?$/i.test(clean)) return null;
  return Number(clean);
}

/** A local date-time typed in a `datetime-local` field, read as Paris time, as an ISO instant. */
export function parisInstant(local: string): string {
  const guess = new Date(`${local}:00Z`);
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: ZONE,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(guess);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  const shown = Date.parse(`${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}:00Z`);
  return new Date(guess.getTime() - (shown - guess.getTime())).toISOString();
}

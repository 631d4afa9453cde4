import type { Decider } from '../shared/decider.js';
import { refuse } from '../shared/domain-error.js';

/** The one stream of ANSM's long-consultation schedule. */
export const FOLLOW_UP_SCHEDULE_STREAM = 'follow-up-schedule';

export interface LongConsultationSchedule {
  /** Long consultations in the first year after inclusion. */
  firstYear: number;
  /** Long consultations in each later year. */
  thereafter: number;
}

/** Five in the first year (ANSM's framework), then two a year (one every six months) until ANSM says otherwise. */
export const DEFAULT_SCHEDULE: LongConsultationSchedule = { firstYear: 5, thereafter: 2 };

/** At most one long consultation a month. */
export const MAX_LONG_CONSULTATIONS_PER_YEAR = 12;

/** A year of the schedule, in days: leap days are not counted. */
const YEAR_DAYS = 365;

export type ScheduleEvent = { type: 'LongConsultationScheduleSet'; data: LongConsultationSchedule };
export type ScheduleCommand = { type: 'SetLongConsultationSchedule'; schedule: LongConsultationSchedule };

export const scheduleDecider: Decider<ScheduleCommand, ScheduleEvent, LongConsultationSchedule> = {
  initialState: () => ({ ...DEFAULT_SCHEDULE }),
  evolve: (_state, event) => ({ firstYear: event.data.firstYear, thereafter: event.data.thereafter }),
  decide: ({ schedule }, state) => {
    const { firstYear, thereafter } = schedule;
    for (const count of [firstYear, thereafter]) {
      if (!Number.isInteger(count) || count < 0 || count > MAX_LONG_CONSULTATIONS_PER_YEAR)
        throw refuse(
          'schedule_out_of_range',
          `long consultations a year are a whole number from 0 to ${MAX_LONG_CONSULTATIONS_PER_YEAR}`,
        );
    }
    // The schedule in force already: a retried PUT writes nothing (and re-dates no patient).
    if (firstYear === state.firstYear && thereafter === state.thereafter) return [];
    return [{ type: 'LongConsultationScheduleSet', data: { firstYear, thereafter } }];
  },
};

/**
 * The date by which the `nth` long consultation (1-based) is due, or null when the schedule asks no more. Spread
 * evenly: the year is cut in as many equal parts as consultations and each is due at the end of its part, the
 * k-th of `n` in a year `floor(k × 365 / n)` days after the year's start (the first year starts on the
 * inclusion day; year y, counted from 0, starts 365 × y days after it).
 */
export function longConsultationDueOn(
  includedOn: string,
  nth: number,
  schedule: LongConsultationSchedule,
): string | null {
  const { firstYear, thereafter } = schedule;
  if (nth <= firstYear) return addDays(includedOn, Math.floor((nth * YEAR_DAYS) / firstYear));
  if (thereafter === 0) return null;
  const later = nth - firstYear;
  const year = Math.ceil(later / thereafter);
  const k = later - (year - 1) * thereafter;
  return addDays(includedOn, year * YEAR_DAYS + Math.floor((k * YEAR_DAYS) / thereafter));
}

/** The due date of the next long consultation, given how many were recorded; null when none is due. */
export const nextLongConsultationDueOn = (includedOn: string, recorded: number, schedule: LongConsultationSchedule) =>
  longConsultationDueOn(includedOn, recorded + 1, schedule);

/** Overdue: the next long consultation's due date is past (the due day itself is still on time). */
export function isLongConsultationOverdue(
  patient: { includedOn: string; longConsultations: number; stopped: boolean },
  schedule: LongConsultationSchedule,
  today: string,
): boolean {
  if (patient.stopped) return false;
  const due = nextLongConsultationDueOn(patient.includedOn, patient.longConsultations, schedule);
  return due !== null && due < today;
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

import type { EntityManager } from 'typeorm';
import { DEFAULT_CAPS, INDICATIONS, STOP_REASONS, type Indication, type StopReason } from '#domain';
import { periodBounds, type MonthPeriod } from './period.js';

export interface PatientsPerIndicationRow {
  month: string;
  indication: Indication;
  /** The cap in force at the month's end (the last ANSM set by then, else the default). */
  cap: number;
  /** Included by the month's end (by `includedOn`), stopped or not. */
  included: number;
  /** Included and not stopped by the month's end: what the cap counts. */
  active: number;
  /** Stopped by the month's end (by `stoppedOn`). */
  stopped: number;
  includedInMonth: number;
  stoppedInMonth: number;
  /** `stopped`, by reason. */
  stoppedByReason: Record<StopReason, number>;
}

/** Per month of the period and per indication, the patients as of the month's end against the cap then. */
export async function patientsPerIndication(
  tx: EntityManager,
  period: MonthPeriod,
): Promise<PatientsPerIndicationRow[]> {
  const [start, after] = periodBounds(period);
  // The reasons are the domain's constants, never input: safe to write into the statement.
  const byReason = STOP_REASONS.map(
    (reason) =>
      `count(p.patient_id) FILTER (WHERE p.stopped_on < mo.next_start AND p.stop_reason = '${reason}')::int AS "${reason}"`,
  ).join(',\n    ');
  const rows: (Omit<PatientsPerIndicationRow, 'cap' | 'active' | 'stoppedByReason'> & {
    cap: number | null;
  } & Record<StopReason, number>)[] = await tx.query(
    `WITH months AS (
       SELECT to_char(m, 'YYYY-MM') AS month, m::date AS month_start, (m + interval '1 month')::date AS next_start
       FROM generate_series($1::date, $2::date - interval '1 day', interval '1 month') AS m
     )
     SELECT mo.month, i.indication,
       (SELECT c.cap FROM rm_report_caps c WHERE c.indication = i.indication AND c.set_on < mo.next_start
        ORDER BY c.set_on DESC, c.global_order DESC LIMIT 1) AS cap,
       count(p.patient_id)::int AS included,
       count(p.patient_id) FILTER (WHERE p.stopped_on < mo.next_start)::int AS stopped,
       count(p.patient_id) FILTER (WHERE p.included_on >= mo.month_start)::int AS "includedInMonth",
       count(p.patient_id) FILTER (WHERE p.stopped_on >= mo.month_start AND p.stopped_on < mo.next_start)::int AS "stoppedInMonth",
       ${byReason}
     FROM months mo CROSS JOIN unnest($3::text[]) WITH ORDINALITY AS i(indication, n)
     LEFT JOIN rm_report_patients p ON p.indication = i.indication AND p.included_on < mo.next_start
     GROUP BY mo.month, mo.month_start, mo.next_start, i.indication, i.n
     ORDER BY mo.month, i.n`,
    [start, after, [...INDICATIONS]],
  );
  return rows.map((r) => ({
    month: r.month,
    indication: r.indication,
    cap: r.cap ?? DEFAULT_CAPS[r.indication],
    included: r.included,
    active: r.included - r.stopped,
    stopped: r.stopped,
    includedInMonth: r.includedInMonth,
    stoppedInMonth: r.stoppedInMonth,
    stoppedByReason: Object.fromEntries(STOP_REASONS.map((reason) => [reason, r[reason]])) as Record<
      StopReason,
      number
    >,
  }));
}

/** Why a treatment stops: a fixed list, never free text (it is kept in events for ever). */
export const STOP_REASONS = ['inefficacy', 'adverse_effect', 'patient_choice', 'recovery', 'death', 'other'] as const;
export type StopReason = (typeof STOP_REASONS)[number];

export const isStopReason = (value: unknown): value is StopReason => STOP_REASONS.includes(value as StopReason);

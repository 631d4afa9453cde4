import type { Decider } from '../shared/decider.js';

/** How many serious reports on one batch or product, within how many days, raise a signal. */
export interface VigilanceThreshold {
  reports: number;
  days: number;
}

export const DEFAULT_VIGILANCE_THRESHOLD: VigilanceThreshold = { reports: 3, days: 30 };

export const VIGILANCE_THRESHOLDS_STREAM = 'vigilance-thresholds';

export type VigilanceThresholdCommand = { type: 'SetVigilanceThreshold'; threshold: VigilanceThreshold };
export type VigilanceThresholdEvent = { type: 'VigilanceThresholdSet'; data: VigilanceThreshold };

/** ANSM's setting: the last one set, or the default. */
export const vigilanceThresholdDecider: Decider<
  VigilanceThresholdCommand,
  VigilanceThresholdEvent,
  VigilanceThreshold
> = {
  initialState: () => ({ ...DEFAULT_VIGILANCE_THRESHOLD }),
  evolve: (_state, event) => ({ reports: event.data.reports, days: event.data.days }),
  // The threshold in force already: a retried PUT writes nothing.
  decide: ({ threshold }, state) =>
    threshold.reports === state.reports && threshold.days === state.days
      ? []
      : [{ type: 'VigilanceThresholdSet', data: threshold }],
};

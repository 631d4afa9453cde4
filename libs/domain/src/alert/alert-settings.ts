import type { Decider } from '../shared/decider.js';
import { forbid, refuse } from '../shared/domain-error.js';

/** The thresholds of the alerts, which ANSM may change; each applies to what is found after the change. */
export interface AlertSettings {
  /** A shipment not received this many days after its dispatch is overdue. */
  transitDays: number;
  /** A loss, theft or inventory adjustment of more packs than this is alerted. */
  lossPacks: number;
  /** Dispensing, or holding, packs of a batch this many days or fewer before it expires is alerted. */
  expiryWindowDays: number;
  /** A site holding packs of a recalled batch that has not acknowledged the recall this many days after it. */
  recallAcknowledgementDays: number;
}

/** In force until ANSM sets others. */
export const DEFAULT_ALERT_SETTINGS: AlertSettings = {
  transitDays: 7,
  lossPacks: 5,
  expiryWindowDays: 30,
  recallAcknowledgementDays: 2,
};

/** The largest value each setting may take (a year, or a large site's yearly packs). */
export const ALERT_SETTING_LIMITS: AlertSettings = {
  transitDays: 365,
  lossPacks: 100_000,
  expiryWindowDays: 365,
  recallAcknowledgementDays: 365,
};

export const ALERT_SETTINGS_STREAM = 'alert-settings';

export type AlertSettingsEvent = { type: 'AlertSettingsChanged'; data: AlertSettings };

/** The settings ANSM last set; null while it never has (the defaults apply). */
export type AlertSettingsState = { settings: AlertSettings | null };

export type AlertSettingsCommand = { type: 'ChangeAlertSettings'; settings: AlertSettings; role: string };

export const alertSettingsOf = (state: AlertSettingsState): AlertSettings => state.settings ?? DEFAULT_ALERT_SETTINGS;

export const alertSettingsDecider: Decider<AlertSettingsCommand, AlertSettingsEvent, AlertSettingsState> = {
  initialState: () => ({ settings: null }),
  evolve: (_state, event) => ({ settings: event.data }),
  decide: ({ settings, role }, state) => {
    if (role !== 'ansm') throw forbid('ansm_only', 'only ANSM changes the alert settings');
    for (const name of Object.keys(ALERT_SETTING_LIMITS) as (keyof AlertSettings)[]) {
      const value = settings[name];
      if (!Number.isInteger(value) || value < 0 || value > ALERT_SETTING_LIMITS[name])
        throw refuse(
          'alert_setting_out_of_range',
          `${name} must be a whole number from 0 to ${ALERT_SETTING_LIMITS[name]}`,
        );
    }
    const current = alertSettingsOf(state);
    // Setting what is in force already changes nothing, and writes nothing.
    if ((Object.keys(current) as (keyof AlertSettings)[]).every((name) => current[name] === settings[name])) return [];
    const { transitDays, lossPacks, expiryWindowDays, recallAcknowledgementDays } = settings;
    return [
      { type: 'AlertSettingsChanged', data: { transitDays, lossPacks, expiryWindowDays, recallAcknowledgementDays } },
    ];
  },
};

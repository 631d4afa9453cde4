import type { Decider } from '../shared/decider.js';
import { duplicate, forbid, notFound, refuse } from '../shared/domain-error.js';

/**
 * What ANSM is alerted to. The first six are raised as the events that show them are written; the last three by
 * the daily sweep, from the read models, when time has run out.
 */
export const ALERT_KINDS = [
  'out_of_specification',
  'receipt_discrepancy',
  'expiry_mismatch',
  'loss_above_threshold',
  'adjustment_above_threshold',
  'dispensed_near_expiry',
  'shipment_in_transit',
  'stock_near_expiry',
  'recall_not_acknowledged',
  'mass_imbalance',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const ALERT_STATES = ['open', 'acknowledged', 'closed'] as const;
export type AlertStatus = (typeof ALERT_STATES)[number];

/** What an alert is about; null where the kind does not apply. */
export interface AlertSubject {
  /** The site the alert concerns: it sees the alert in its own workspace. */
  site: string | null;
  gtin: string | null;
  lot: string | null;
  shipmentId: string | null;
}

/** An alert a rule finds, before it is raised. */
export interface AlertCandidate {
  kind: AlertKind;
  subject: AlertSubject;
  /** Ids of the events that show it (none for a time-driven alert about something the read models hold). */
  evidence: string[];
  /** What the rule measured: the numbers behind the alert, never free text nor a patient. */
  details: Record<string, unknown>;
}

export const alertStream = (alertId: string) => `alert-${alertId}`;

const ALERT_STREAM = /^alert-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** The alert id of an alert's stream, or undefined for any other stream. */
export function alertOf(stream: string): string | undefined {
  return ALERT_STREAM.exec(stream)?.[1];
}

/**
 * The name an alert's id is derived from: its kind, its evidence and its subject, never its details (which a
 * sweep measures again each day). The same finding always names the same alert, so it is raised once.
 */
export function alertName({ kind, subject, evidence }: AlertCandidate): string {
  const { site, gtin, lot, shipmentId } = subject;
  return ['alert', kind, evidence.join(','), site ?? '', gtin ?? '', lot ?? '', shipmentId ?? ''].join('/');
}

export type AlertEvent =
  | { type: 'AlertRaised'; data: { alertId: string } & AlertCandidate }
  | { type: 'AlertAcknowledged'; data: { alertId: string; note: string } }
  | { type: 'AlertClosed'; data: { alertId: string; note: string } };

export type AlertState = { status: 'none' } | { status: AlertStatus; alertId: string; kind: AlertKind };

export type AlertCommand =
  | { type: 'RaiseAlert'; alertId: string; candidate: AlertCandidate }
  | { type: 'AcknowledgeAlert'; alertId: string; note: string; role: string }
  | { type: 'CloseAlert'; alertId: string; note: string; role: string };

export const alertDecider: Decider<AlertCommand, AlertEvent, AlertState> = {
  initialState: () => ({ status: 'none' }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'AlertRaised':
        return { status: 'open', alertId: event.data.alertId, kind: event.data.kind };
      case 'AlertAcknowledged':
        return state.status === 'none' ? state : { ...state, status: 'acknowledged' };
      case 'AlertClosed':
        return state.status === 'none' ? state : { ...state, status: 'closed' };
    }
  },
  decide: (command, state) => {
    if (command.type === 'RaiseAlert') {
      // Raised once: whoever finds it again (a replay, another process, the next sweep) writes nothing.
      if (state.status !== 'none') return [];
      return [{ type: 'AlertRaised', data: { alertId: command.alertId, ...command.candidate } }];
    }
    if (command.role !== 'ansm') throw forbid('ansm_only', 'only ANSM acknowledges or closes an alert');
    if (state.status === 'none') throw notFound('alert_not_found', `no alert ${command.alertId}`);
    if (command.note.trim() === '') throw refuse('note_required', 'a note says what ANSM found or did');
    if (command.type === 'AcknowledgeAlert') {
      if (state.status === 'closed') throw refuse('alert_closed', 'a closed alert is not acknowledged');
      if (state.status === 'acknowledged')
        throw duplicate('alert_already_acknowledged', 'the alert is already acknowledged');
      return [{ type: 'AlertAcknowledged', data: { alertId: state.alertId, note: command.note } }];
    }
    if (state.status === 'closed') throw duplicate('alert_already_closed', 'the alert is already closed');
    return [{ type: 'AlertClosed', data: { alertId: state.alertId, note: command.note } }];
  },
};

import { alertOf, type AlertEvent } from './alert/alert.js';
import { batchOf, type BatchEvent } from './batch/batch.js';
import { followUpPatientOf, type FollowUpEvent } from './follow-up/consultation.js';
import { FOLLOW_UP_SCHEDULE_STREAM, type ScheduleEvent } from './follow-up/schedule.js';
import { indicationOf, type Indication, type IndicationEvent } from './indication/indication.js';
import { organisationOf, type OrganisationEvent } from './organisation/organisation.js';
import { prescriptionOf, type PrescriptionEvent } from './prescription/prescription.js';
import { productOf, type ProductEvent } from './product/product.js';
import { registerSiteOf } from './register/register-books.js';
import type { RegisterEvent } from './register/register-events.js';
import { vigilanceReportOf, type VigilanceReportEvent } from './vigilance/vigilance-report.js';
import { vigilanceSignalOf, type VigilanceSignalEvent } from './vigilance/vigilance-signal.js';

/** An event as the store hands it back: its stream, type and data, and when it happened. */
export interface StoredEvent {
  /** The store's id of the event, with who recorded it and when: present on every event a store hands back. */
  id?: string;
  stream: string;
  type: string;
  data: unknown;
  metadata: { occurredAt: string; role?: string; organisation?: string; recordedAt?: string };
}

/** Which event of the store it was, who recorded it and when (what an alert names). */
export interface EventRecord {
  eventId: string;
  role: string;
  organisation: string;
  recordedAt: string;
}

/**
 * A stored event typed by the decider that wrote it, known from its stream's name alone (the streams' own
 * helpers read the names back). An event of a stream no reader here follows is `other`: an event type met
 * outside its decider's streams is never taken for one of them.
 */
export type DecidedEvent =
  | { of: 'batch'; gtin: string; lot: string; event: BatchEvent; occurredAt: string; recorded?: EventRecord }
  | { of: 'register'; site: string; event: RegisterEvent; occurredAt: string; recorded?: EventRecord }
  | { of: 'prescription'; prescriptionId: string; event: PrescriptionEvent; occurredAt: string }
  | { of: 'indication'; indication: Indication; event: IndicationEvent; occurredAt: string }
  | { of: 'follow-up'; patientId: string; event: FollowUpEvent; occurredAt: string }
  | { of: 'follow-up-schedule'; event: ScheduleEvent; occurredAt: string }
  | { of: 'organisation'; organisationId: string; event: OrganisationEvent; occurredAt: string }
  | { of: 'product'; gtin: string; event: ProductEvent; occurredAt: string }
  | { of: 'vigilance-report'; reportId: string; event: VigilanceReportEvent; occurredAt: string }
  | { of: 'vigilance-signal'; signalId: string; event: VigilanceSignalEvent; occurredAt: string }
  | { of: 'alert'; alertId: string; event: AlertEvent; occurredAt: string; recorded?: EventRecord }
  | { of: 'other' };

export function decidedEvent(stored: StoredEvent): DecidedEvent {
  const occurredAt = stored.metadata.occurredAt;
  const site = registerSiteOf(stored.stream);
  if (site !== undefined)
    return { of: 'register', site, event: stored as RegisterEvent, occurredAt, recorded: recordOf(stored) };
  const batch = batchOf(stored.stream);
  if (batch) return { of: 'batch', ...batch, event: stored as BatchEvent, occurredAt, recorded: recordOf(stored) };
  const prescriptionId = prescriptionOf(stored.stream);
  if (prescriptionId !== undefined)
    return { of: 'prescription', prescriptionId, event: stored as PrescriptionEvent, occurredAt };
  const indication = indicationOf(stored.stream);
  if (indication !== undefined) return { of: 'indication', indication, event: stored as IndicationEvent, occurredAt };
  if (stored.stream === FOLLOW_UP_SCHEDULE_STREAM)
    return { of: 'follow-up-schedule', event: stored as ScheduleEvent, occurredAt };
  const patientId = followUpPatientOf(stored.stream);
  if (patientId !== undefined) return { of: 'follow-up', patientId, event: stored as FollowUpEvent, occurredAt };
  const organisationId = organisationOf(stored.stream);
  if (organisationId !== undefined)
    return { of: 'organisation', organisationId, event: stored as OrganisationEvent, occurredAt };
  const gtin = productOf(stored.stream);
  if (gtin !== undefined) return { of: 'product', gtin, event: stored as ProductEvent, occurredAt };
  const reportId = vigilanceReportOf(stored.stream);
  if (reportId !== undefined)
    return { of: 'vigilance-report', reportId, event: stored as VigilanceReportEvent, occurredAt };
  const signalId = vigilanceSignalOf(stored.stream);
  if (signalId !== undefined)
    return { of: 'vigilance-signal', signalId, event: stored as VigilanceSignalEvent, occurredAt };
  const alertId = alertOf(stored.stream);
  if (alertId !== undefined)
    return { of: 'alert', alertId, event: stored as AlertEvent, occurredAt, recorded: recordOf(stored) };
  return { of: 'other' };
}

function recordOf({ id, metadata }: StoredEvent): EventRecord | undefined {
  const { role, organisation, recordedAt } = metadata;
  if (id === undefined || role === undefined || organisation === undefined || recordedAt === undefined)
    return undefined;
  return { eventId: id, role, organisation, recordedAt };
}

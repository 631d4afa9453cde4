import { batchOf, type BatchEvent } from './batch/batch.js';
import { prescriptionOf, type PrescriptionEvent } from './prescription/prescription.js';
import { registerSiteOf } from './register/register-books.js';
import type { RegisterEvent } from './register/register-events.js';

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
  return { of: 'other' };
}

function recordOf({ id, metadata }: StoredEvent): EventRecord | undefined {
  const { role, organisation, recordedAt } = metadata;
  if (id === undefined || role === undefined || organisation === undefined || recordedAt === undefined)
    return undefined;
  return { eventId: id, role, organisation, recordedAt };
}

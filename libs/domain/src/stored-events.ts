import { batchOf, type BatchEvent } from './batch/batch.js';
import { prescriptionOf, type PrescriptionEvent } from './prescription/prescription.js';
import { registerSiteOf } from './register/register-books.js';
import type { RegisterEvent } from './register/register-events.js';

/** An event as the store hands it back: its stream, type and data, and when it happened. */
export interface StoredEvent {
  stream: string;
  type: string;
  data: unknown;
  metadata: { occurredAt: string };
}

/**
 * A stored event typed by the decider that wrote it, known from its stream's name alone (the streams' own
 * helpers read the names back). An event of a stream no reader here follows is `other`: an event type met
 * outside its decider's streams is never taken for one of them.
 */
export type DecidedEvent =
  | { of: 'batch'; gtin: string; lot: string; event: BatchEvent; occurredAt: string }
  | { of: 'register'; site: string; event: RegisterEvent; occurredAt: string }
  | { of: 'prescription'; prescriptionId: string; event: PrescriptionEvent; occurredAt: string }
  | { of: 'other' };

export function decidedEvent(stored: StoredEvent): DecidedEvent {
  const occurredAt = stored.metadata.occurredAt;
  const site = registerSiteOf(stored.stream);
  if (site !== undefined) return { of: 'register', site, event: stored as RegisterEvent, occurredAt };
  const batch = batchOf(stored.stream);
  if (batch) return { of: 'batch', ...batch, event: stored as BatchEvent, occurredAt };
  const prescriptionId = prescriptionOf(stored.stream);
  if (prescriptionId !== undefined)
    return { of: 'prescription', prescriptionId, event: stored as PrescriptionEvent, occurredAt };
  return { of: 'other' };
}

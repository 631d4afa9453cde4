import { batchKey, type BatchState, type RegisteredBatch } from '../batch/batch.js';
import { PHARMACY_KINDS, type OrganisationState } from '../organisation/organisation.js';
import { duplicate, notFound, refuse } from '../shared/domain-error.js';
import type { Line, RegisterEvent } from './register-events.js';
import type { RegisterState } from './register.js';

/**
 * A recall as one site follows it (the DP-Rappels practice): the site acknowledges the notice, which makes its
 * packs of the batch unusable there; counts them into quarantine; then returns them to whoever supplied it.
 */

/**
 * The site has read the recall: once, only for a recalled batch, and only a site the recall concerns: one that was
 * notified, or whose register holds or held packs of it (a shipment sent to it is notified at the recall, or enters
 * its stock on receipt). Any other site is answered as for a batch that does not exist.
 */
export function acknowledgeRecall(
  command: { gtin: string; lot: string; batch: BatchState; site: string },
  state: RegisterState,
): RegisterEvent[] {
  const { gtin, lot, batch, site } = command;
  const key = batchKey(gtin, lot);
  if (batch.status !== 'registered' || !(batch.notifiedSites.includes(site) || state.stock.has(key)))
    throw notFound('batch_unknown', `no lot ${lot} of GTIN ${gtin}`);
  if (!batch.recalled) throw refuse('batch_not_recalled', `lot ${lot} is not recalled`);
  if (state.recalls.has(key))
    throw duplicate('recall_already_acknowledged', `the recall of lot ${lot} is acknowledged`);
  return [{ type: 'RecallAcknowledged', data: { gtin, lot, onHand: state.stock.get(key)?.quantity ?? 0 } }];
}

/** The packs set aside are counted once, and the count is the register's: a different count is an inventory first. */
export function quarantineRecalledStock(line: Line, state: RegisterState): RegisterEvent[] {
  const key = batchKey(line.gtin, line.lot);
  const recall = state.recalls.get(key);
  if (!recall) throw refuse('recall_not_acknowledged', `acknowledge the recall of lot ${line.lot} first`);
  if (recall.quarantined !== null) {
    throw duplicate('recall_already_quarantined', `${recall.quarantined} packs of lot ${line.lot} are in quarantine`);
  }
  const held = state.stock.get(key)?.quantity ?? 0;
  if (line.quantity !== held) {
    throw refuse(
      'quarantine_count_differs',
      `${line.quantity} packs of lot ${line.lot} counted, the register holds ${held}: record an inventory first`,
    );
  }
  return [{ type: 'RecalledStockQuarantined', data: { gtin: line.gtin, lot: line.lot, quantity: line.quantity } }];
}

/** Packs of a recall the site acknowledged are neither dispensed nor shipped, only returned. */
export function quarantinedHere(state: RegisterState, line: { gtin: string; lot: string }): void {
  if (state.recalls.has(batchKey(line.gtin, line.lot))) {
    throw refuse('batch_quarantined', `lot ${line.lot} is in quarantine here for its recall: return it`);
  }
}

/**
 * A return goes back the way the packs came: a pharmacy's to the batch's exploitant, the exploitant's to the
 * batch's supplier. Any batch in stock may be returned, recalled, on hold or expired.
 */
export function returnableBatch(
  batch: BatchState | undefined,
  line: { gtin: string; lot: string },
  sender: OrganisationState,
  receiver: OrganisationState,
): RegisteredBatch {
  if (!batch || batch.status !== 'registered') throw refuse('batch_unknown', `no lot ${line.lot} of GTIN ${line.gtin}`);
  if (sender.status !== 'registered' || receiver.status !== 'registered') {
    throw refuse('receiver_unknown', 'the receiving organisation is not registered');
  }
  const returnsTo = PHARMACY_KINDS.includes(sender.kind)
    ? batch.exploitantId
    : sender.kind === 'exploitant' && sender.id === batch.exploitantId
      ? batch.supplierId
      : null;
  if (returnsTo === null) throw refuse('return_not_allowed', `a ${sender.kind} does not return lot ${line.lot}`);
  if (receiver.id !== returnsTo) {
    throw refuse('return_to_wrong_organisation', `packs of lot ${line.lot} are returned to ${returnsTo}`);
  }
  return batch;
}

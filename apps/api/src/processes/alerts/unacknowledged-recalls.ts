import { batchKey, daysBetween, eventVersions, parisDate, recallProgress } from '#domain';
import { BatchRow } from '#read-models';
import type { SweepKind } from './sweep-kind.js';

/**
 * Sites holding packs of a recalled batch that have not acknowledged the recall more than
 * `recallAcknowledgementDays` days after it. Recalled batches come from the read models; where each site stands
 * is folded from the batch's own events, as the recall's progress is.
 */
export const unacknowledgedRecalls: SweepKind = async ({ readModels, store }, settings, today) => {
  const days = settings.recallAcknowledgementDays;
  const recalled = await readModels.getRepository(BatchRow).findBy({ recalled: true });
  const candidates = [];
  for (const { gtin, lot } of recalled) {
    const events = (await store.readByBatchKey(batchKey(gtin, lot))).map((e) => eventVersions.upcast(e));
    const progress = recallProgress(gtin, lot, events);
    if (progress.recalledAt === null) continue;
    const recalledOn = parisDate(new Date(progress.recalledAt));
    if (daysBetween(recalledOn, today) <= days) continue;
    const recall = events.find((e) => e.type === 'BatchRecalled');
    for (const site of progress.sites) {
      if (site.acknowledgedAt !== null || site.onHand <= 0) continue;
      candidates.push({
        kind: 'recall_not_acknowledged' as const,
        subject: { site: site.organisationId, gtin, lot, shipmentId: null },
        evidence: recall ? [recall.id] : [],
        details: { recalledOn, onHand: site.onHand, daysSinceRecall: daysBetween(recalledOn, today), threshold: days },
      });
    }
  }
  return candidates;
};

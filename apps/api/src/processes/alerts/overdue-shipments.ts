import { daysBetween, parisDate } from '#domain';
import { ShipmentRow } from '#read-models';
import type { SweepKind } from './sweep-kind.js';

/** Shipments not received more than `transitDays` days (Paris calendar) after their dispatch. */
export const overdueShipments: SweepKind = async ({ readModels }, { transitDays }, today) => {
  // A day of margin around the Paris calendar: the exact count is made below.
  const before = new Date(Date.parse(`${today}T00:00:00Z`) - (transitDays - 1) * 86_400_000);
  const rows = await readModels
    .getRepository(ShipmentRow)
    .createQueryBuilder('s')
    .where('s.received_at IS NULL')
    .andWhere('s.dispatched_at < :before', { before })
    .getMany();
  return rows.flatMap((s) => {
    const dispatchedOn = parisDate(s.dispatchedAt);
    const days = daysBetween(dispatchedOn, today);
    if (days <= transitDays) return [];
    return [
      {
        kind: 'shipment_in_transit' as const,
        subject: { site: s.fromSite, gtin: null, lot: null, shipmentId: s.shipmentId },
        evidence: [],
        details: { to: s.toSite, dispatchedOn, daysInTransit: days, threshold: transitDays },
      },
    ];
  });
};

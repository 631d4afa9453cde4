import { findImbalances } from '#read-models';
import type { SweepKind } from './sweep-kind.js';

/**
 * Batches whose mass balance does not hold (docs/domain.md, "Mass balance"): one alert per batch and finding, for
 * ANSM, naming the sites whose figures disagree; the events that made them disagree are its evidence, so a new
 * disagreement on the same batch is a new alert and the same one found again is not.
 */
export const massImbalances: SweepKind = async ({ readModels }) =>
  (await findImbalances(readModels)).map(({ gtin, lot, sites, evidence, difference, released }) => ({
    kind: 'mass_imbalance' as const,
    subject: { site: null, gtin, lot, shipmentId: null },
    evidence,
    details: { sites, difference, released },
  }));

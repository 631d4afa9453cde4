import { describe, expect, it } from '@jest/globals';
import { massBalance, siteTotals, type ShipmentBalance, type SiteBalance } from '#domain';

const site = (id: string, figures: Partial<SiteBalance>): SiteBalance => {
  const s = { entered: 0, received: 0, shipped: 0, dispensed: 0, lost: 0, destroyed: 0, adjusted: 0, ...figures };
  return {
    site: id,
    ...s,
    onHand: s.received - s.shipped - s.dispensed - s.lost - s.destroyed + s.adjusted,
    stated: null,
    statedExpected: null,
    statedEventId: null,
    entryEventId: null,
    lastEventId: 'e-last',
    ...figures,
  };
};
const shipment = (figures: Partial<ShipmentBalance>): ShipmentBalance => ({
  shipmentId: 'S1',
  from: 'SUP-1',
  to: 'EXP-1',
  shipped: 0,
  accepted: 0,
  missing: 0,
  received: true,
  dispatchEventId: 'e-dispatch',
  receiptEventId: 'e-receipt',
  ...figures,
});
const release = { quantity: 100, eventId: 'e-release' };

describe('the mass balance of a batch', () => {
  const supplier = site('SUP-1', { entered: 100, received: 100, shipped: 60, entryEventId: 'e-entry' });
  const exploitant = site('EXP-1', { received: 45, lost: 1, adjusted: 2 });

  it('holds when every pack released is on hand, in transit, missing at receipt, gone or adjusted', () => {
    const balance = massBalance(
      'G',
      'L',
      release,
      [supplier, exploitant],
      [
        shipment({ shipped: 50, accepted: 45, missing: 5 }),
        shipment({ shipmentId: 'S2', shipped: 10, received: false, receiptEventId: null }),
      ],
    );
    // 40 + 46 on hand, 10 in transit, 5 missing, 1 lost, 2 found: 40 + 46 + 10 + 5 + 1 − 2 = 100.
    expect(balance.terms).toMatchObject({ onHand: 40 + 46, inTransit: 10, missingAtReceipt: 5, lost: 1, adjusted: 2 });
    expect([balance.difference, balance.balanced, balance.disagreements]).toEqual([0, true, []]);
  });

  it('names both parties of a receipt that does not add up', () => {
    const balance = massBalance(
      'G',
      'L',
      release,
      [supplier, site('EXP-1', { received: 45 })],
      [shipment({ shipped: 60, accepted: 45 })],
    );
    expect(balance.difference).toBe(15);
    expect(balance.disagreements.map((d) => [d.site, d.reason, d.expected, d.recorded, d.evidence])).toEqual([
      ['SUP-1', 'shipment_differs', 60, 45, ['e-dispatch', 'e-receipt']],
      ['EXP-1', 'shipment_differs', 60, 45, ['e-dispatch', 'e-receipt']],
    ]);
  });

  it('is the same judged from the sums and the suspect sites only as from every site', () => {
    const quiet = site('PH-1', { received: 30, dispensed: 30 });
    const differs = site('PH-2', { received: 5, stated: 7, statedExpected: 5, statedEventId: 'e-count' });
    const sites = [supplier, quiet, differs];
    const every = massBalance('G', 'L', release, sites, []);
    const suspects = massBalance('G', 'L', release, [supplier, differs], [], siteTotals(sites));
    expect(suspects).toEqual(every);
    expect(every.disagreements).toEqual([
      { site: 'PH-2', reason: 'register_differs', expected: 5, recorded: 7, shipmentId: null, evidence: ['e-count'] },
    ]);
  });

  it('names an entry made before any release, and keeps a release not yet entered in balance', () => {
    const early = massBalance('G', 'L', null, [supplier], []);
    expect(early.disagreements.map((d) => [d.site, d.reason, d.expected, d.recorded])).toEqual([
      ['SUP-1', 'release_entry_differs', 0, 100],
    ]);
    const pending = massBalance('G', 'L', release, [], []);
    expect([pending.terms.awaitingEntry, pending.difference, pending.balanced]).toEqual([100, 0, true]);
  });

  it('names a site whose movements leave less than nothing', () => {
    const balance = massBalance('G', 'L', null, [site('PH-3', { dispensed: 2 })], []);
    expect(balance.disagreements).toEqual([
      { site: 'PH-3', reason: 'negative_stock', expected: 0, recorded: -2, shipmentId: null, evidence: ['e-last'] },
    ]);
    expect(balance.sites).toEqual(['PH-3']);
  });
});

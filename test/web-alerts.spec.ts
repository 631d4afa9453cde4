import { describe, expect, it } from '@jest/globals';
import { ALERT_KINDS as KINDS } from '#domain';
import { alertDetails } from '../web/src/alerts.js';
import { ALERT_KINDS } from '../web/src/words.js';

/** Details as the alerts process and the sweep write them (libs/domain/src/alert, apps/api/src/processes/alerts). */
const DETAILS: Record<string, Record<string, unknown>> = {
  out_of_specification: {
    recordedBy: { role: 'laboratory', organisation: 'LAB-1' },
    sampledOn: '2026-02-02',
    failures: [{ analyte: 'lead', value: 7.5, limit: 5, rule: 'above_contaminant_limit' }],
  },
  receipt_discrepancy: {
    from: 'EXP-DEMO',
    discrepancies: [
      { kind: 'missing', gtin: '03700000000017', lot: 'L1', shipped: 3, received: 2 },
      { kind: 'unknown_code', scan: 'xx' },
    ],
  },
  expiry_mismatch: { recorded: '2031-12-31', scanned: [{ expiresOn: '2031-11-30', received: 1 }] },
  loss_above_threshold: { loss: 'theft', quantity: 6, threshold: 5 },
  adjustment_above_threshold: { difference: -8, countedOn: '2026-11-20', threshold: 5 },
  dispensed_near_expiry: {
    dispensedOn: '2026-11-20',
    expiresOn: '2026-12-01',
    daysLeft: 11,
    quantity: 2,
    window: 30,
  },
  shipment_in_transit: { to: 'PH-GARE', dispatchedOn: '2026-11-10', daysInTransit: 9, threshold: 7 },
  stock_near_expiry: { onHand: 12, expiresOn: '2026-12-01', daysLeft: 6, window: 30 },
  recall_not_acknowledged: { recalledOn: '2026-11-20', onHand: 4, daysSinceRecall: 3, threshold: 2 },
  mass_imbalance: { sites: ['EXP-DEMO', 'PH-CENTRE'], difference: 2, released: 100 },
};

describe('the web interface says every alert in French', () => {
  it('names every kind of the domain', () => {
    expect(Object.keys(ALERT_KINDS).sort()).toEqual([...KINDS].sort());
  });

  it('says what each kind measured in a sentence with its numbers', () => {
    const said = Object.fromEntries(KINDS.map((kind) => [kind, alertDetails({ kind, details: DETAILS[kind] ?? {} })]));
    expect(said).toEqual({
      out_of_specification:
        'Analyse du prélèvement du 02/02/2026 enregistrée par LAB-1 : Plomb : 7,5 ppm (au-dessus de la limite, limite 5 ppm).',
      receipt_discrepancy:
        'Réception d’une livraison de EXP-DEMO avec 2 écart(s) : Manquant · L1 (expédié 3, reçu 2) ; Code illisible.',
      expiry_mismatch: 'Péremption enregistrée du lot le 31/12/2031 ; scannée le 30/11/2031.',
      loss_above_threshold: 'Vol de 6 boîte(s), au-delà du seuil de 5 boîte(s).',
      adjustment_above_threshold: 'Inventaire du 20/11/2026 : écart de -8 boîte(s), au-delà du seuil de 5 boîte(s).',
      dispensed_near_expiry:
        '2 boîte(s) délivrée(s) le 20/11/2026, 11 jour(s) avant la péremption du 01/12/2026 (fenêtre de 30 jours).',
      shipment_in_transit:
        'Livraison vers PH-GARE expédiée le 10/11/2026 et non réceptionnée depuis 9 jour(s) (seuil : 7 jours).',
      stock_near_expiry: '12 boîte(s) en stock, périmant le 01/12/2026 : 6 jour(s) restant(s) (fenêtre de 30 jours).',
      recall_not_acknowledged:
        'Lot rappelé le 20/11/2026, 4 boîte(s) encore détenue(s), rappel non pris en compte depuis 3 jour(s) (seuil : 2 jours).',
      mass_imbalance:
        'Bilan matière non équilibré : écart de 2 boîte(s) sur 100 boîte(s) libérée(s) ; sites en désaccord : EXP-DEMO, PH-CENTRE.',
    });
  });
});

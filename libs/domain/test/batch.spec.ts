import { describe, it } from '@jest/globals';
import { batchDecider, type BatchEvent } from '#domain';
import { conformingFlowerResults, flower } from './fixtures.js';
import { specification } from './given-when-then.js';

const given = specification(batchDecider);
const supplierActor = { role: 'supplier', organisation: 'SUP-1' };
const registration = {
  gtin: '03400930000014',
  lot: 'L1',
  quantity: 100,
  manufacturedOn: '2026-01-10',
  expiresOn: '2027-01-31',
};
const registered: BatchEvent = {
  type: 'BatchRegistered',
  data: { ...registration, supplierId: 'SUP-1', exploitantId: 'EXP-1' },
};
const analysis = {
  laboratory: 'LAB-1',
  sampledOn: '2026-01-12',
  certificateSha256: 'a'.repeat(64),
  results: conformingFlowerResults,
};
const conforming: BatchEvent = { type: 'AnalysisRecorded', data: { ...analysis, conformant: true, failures: [] } };
const failing: BatchEvent = {
  type: 'AnalysisRecorded',
  data: {
    ...analysis,
    results: { ...conformingFlowerResults, lead: 6 },
    conformant: false,
    failures: [{ analyte: 'lead', value: 6, limit: 5, rule: 'above_contaminant_limit' }],
  },
};
const released: BatchEvent = { type: 'BatchReleased', data: { qualifiedPerson: 'Dr QP', quantity: 100 } };
const held: BatchEvent = { type: 'BatchPutOnHold', data: { reason: 'inquiry' } };
const recalled: BatchEvent = { type: 'BatchRecalled', data: { reason: 'contamination' } };
const release = {
  type: 'ReleaseBatch' as const,
  data: { qualifiedPerson: 'Dr QP' },
  actor: supplierActor,
  today: '2026-02-01',
};

describe('batch decider', () => {
  describe('registration', () => {
    it('registers a lot of the product for its supplier', () =>
      given([])
        .when({ type: 'RegisterBatch', data: registration, product: flower, actor: supplierActor })
        .then([registered]));
    it("refuses another supplier's product", () =>
      given([])
        .when({
          type: 'RegisterBatch',
          data: registration,
          product: flower,
          actor: { role: 'supplier', organisation: 'SUP-2' },
        })
        .thenRefused('forbidden', 'not_product_supplier'));
    it('refuses a product not in the catalogue', () =>
      given([])
        .when({ type: 'RegisterBatch', data: registration, product: { status: 'unknown' }, actor: supplierActor })
        .thenRefused('rule', 'product_unknown'));
    it('registers a lot once', () =>
      given([registered])
        .when({ type: 'RegisterBatch', data: registration, product: flower, actor: supplierActor })
        .thenRefused('conflict', 'lot_exists'));
    it('refuses an expiry on or before manufacture', () =>
      given([])
        .when({
          type: 'RegisterBatch',
          data: { ...registration, expiresOn: '2026-01-10' },
          product: flower,
          actor: supplierActor,
        })
        .thenRefused('rule', 'expiry_not_after_manufacture'));
  });

  describe('analyses', () => {
    it('records the assessment with the results', () =>
      given([registered])
        .when({ type: 'RecordAnalysis', data: analysis, product: flower, actor: supplierActor })
        .then([conforming]));
    it('records a failing analysis with each failure', () =>
      given([registered])
        .when({
          type: 'RecordAnalysis',
          data: failing.data as typeof analysis,
          product: flower,
          actor: { role: 'laboratory', organisation: 'LAB-1' },
        })
        .then([
          {
            type: 'AnalysisRecorded',
            data: {
              ...analysis,
              results: { ...conformingFlowerResults, lead: 6 },
              conformant: false,
              failures: [{ analyte: 'lead', value: 6, limit: 5, rule: 'above_contaminant_limit' }],
            },
          },
        ]));
    it('is refused to another supplier', () =>
      given([registered])
        .when({
          type: 'RecordAnalysis',
          data: analysis,
          product: flower,
          actor: { role: 'supplier', organisation: 'SUP-2' },
        })
        .thenRefused('forbidden', 'not_batch_supplier'));
    it('needs the batch', () =>
      given([])
        .when({ type: 'RecordAnalysis', data: analysis, product: flower, actor: supplierActor })
        .thenRefused('not_found', 'batch_unknown'));
  });

  describe('release', () => {
    it('releases after a conforming analysis, with the quantity that enters the register', () =>
      given([registered, conforming]).when(release).then([released]));
    it('refuses without an analysis', () => given([registered]).when(release).thenRefused('rule', 'no_analysis'));
    it('refuses after a failing analysis', () =>
      given([registered, failing]).when(release).thenRefused('rule', 'analysis_not_conformant'));
    it('follows the latest analysis: failing then conforming releases', () =>
      given([registered, failing, conforming]).when(release).then([released]));
    it('follows the latest analysis: conforming then failing is refused', () =>
      given([registered, conforming, failing]).when(release).thenRefused('rule', 'analysis_not_conformant'));
    it('refuses a batch on hold', () =>
      given([registered, conforming, held]).when(release).thenRefused('rule', 'batch_on_hold'));
    it('refuses a recalled batch', () =>
      given([registered, conforming, recalled]).when(release).thenRefused('rule', 'batch_recalled'));
    it('refuses a second release', () =>
      given([registered, conforming, released]).when(release).thenRefused('rule', 'batch_already_released'));
    it('refuses an expired batch (on its expiry date)', () =>
      given([registered, conforming])
        .when({ ...release, today: '2027-01-31' })
        .thenRefused('rule', 'batch_expired'));
    it('is refused to another supplier', () =>
      given([registered, conforming])
        .when({ ...release, actor: { role: 'supplier', organisation: 'SUP-2' } })
        .thenRefused('forbidden', 'not_batch_supplier'));
  });

  describe('hold and recall', () => {
    it('holds, and lifts the hold', () => {
      given([registered, released])
        .when({ type: 'PutBatchOnHold', data: { reason: 'inquiry' } })
        .then([held]);
      given([registered, held])
        .when({ type: 'LiftBatchHold', data: { reason: 'cleared' } })
        .then([{ type: 'BatchHoldLifted', data: { reason: 'cleared' } }]);
    });
    it('refuses to hold twice or lift a hold that is not there', () => {
      given([registered, held])
        .when({ type: 'PutBatchOnHold', data: { reason: 'again' } })
        .thenRefused('rule', 'batch_on_hold');
      given([registered])
        .when({ type: 'LiftBatchHold', data: { reason: 'x' } })
        .thenRefused('rule', 'batch_not_on_hold');
    });
    it('recalls, held or not, and a recall is final', () => {
      given([registered, held])
        .when({ type: 'RecallBatch', data: { reason: 'contamination' }, holders: [] })
        .then([recalled]);
      given([registered, recalled])
        .when({ type: 'RecallBatch', data: { reason: 'again' }, holders: [] })
        .thenRefused('rule', 'batch_recalled');
      given([registered, held, recalled])
        .when({ type: 'LiftBatchHold', data: { reason: 'x' } })
        .thenRefused('rule', 'batch_recalled');
      given([registered, recalled])
        .when({ type: 'PutBatchOnHold', data: { reason: 'x' } })
        .thenRefused('rule', 'batch_recalled');
    });
    it('notifies every site holding packs at the recall, and none that holds nothing', () =>
      given([registered, released])
        .when({
          type: 'RecallBatch',
          data: { reason: 'contamination' },
          holders: [
            { organisationId: 'EXP-1', onHand: 45 },
            { organisationId: 'PH-1', onHand: 0 },
            { organisationId: 'PH-2', onHand: 5 },
          ],
        })
        .then([
          recalled,
          { type: 'RecallSiteNotified', data: { organisationId: 'EXP-1', quantity: 45 } },
          { type: 'RecallSiteNotified', data: { organisationId: 'PH-2', quantity: 5 } },
        ]));
  });
});

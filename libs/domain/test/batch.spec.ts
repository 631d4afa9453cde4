import { describe, expect, it } from '@jest/globals';
import { batchDecider, eventVersions, type BatchEvent } from '#domain';
import { conformingFlowerResults, flower } from './fixtures.js';
import { specification } from './given-when-then.js';

const given = specification(batchDecider);
const supplierActor = { role: 'supplier', organisation: 'SUP-1' };
const laboratoryActor = { role: 'laboratory', organisation: 'LAB-1' };
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
const bySupplier = { role: 'supplier', organisation: 'SUP-1' };
const byLaboratory = { role: 'laboratory', organisation: 'LAB-1' };
const conforming: BatchEvent = {
  type: 'AnalysisRecorded',
  data: { ...analysis, conformant: true, failures: [], recordedBy: bySupplier },
};
const conformingByLaboratory: BatchEvent = {
  type: 'AnalysisRecorded',
  data: { ...analysis, conformant: true, failures: [], recordedBy: byLaboratory },
};
const failedAnalysis = {
  ...analysis,
  results: { ...conformingFlowerResults, lead: 50 },
  conformant: false,
  failures: [{ analyte: 'lead' as const, value: 50, limit: 5, rule: 'above_contaminant_limit' as const }],
};
/** A laboratory's failing analysis: lead 50 ppm for a limit of 5. */
const failing: BatchEvent = { type: 'AnalysisRecorded', data: { ...failedAnalysis, recordedBy: byLaboratory } };
const failingBySupplier: BatchEvent = { type: 'AnalysisRecorded', data: { ...failedAnalysis, recordedBy: bySupplier } };
const report = {
  reportSha256: 'b'.repeat(64),
  conclusion: 'sample contaminated at the laboratory; batch not in question',
};
const investigated: BatchEvent = { type: 'InvestigationReported', data: report };
const investigate = { type: 'ReportInvestigation' as const, data: report, actor: supplierActor };
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
    it('records who recorded it: a laboratory', () =>
      given([registered])
        .when({ type: 'RecordAnalysis', data: analysis, product: flower, actor: laboratoryActor })
        .then([conformingByLaboratory]));
    it('records a failing analysis with each failure', () =>
      given([registered])
        .when({
          type: 'RecordAnalysis',
          data: { ...analysis, results: { ...conformingFlowerResults, lead: 50 } },
          product: flower,
          actor: laboratoryActor,
        })
        .then([
          {
            type: 'AnalysisRecorded',
            data: {
              ...analysis,
              results: { ...conformingFlowerResults, lead: 50 },
              conformant: false,
              failures: [{ analyte: 'lead', value: 50, limit: 5, rule: 'above_contaminant_limit' }],
              recordedBy: byLaboratory,
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

  describe('out of specification', () => {
    it("the supplier's own conforming analysis cannot clear a laboratory's failure", () =>
      given([registered, failing, conforming]).when(release).thenRefused('rule', 'investigation_required'));
    it("a supplier's own failing analysis counts as much as a laboratory's", () =>
      given([registered, failingBySupplier, conformingByLaboratory])
        .when(release)
        .thenRefused('rule', 'investigation_required'));
    it('a laboratory retest before the investigation does not clear it', () =>
      given([registered, failing, conformingByLaboratory]).when(release).thenRefused('rule', 'investigation_required'));
    it('an investigation without a retest cannot release', () =>
      given([registered, failing, investigated]).when(release).thenRefused('rule', 'analysis_not_conformant'));
    it("an investigation then the supplier's own conforming analysis cannot release", () =>
      given([registered, failing, investigated, conforming])
        .when(release)
        .thenRefused('rule', 'laboratory_retest_required'));
    it('an investigation then a conforming laboratory retest releases', () =>
      given([registered, failing, investigated, conformingByLaboratory]).when(release).then([released]));
    it('a new failure after the retest opens a new case', () =>
      given([registered, failing, investigated, conformingByLaboratory, failingBySupplier, conformingByLaboratory])
        .when(release)
        .thenRefused('rule', 'investigation_required'));
    it('a v1 analysis (recorder unknown) never counts as a laboratory retest', () =>
      given([
        registered,
        failing,
        investigated,
        { type: 'AnalysisRecorded', data: { ...analysis, conformant: true, failures: [], recordedBy: null } },
      ])
        .when(release)
        .thenRefused('rule', 'laboratory_retest_required'));
    it('reads an analysis written before v2 with its recorder unknown (null), and writes v2', () => {
      const v1 = { type: 'AnalysisRecorded', data: { conformant: true, failures: [] }, metadata: { actor: 'x' } };
      expect(eventVersions.upcast(v1)).toEqual({
        ...v1,
        data: { conformant: true, failures: [], recordedBy: null },
        metadata: { actor: 'x', schemaVersion: 2 },
      });
      expect(eventVersions.versionOf('AnalysisRecorded')).toBe(2);
      expect(eventVersions.versionOf('InvestigationReported')).toBe(1);
    });
    it('the batch’s supplier reports the investigation of an open case', () =>
      given([registered, failing]).when(investigate).then([investigated]));
    it('refuses an investigation with no out-of-specification result', () => {
      given([registered, conforming]).when(investigate).thenRefused('rule', 'no_out_of_specification_result');
      given([registered, failing, investigated, conformingByLaboratory])
        .when(investigate)
        .thenRefused('rule', 'no_out_of_specification_result');
    });
    it('refuses a second investigation of the same case', () =>
      given([registered, failing, investigated])
        .when(investigate)
        .thenRefused('rule', 'investigation_already_reported'));
    it('refuses an investigation by anyone but the batch’s supplier', () => {
      given([registered, failing])
        .when({ ...investigate, actor: { role: 'supplier', organisation: 'SUP-2' } })
        .thenRefused('forbidden', 'not_batch_supplier');
      given([registered, failing])
        .when({ ...investigate, actor: laboratoryActor })
        .thenRefused('forbidden', 'not_batch_supplier');
    });
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

import { assessAnalysis, type AnalysisFailure, type AnalysisResults } from '../product/conformity.js';
import type { ProductState } from '../product/product.js';
import type { Decider } from '../shared/decider.js';
import { duplicate, forbid, notFound, refuse } from '../shared/domain-error.js';
import {
  afterAnalysis,
  requireClearedForRelease,
  requireInvestigable,
  type AnalysisRecorder,
  type InvestigationReport,
  type OutOfSpecification,
} from './out-of-specification.js';

export const batchKey = (gtin: string, lot: string) => `${gtin}-${lot}`;
export const batchStream = (gtin: string, lot: string) => `batch-${batchKey(gtin, lot)}`;

const GTIN_LENGTH = 14;

/** The batch a stream is, read back from `batchStream`'s name (a GTIN has 14 digits); undefined for others. */
export function batchOf(stream: string): { gtin: string; lot: string } | undefined {
  const key = stream.startsWith('batch-') ? stream.slice('batch-'.length) : undefined;
  if (!key || key[GTIN_LENGTH] !== '-' || key.length === GTIN_LENGTH + 1) return undefined;
  return { gtin: key.slice(0, GTIN_LENGTH), lot: key.slice(GTIN_LENGTH + 1) };
}

/** Who sends the command, as far as the batch's rules care. */
export interface Actor {
  role: string;
  organisation: string;
}

export interface BatchRegistration {
  gtin: string;
  lot: string;
  /** Packs. */
  quantity: number;
  manufacturedOn: string;
  expiresOn: string;
}

export interface Analysis {
  laboratory: string;
  sampledOn: string;
  certificateSha256: string;
  results: AnalysisResults;
}

export type BatchCommand =
  | { type: 'RegisterBatch'; data: BatchRegistration; product: ProductState; actor: Actor }
  | { type: 'RecordAnalysis'; data: Analysis; product: ProductState; actor: Actor }
  | { type: 'ReportInvestigation'; data: InvestigationReport; actor: Actor }
  | { type: 'ReleaseBatch'; data: { qualifiedPerson: string }; actor: Actor; today: string }
  | { type: 'PutBatchOnHold'; data: { reason: string } }
  | { type: 'LiftBatchHold'; data: { reason: string } }
  | {
      type: 'RecallBatch';
      data: { reason: string };
      /** Sites holding packs at the recall, or with packs on their way to them (`recallHolders`): each is notified. */
      holders: { organisationId: string; onHand: number }[];
    };

export type BatchEvent =
  | { type: 'BatchRegistered'; data: BatchRegistration & { supplierId: string; exploitantId: string } }
  | {
      type: 'AnalysisRecorded';
      // recordedBy since v2; v1 events read as null (unknown: never a laboratory retest).
      data: Analysis & { conformant: boolean; failures: AnalysisFailure[]; recordedBy: AnalysisRecorder | null };
    }
  | { type: 'InvestigationReported'; data: InvestigationReport }
  | { type: 'BatchReleased'; data: { qualifiedPerson: string; quantity: number } }
  | { type: 'BatchPutOnHold'; data: { reason: string } }
  | { type: 'BatchHoldLifted'; data: { reason: string } }
  | { type: 'BatchRecalled'; data: { reason: string } }
  /** A site held packs when the batch was recalled: it is told to acknowledge, quarantine and return them. */
  | { type: 'RecallSiteNotified'; data: { organisationId: string; quantity: number } };

export interface RegisteredBatch extends BatchRegistration {
  status: 'registered';
  supplierId: string;
  exploitantId: string;
  /** null before any analysis; the latest analysis decides. */
  conformant: boolean | null;
  failures: AnalysisFailure[];
  /** The latest out-of-specification case, open or cleared; null when no analysis ever failed. */
  outOfSpecification: OutOfSpecification | null;
  released: boolean;
  onHold: boolean;
  recalled: boolean;
  /** Sites told of the recall (`RecallSiteNotified`), in order: each may acknowledge it. Not in the batch views. */
  notifiedSites: string[];
}

export type BatchState = { status: 'unknown' } | RegisteredBatch;

export const batchDecider: Decider<BatchCommand, BatchEvent, BatchState> = {
  initialState: () => ({ status: 'unknown' }),
  evolve,
  decide,
};

function evolve(state: BatchState, event: BatchEvent): BatchState {
  if (event.type === 'BatchRegistered') {
    return {
      status: 'registered',
      ...event.data,
      conformant: null,
      failures: [],
      outOfSpecification: null,
      released: false,
      onHold: false,
      recalled: false,
      notifiedSites: [],
    };
  }
  if (state.status !== 'registered') return state;
  switch (event.type) {
    case 'AnalysisRecorded':
      return {
        ...state,
        conformant: event.data.conformant,
        failures: event.data.failures,
        outOfSpecification: afterAnalysis(state.outOfSpecification, event.data),
      };
    case 'InvestigationReported':
      return {
        ...state,
        outOfSpecification: state.outOfSpecification && { ...state.outOfSpecification, investigation: event.data },
      };
    case 'BatchReleased':
      return { ...state, released: true };
    case 'BatchPutOnHold':
      return { ...state, onHold: true };
    case 'BatchHoldLifted':
      return { ...state, onHold: false };
    case 'BatchRecalled':
      return { ...state, recalled: true };
    case 'RecallSiteNotified':
      state.notifiedSites.push(event.data.organisationId);
      return state;
  }
}

function decide(command: BatchCommand, state: BatchState): BatchEvent[] {
  if (command.type === 'RegisterBatch') return register(command, state);
  if (state.status !== 'registered') throw notFound('batch_unknown', 'no batch with this GTIN and lot');
  switch (command.type) {
    case 'RecordAnalysis': {
      const { actor, product, data } = command;
      if (actor.role !== 'laboratory' && actor.organisation !== state.supplierId) {
        throw forbid('not_batch_supplier', "only the batch's supplier or a laboratory records its analyses");
      }
      if (product.status !== 'authorised') throw refuse('product_unknown', 'the product is no longer in the catalogue');
      if (data.sampledOn < state.manufacturedOn)
        throw refuse('sampled_before_manufacture', 'sampledOn is before manufacturedOn');
      const assessment = assessAnalysis(product, data.results);
      const recordedBy = { role: actor.role, organisation: actor.organisation };
      return [{ type: 'AnalysisRecorded', data: { ...data, ...assessment, recordedBy } }];
    }
    case 'ReportInvestigation':
      if (command.actor.organisation !== state.supplierId)
        throw forbid('not_batch_supplier', "only the batch's supplier reports an investigation");
      requireInvestigable(state.outOfSpecification);
      return [{ type: 'InvestigationReported', data: command.data }];
    case 'ReleaseBatch': {
      if (command.actor.organisation !== state.supplierId) {
        throw forbid('not_batch_supplier', "only the batch's supplier releases it");
      }
      if (state.recalled) throw refuse('batch_recalled', 'a recalled batch cannot be released');
      if (state.onHold) throw refuse('batch_on_hold', 'a batch on hold cannot be released');
      if (state.released) throw refuse('batch_already_released', 'the batch is already released');
      if (state.conformant === null)
        throw refuse('no_analysis', 'release needs a conforming analysis; none is recorded');
      if (!state.conformant) throw refuse('analysis_not_conformant', 'the latest analysis does not conform');
      requireClearedForRelease(state.outOfSpecification);
      if (state.expiresOn <= command.today) throw refuse('batch_expired', `the batch expired on ${state.expiresOn}`);
      return [
        { type: 'BatchReleased', data: { qualifiedPerson: command.data.qualifiedPerson, quantity: state.quantity } },
      ];
    }
    case 'PutBatchOnHold':
      if (state.recalled) throw refuse('batch_recalled', 'the batch is recalled: a recall is final');
      if (state.onHold) throw refuse('batch_on_hold', 'the batch is already on hold');
      return [{ type: 'BatchPutOnHold', data: command.data }];
    case 'LiftBatchHold':
      if (state.recalled) throw refuse('batch_recalled', 'the batch is recalled: a recall is final');
      if (!state.onHold) throw refuse('batch_not_on_hold', 'the batch is not on hold');
      return [{ type: 'BatchHoldLifted', data: command.data }];
    case 'RecallBatch':
      if (state.recalled) throw refuse('batch_recalled', 'the batch is already recalled');
      return [
        { type: 'BatchRecalled', data: command.data },
        ...command.holders
          .filter((holder) => holder.onHand > 0)
          .map((holder) => ({
            type: 'RecallSiteNotified' as const,
            data: { organisationId: holder.organisationId, quantity: holder.onHand },
          })),
      ];
  }
}

function register(command: Extract<BatchCommand, { type: 'RegisterBatch' }>, state: BatchState): BatchEvent[] {
  const { data, product, actor } = command;
  if (product.status !== 'authorised') throw refuse('product_unknown', `GTIN ${data.gtin} is not in the catalogue`);
  if (actor.organisation !== product.supplierId) {
    throw forbid('not_product_supplier', `only ${product.supplierId}, the product's supplier, registers its batches`);
  }
  if (state.status === 'registered')
    throw duplicate('lot_exists', `lot ${data.lot} of GTIN ${data.gtin} is already registered`);
  if (data.expiresOn <= data.manufacturedOn)
    throw refuse('expiry_not_after_manufacture', 'expiresOn must be after manufacturedOn');
  return [
    { type: 'BatchRegistered', data: { ...data, supplierId: product.supplierId, exploitantId: product.exploitantId } },
  ];
}

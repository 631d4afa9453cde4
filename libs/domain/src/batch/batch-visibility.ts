import type { RegisteredBatch } from './batch.js';

/** Who asks to see a batch: the role and organisation of the token. */
export interface Viewer {
  role: string;
  organisation: string;
}

/** What links an organisation to a batch, besides the batch's own supplier and exploitant. */
export interface BatchLinks {
  /** Sites that hold or held packs of the batch, or to which a shipment of it was sent. */
  sites: ReadonlySet<string>;
}

/**
 * How much of a batch a viewer may read:
 * - `full`: the commercial data too (quantity, conformity and every failure, the out-of-specification case):
 *   ANSM, the batch's supplier, its exploitant of record, and an exploitant that holds or held it;
 * - `holder`: what a pack's holder needs (product, lot, expiry, released, held, recalled): any other site that
 *   holds or held packs, or was sent some;
 * - `none`: no link at all; the API answers as for a batch that does not exist (404), so a competitor cannot
 *   even learn that it exists.
 */
export type BatchAccess = 'full' | 'holder' | 'none';

export function batchAccess(
  viewer: Viewer,
  batch: Pick<RegisteredBatch, 'supplierId' | 'exploitantId'>,
  links: BatchLinks,
): BatchAccess {
  if (viewer.role === 'ansm') return 'full';
  if (viewer.organisation === batch.supplierId || viewer.organisation === batch.exploitantId) return 'full';
  if (!links.sites.has(viewer.organisation)) return 'none';
  return viewer.role === 'exploitant' ? 'full' : 'holder';
}

/** Whether the access needs the batch's site links to be decided (they are read only then). */
export const needsLinks = (viewer: Viewer, batch: Pick<RegisteredBatch, 'supplierId' | 'exploitantId'>) =>
  batchAccess(viewer, batch, { sites: new Set() }) === 'none';

export type FullBatchView = Omit<RegisteredBatch, 'status' | 'notifiedSites'> & { view: 'full' };

export interface HolderBatchView {
  view: 'holder';
  gtin: string;
  lot: string;
  expiresOn: string;
  released: boolean;
  onHold: boolean;
  recalled: boolean;
}

export type BatchView = FullBatchView | HolderBatchView;

/** The batch as this access may read it; undefined for `none`. */
export function batchViewFor(access: BatchAccess, batch: RegisteredBatch): BatchView | undefined {
  if (access === 'none') return undefined;
  const { status: _status, notifiedSites: _notified, ...full } = batch;
  if (access === 'full') return { view: 'full', ...full };
  const { gtin, lot, expiresOn, released, onHold, recalled } = batch;
  return { view: 'holder', gtin, lot, expiresOn, released, onHold, recalled };
}

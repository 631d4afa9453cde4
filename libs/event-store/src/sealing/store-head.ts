import { createHash } from 'node:crypto';
import { canonicalJson } from '../hash-chain.js';
import { START, type Checkpoint } from '../types.js';

/**
 * A checkpoint sealed over the global order: the store held `eventCount` events in `streamCount` streams up to
 * position `upTo`, and `storeHead` is the running hash of all of them, in order. Checkpoints chain by `prevHash`.
 */
export interface SealedCheckpoint {
  seq: number;
  upTo: Checkpoint;
  eventCount: number;
  streamCount: number;
  storeHead: string;
  prevHash: string | null;
  sealedAt: string;
  hash: string;
}

/** The last event of a stream as a checkpoint saw it: what names a stream, or a stream's tail, that vanishes. */
export interface StreamHead {
  stream: string;
  revision: number;
  eventId: string;
  hash: string;
}

/**
 * The running hash of the global order after one more event. Each event's hash already covers its stream,
 * revision, id, content and predecessor; chaining them in the global order makes the whole store one chain, so
 * that removing any event, a whole stream or the last events changes every head after it.
 */
export function nextStoreHead(previous: string | null, eventHash: string): string {
  return createHash('sha256')
    .update(`${previous ?? ''}:${eventHash}`)
    .digest('hex');
}

export function checkpointHash(checkpoint: Omit<SealedCheckpoint, 'hash'>): string {
  const { seq, upTo, eventCount, streamCount, storeHead, prevHash, sealedAt } = checkpoint;
  return createHash('sha256')
    .update(canonicalJson({ seq, upTo, eventCount, streamCount, storeHead, prevHash, sealedAt }))
    .digest('hex');
}

/**
 * Orders two positions of the global order. Every adapter's position is a pair of whole numbers `{a}/{b}` that
 * sorts as the pair (PostgreSQL: transaction id, then sequence; EventStoreDB: commit, then prepare position).
 */
export function comparePositions(a: Checkpoint, b: Checkpoint): number {
  const [a1, a2] = positionPair(a);
  const [b1, b2] = positionPair(b);
  if (a1 !== b1) return a1 < b1 ? -1 : 1;
  if (a2 !== b2) return a2 < b2 ? -1 : 1;
  return 0;
}

function positionPair(position: Checkpoint): [bigint, bigint] {
  if (position === START) return [-1n, -1n];
  const match = /^(\d{1,20})\/(\d{1,20})$/.exec(position);
  if (!match) throw new Error(`not a position of the global order: ${JSON.stringify(position)}`);
  return [BigInt(match[1]), BigInt(match[2])];
}

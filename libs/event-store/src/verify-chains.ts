import { chainBreakReason, type ChainBreak } from './hash-chain.js';
import type { EventStore } from './event-store.js';
import type { CheckpointLog, CheckpointWithHeads } from './sealing/checkpoint-log.js';
import { digestProblem, isDigest, type StoreDigest } from './sealing/digest.js';
import { checkpointHash, comparePositions, nextStoreHead, type SealedCheckpoint } from './sealing/store-head.js';
import { START, type Checkpoint } from './types.js';

/** A problem of the store as a whole rather than of one stream. */
export interface StoreProblem {
  reason:
    | 'checkpoint_mismatch' // the events up to a checkpoint are not those it sealed: some removed, added or changed
    | 'checkpoint_altered' // a stored checkpoint was edited, or the checkpoints do not chain
    | 'digest_invalid' // the digest's format, key or signature does not hold
    | 'digest_mismatch' // the events up to the digest's position are not those it certified
    | 'digest_not_stored'; // the store no longer holds the checkpoint the digest signed
  checkpoint?: number;
  detail: string;
}

export interface VerificationReport {
  ok: boolean;
  checkedEvents: number;
  checkedStreams: number;
  /** The first broken event of each broken stream, and streams or stream tails missing from a checkpoint. */
  broken: ChainBreak[];
  problems: StoreProblem[];
  /** How far the checkpoints reach; null when verified without them. */
  sealing: { checkpoints: number; sealedEvents: number; unsealedEvents: number; lastSealedAt: string | null } | null;
  /** The result against the digest given, if any. */
  digest?: { seq: number; eventCount: number; keyId: string; holds: boolean };
}

export interface VerifyOptions {
  batchSize?: number;
  onProgress?: (checkedEvents: number) => void;
  /** The sealed checkpoints to check the global order against. */
  checkpoints?: CheckpointLog;
  /** A digest downloaded earlier: the store must still hold exactly what it certified. */
  against?: StoreDigest;
  /** The key id the digest must be signed with. */
  keyId?: string;
}

type Tail = { revision: number; hash: string; eventId: string } | 'broken';

/** Where the walk stands: the count, streams and running hash of the global order so far. */
interface Reckoning {
  count: number;
  streams: number;
  head: string | null;
}

/**
 * Recomputes every hash of every stream, and the running hash of the global order against every sealed checkpoint
 * and the digest given: walks the global order once, keeping each stream's last revision and hash in memory.
 */
export async function verifyChains(store: EventStore, options: VerifyOptions = {}): Promise<VerificationReport> {
  const tails = new Map<string, Tail>();
  const broken: ChainBreak[] = [];
  const problems: StoreProblem[] = [];
  const truth: Reckoning = { count: 0, streams: 0, head: null };
  // Resynchronised on each stored checkpoint, so that each stretch between two is judged on its own.
  const segment: Reckoning = { count: 0, streams: 0, head: null };
  const checkpoints = options.checkpoints ? checkpointReader(options.checkpoints) : undefined;
  let pending = await checkpoints?.next();
  let previous: SealedCheckpoint | null = null;
  let closedCheckpoints = 0;
  let digestHolds = true;
  let digestStored: string | undefined;
  if (options.against) {
    const problem = digestProblem(options.against, options.keyId);
    if (problem) {
      digestHolds = false;
      const seq = isDigest(options.against) ? options.against.checkpoint.seq : undefined;
      problems.push({
        reason: 'digest_invalid',
        ...(seq === undefined ? {} : { checkpoint: seq }),
        detail: `the digest: ${problem}`,
      });
    }
  }
  // A document that is not a digest at all is reported above and compared with nothing.
  const digest = isDigest(options.against) ? options.against : undefined;
  let digestPending = digest !== undefined;

  const markBroken = (entry: ChainBreak) => {
    broken.push(entry);
    tails.set(entry.stream, 'broken');
  };

  const closeCheckpoint = (c: CheckpointWithHeads) => {
    closedCheckpoints += 1;
    const { heads: _heads, ...fields } = c;
    if (
      c.seq !== (previous?.seq ?? 0) + 1 ||
      c.prevHash !== (previous?.hash ?? null) ||
      checkpointHash(fields) !== c.hash
    ) {
      problems.push({
        reason: 'checkpoint_altered',
        checkpoint: c.seq,
        detail: `checkpoint ${c.seq} was edited or does not follow checkpoint ${previous?.seq ?? 'none'}`,
      });
    }
    if (c.eventCount !== segment.count || c.streamCount !== segment.streams || c.storeHead !== segment.head) {
      problems.push({
        reason: 'checkpoint_mismatch',
        checkpoint: c.seq,
        detail: `checkpoint ${c.seq} sealed ${c.eventCount} events in ${c.streamCount} streams up to ${c.upTo}; the store holds ${segment.count} in ${segment.streams} there${c.storeHead === segment.head ? '' : ', and not the same events'}`,
      });
      Object.assign(segment, { count: c.eventCount, streams: c.streamCount, head: c.storeHead });
    }
    for (const head of c.heads) {
      const tail = tails.get(head.stream);
      const at = { stream: head.stream, checkpoint: c.seq };
      if (tail === 'broken') continue;
      if (!tail) {
        markBroken({
          ...at,
          revision: head.revision,
          eventId: head.eventId,
          reason: 'stream_missing',
          detail: `checkpoint ${c.seq} sealed the stream up to revision ${head.revision}; the store holds none of it`,
        });
      } else if (tail.revision < head.revision) {
        markBroken({
          ...at,
          revision: head.revision,
          eventId: head.eventId,
          reason: 'events_missing',
          detail: `checkpoint ${c.seq} sealed the stream up to revision ${head.revision}; the store holds it up to ${tail.revision}`,
        });
      } else if (tail.revision > head.revision) {
        markBroken({
          ...at,
          revision: tail.revision,
          eventId: tail.eventId,
          reason: 'inserted_after_sealing',
          detail: `checkpoint ${c.seq} sealed the stream up to revision ${head.revision}; the store holds it up to ${tail.revision} there`,
        });
      } else if (tail.hash !== head.hash) {
        markBroken({
          ...at,
          revision: head.revision,
          eventId: tail.eventId,
          reason: 'head_rewritten',
          detail: `checkpoint ${c.seq} sealed another event at this revision (hash ${head.hash})`,
        });
      }
    }
    if (digest && c.seq === digest.checkpoint.seq) digestStored = c.hash;
    previous = fields;
  };

  const closeDigest = () => {
    if (!digest || !digestPending) return;
    digestPending = false;
    const certified = digest.checkpoint;
    if (
      certified.eventCount !== truth.count ||
      certified.streamCount !== truth.streams ||
      certified.storeHead !== truth.head
    ) {
      digestHolds = false;
      problems.push({
        reason: 'digest_mismatch',
        checkpoint: certified.seq,
        detail: `the digest certifies ${certified.eventCount} events in ${certified.streamCount} streams up to ${certified.upTo}; the store holds ${truth.count} in ${truth.streams} there${certified.storeHead === truth.head ? '' : ', and not the same events'}`,
      });
    }
  };

  /** Closes every checkpoint (and the digest) that ends before `position`; all of them when undefined. */
  const closeBefore = async (position: Checkpoint | undefined) => {
    while (pending && (position === undefined || comparePositions(pending.upTo, position) < 0)) {
      closeCheckpoint(pending);
      pending = await checkpoints?.next();
    }
    if (digestPending && (position === undefined || comparePositions(digest!.checkpoint.upTo, position) < 0)) {
      closeDigest();
    }
  };

  let from = START;
  for (;;) {
    const page = await store.readAll({ from, maxCount: options.batchSize ?? 1000 });
    if (page.events.length === 0) break;
    for (const event of page.events) {
      await closeBefore(event.position);
      for (const r of [truth, segment]) {
        r.count += 1;
        if (event.revision === 0) r.streams += 1;
        r.head = nextStoreHead(r.head, event.hash);
      }
      const tail = tails.get(event.stream);
      if (tail === 'broken') continue;
      const reason = chainBreakReason(event, tail);
      if (reason) markBroken({ stream: event.stream, revision: event.revision, eventId: event.id, reason });
      else tails.set(event.stream, { revision: event.revision, hash: event.hash, eventId: event.id });
    }
    from = page.checkpoint;
    options.onProgress?.(truth.count);
  }
  await closeBefore(undefined);

  if (digest && digestStored !== digest.checkpoint.hash) {
    digestHolds = false;
    problems.push({
      reason: 'digest_not_stored',
      checkpoint: digest.checkpoint.seq,
      detail:
        digestStored === undefined
          ? `checkpoint ${digest.checkpoint.seq} of the digest is not in the store`
          : `the store holds another checkpoint ${digest.checkpoint.seq} than the digest signed`,
    });
  }
  const sealedEvents = (previous as SealedCheckpoint | null)?.eventCount ?? 0;
  return {
    ok: broken.length === 0 && problems.length === 0,
    checkedEvents: truth.count,
    checkedStreams: tails.size,
    broken,
    problems,
    sealing: checkpoints
      ? {
          checkpoints: closedCheckpoints,
          sealedEvents,
          unsealedEvents: Math.max(0, truth.count - sealedEvents),
          lastSealedAt: (previous as SealedCheckpoint | null)?.sealedAt ?? null,
        }
      : null,
    ...(digest
      ? {
          digest: {
            seq: digest.checkpoint.seq,
            eventCount: digest.checkpoint.eventCount,
            keyId: digest.keyId,
            holds: digestHolds,
          },
        }
      : {}),
  };
}

/** The stored checkpoints in order, a page at a time. */
function checkpointReader(log: CheckpointLog): { next(): Promise<CheckpointWithHeads | undefined> } {
  let buffer: CheckpointWithHeads[] = [];
  let afterSeq = 0;
  let done = false;
  return {
    async next() {
      if (buffer.length === 0 && !done) {
        buffer = await log.read(afterSeq, 100);
        if (buffer.length === 0) done = true;
        else afterSeq = buffer[buffer.length - 1].seq;
      }
      return buffer.shift();
    },
  };
}

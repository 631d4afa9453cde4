import { createHash } from 'node:crypto';
import type { JsonObject, RecordedMetadata } from './types.js';

/** The fields a hash covers; the same in every adapter, so every chain can be verified the same way. */
export interface HashedFields {
  stream: string;
  revision: number;
  id: string;
  type: string;
  data: JsonObject;
  metadata: RecordedMetadata;
  prevHash: string | null;
}

/**
 * JSON with object keys sorted at every depth: one text for one value, whatever the key order it was built in.
 * Written with loops rather than entries/map/join: it runs over every event appended and verified.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) text += ',';
      text += canonicalJson(value[i]) ?? '';
    }
    return `${text}]`;
  }
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object).sort();
  let text = '{';
  for (const key of keys) {
    const v = object[key];
    if (v === undefined) continue;
    if (text.length > 1) text += ',';
    text += `${JSON.stringify(key)}:${canonicalJson(v)}`;
  }
  return `${text}}`;
}

export function eventHash(fields: HashedFields): string {
  const { stream, revision, id, type, data, metadata, prevHash } = fields;
  return createHash('sha256')
    .update(canonicalJson({ stream, revision, id, type, data, metadata, prevHash }))
    .digest('hex');
}

export interface ChainBreak {
  stream: string;
  revision: number;
  eventId: string;
  reason:
    | 'hash_mismatch'
    | 'prev_hash_mismatch'
    | 'revision_gap'
    // Against a sealed checkpoint (libs/event-store/src/sealing): the stream, or its last events, are gone; the
    // event at the sealed revision is another; the stream grew inside the sealed history.
    | 'stream_missing'
    | 'events_missing'
    | 'head_rewritten'
    | 'inserted_after_sealing';
  /** The checkpoint that sealed what is missing or different. */
  checkpoint?: number;
  detail?: string;
}

/** Why an event breaks its stream's chain, given the stream's previous event; undefined when it holds. */
export function chainBreakReason(
  event: HashedFields & { hash: string },
  previous: { revision: number; hash: string } | undefined,
): 'hash_mismatch' | 'prev_hash_mismatch' | 'revision_gap' | undefined {
  if (event.revision !== (previous ? previous.revision + 1 : 0)) return 'revision_gap';
  if (event.prevHash !== (previous ? previous.hash : null)) return 'prev_hash_mismatch';
  if (eventHash(event) !== event.hash) return 'hash_mismatch';
  return undefined;
}

/** Checks one stream's events, in revision order from revision 0; answers the first break, or null. */
export function findChainBreak(events: Iterable<HashedFields & { hash: string }>): ChainBreak | null {
  let previous: { revision: number; hash: string } | undefined;
  for (const event of events) {
    const reason = chainBreakReason(event, previous);
    if (reason) return { stream: event.stream, revision: event.revision, eventId: event.id, reason };
    previous = event;
  }
  return null;
}

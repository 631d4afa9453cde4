import { createHash } from 'node:crypto';

/** cannatrace's UUID namespace for name-based ids (RFC 9562 version 5). */
const NAMESPACE = Buffer.from('6f1c0e4a2b7d4c1e9a3f5b8d7c2e1a04', 'hex');

/** A UUID v5 of a name: the same name always gives the same id. */
export function nameBasedId(name: string): string {
  const hash = createHash('sha1').update(NAMESPACE).update(name).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The ids of a command's events derive from its command id: a command decided again (after a conflict, or a
 * client's retry under the same Idempotency-Key) can never store its events twice.
 */
export const commandEventId = (commandId: string, index: number) => nameBasedId(`${commandId}/${index}`);

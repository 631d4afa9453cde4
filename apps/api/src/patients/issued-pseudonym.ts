import { createHash } from 'node:crypto';
import { pseudonymOf } from '#domain';

/**
 * The pseudonym an inclusion command issues: drawn from its command id (itself derived from the Idempotency-Key
 * when there is one), never at random when handled, so a retried inclusion issues the same pseudonym and the
 * store recognises it as a retry.
 */
export const issuedPseudonym = (commandId: string) =>
  pseudonymOf(createHash('sha256').update(`pseudonym/${commandId}`).digest());

/** How the expiry printed in a pack's code compares with the expiry recorded for its batch. */
export type ScannedExpiry = 'not_scanned' | 'matches' | 'differs';

/**
 * Compares a scanned expiry (`YYYY-MM-DD`, day 00 of the code already read as the month's last day) with the
 * batch's recorded `expiresOn`. A pack whose code says another date than its batch is misprinted, or not what it
 * claims to be: it must be seen, never passed over.
 */
export function compareScannedExpiry(scanned: string | undefined, expiresOn: string): ScannedExpiry {
  if (scanned === undefined) return 'not_scanned';
  return scanned === expiresOn ? 'matches' : 'differs';
}

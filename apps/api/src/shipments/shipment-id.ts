import { createHash } from 'node:crypto';
import type { Month } from '#domain';

/**
 * A shipment id names its sender and the register book its dispatch is in (`{sender}~{YYYY-MM}~{12 hex}`), so
 * the dispatch is found in one month of one register without an index. The hex part derives from the command id:
 * a command decided again gets the same id. Ids made before the monthly books (`{sender}~{12 hex}`) name the
 * sender's legacy register. `~` never occurs in an organisation id.
 */
export function shipmentIdFor(sender: string, month: Month, commandId: string): string {
  return `${sender}~${month}~${createHash('sha256').update(commandId).digest('hex').slice(0, 12)}`;
}

const SHIPMENT_ID = /^([A-Za-z0-9._-]{1,64})~(?:(\d{4}-(?:0[1-9]|1[0-2]))~)?[0-9a-f]{12}$/;

/** The sender and the book of the dispatch (null: the legacy register), or undefined for a malformed id. */
export function parseShipmentId(shipmentId: string): { sender: string; month: Month | null } | undefined {
  const match = SHIPMENT_ID.exec(shipmentId);
  return match ? { sender: match[1], month: match[2] ?? null } : undefined;
}

import { randomBytes } from 'node:crypto';

/**
 * A shipment id names its sender (`{sender}~{random}`), so the dispatch is found in the sender's register without
 * an index. `~` never occurs in an organisation id.
 */
export function newShipmentId(sender: string): string {
  return `${sender}~${randomBytes(6).toString('hex')}`;
}

export function senderOf(shipmentId: string): string | undefined {
  const match = /^([A-Za-z0-9._-]{1,64})~[0-9a-f]{12}$/.exec(shipmentId);
  return match?.[1];
}

import { lookup } from 'node:dns/promises';
import { request as httpRequest, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * Where a webhook may be sent: only to public addresses, so that a subscription cannot make the api reach inside the
 * operator's network (server-side request forgery). `WEBHOOK_ALLOW_PRIVATE=on` lifts this for tests and on-premise
 * receivers.
 */
const NOT_PUBLIC: [string, number, 'ipv4' | 'ipv6', string][] = [
  ['0.0.0.0', 8, 'ipv4', 'unspecified'],
  ['127.0.0.0', 8, 'ipv4', 'loopback'],
  ['10.0.0.0', 8, 'ipv4', 'private'],
  ['172.16.0.0', 12, 'ipv4', 'private'],
  ['192.168.0.0', 16, 'ipv4', 'private'],
  ['169.254.0.0', 16, 'ipv4', 'link-local'],
  ['::', 128, 'ipv6', 'unspecified'],
  ['::1', 128, 'ipv6', 'loopback'],
  ['fc00::', 7, 'ipv6', 'private'],
  ['fe80::', 10, 'ipv6', 'link-local'],
];
const notPublic = new BlockList();
for (const [network, prefix, family] of NOT_PUBLIC) notPublic.addSubnet(network, prefix, family);

export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  // An IPv4 address written as IPv6 (::ffff:a.b.c.d): refused whatever it maps to, it has no business here.
  if (family === 6 && /^::ffff:/i.test(address)) return false;
  return !notPublic.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** A webhook URL the api will not send to; its message says why, for the subscriber. */
export class WebhookTargetRefused extends Error {
  override name = 'WebhookTargetRefused';
}

export interface CheckedAddress {
  address: string;
  family: 4 | 6;
}

/**
 * The address a webhook URL is sent to, once checked: every address its host resolves to must be public (unless
 * `allowPrivate`), else none is used. The connection is then made to this address, never resolved again, so a
 * name that resolves differently the second time cannot lead elsewhere.
 */
export async function webhookTarget(url: string, allowPrivate: boolean): Promise<CheckedAddress> {
  const host = new URL(url).hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: { address: string; family: number }[];
  if (isIP(host) !== 0) addresses = [{ address: host, family: isIP(host) }];
  else {
    try {
      addresses = await lookup(host, { all: true, verbatim: true });
    } catch {
      throw new WebhookTargetRefused(`the host ${host} does not resolve`);
    }
  }
  if (!allowPrivate) {
    const refused = addresses.find((a) => !isPublicAddress(a.address));
    if (refused) {
      throw new WebhookTargetRefused(
        `${host} resolves to ${refused.address}, not a public address: loopback, private (RFC 1918, fc00::/7), link-local (169.254.0.0/16, fe80::/10), unspecified and IPv4-mapped addresses are refused`,
      );
    }
  }
  if (addresses.length === 0) throw new WebhookTargetRefused(`the host ${host} does not resolve`);
  const [first] = addresses;
  return { address: first.address, family: first.family === 6 ? 6 : 4 };
}

/** Why a delivery failed, as a class only: the receiver's own error text is never stored nor shown. */
export type DeliveryFailure = 'unreachable' | 'timeout' | 'HTTP 3xx' | 'HTTP 4xx' | 'HTTP 5xx';

/**
 * POSTs one webhook body: checks the receiver's address (`webhookTarget`), connects to that very address, and
 * answers null on 2xx, else the failure's class. Redirects are not followed (a 3xx is a failure).
 */
export async function sendWebhook(
  url: string,
  headers: OutgoingHttpHeaders,
  body: string,
  options: { allowPrivate: boolean; timeoutMs: number; signal?: AbortSignal },
): Promise<DeliveryFailure | null> {
  let target: CheckedAddress;
  try {
    target = await webhookTarget(url, options.allowPrivate);
  } catch {
    return 'unreachable';
  }
  // The checked address, whatever the host name would resolve to now.
  const pinned: LookupFunction = (_host, lookupOptions, callback) => {
    if ((lookupOptions as { all?: boolean }).all) callback(null, [target]);
    else callback(null, target.address, target.family);
  };
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const request = new URL(url).protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<DeliveryFailure | null>((resolve) => {
    const outgoing = request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
        lookup: pinned,
        signal,
      },
      (response) => {
        const status = response.statusCode ?? 0;
        response.destroy();
        resolve(status >= 200 && status < 300 ? null : (`HTTP ${String(status)[0]}xx` as DeliveryFailure));
      },
    );
    outgoing.on('error', () => resolve(timeout.aborted ? 'timeout' : 'unreachable'));
    outgoing.end(body);
  });
}

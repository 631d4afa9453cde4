import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isPublicAddress, sendWebhook, webhookTarget } from './webhook-target.js';

describe('which addresses a webhook may reach', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.9.9.9', 'loopback'],
    ['::1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.20', 'private'],
    ['fc00::1', 'private'],
    ['fd12:3456::1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['fe80::1', 'link-local'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['::ffff:7f00:1', 'an IPv4-mapped address'],
  ])('refuses %s (%s)', (address) => expect(isPublicAddress(address)).toBe(false));
  it.each(['93.184.216.34', '172.32.0.1', '11.0.0.1', '2001:db8::1', '2a00:1450::1'])('accepts %s', (address) =>
    expect(isPublicAddress(address)).toBe(true),
  );

  it('refuses a URL whose host is or resolves to such an address, naming it', async () => {
    for (const url of [
      'http://127.0.0.1:4900/hook',
      'http://localhost:4900/hook',
      'http://[::1]/hook',
      'http://[::ffff:127.0.0.1]/hook',
      'http://169.254.169.254/latest/meta-data',
      'http://10.0.0.7/hook',
      'http://0.0.0.0/hook',
    ]) {
      await expect(webhookTarget(url, false)).rejects.toThrow(/not a public address/);
    }
  });
  it('accepts them when private receivers are allowed (WEBHOOK_ALLOW_PRIVATE=on), and a public literal always', async () => {
    expect(await webhookTarget('http://127.0.0.1:4900/hook', true)).toEqual({ address: '127.0.0.1', family: 4 });
    expect(await webhookTarget('https://93.184.216.34/hook', false)).toEqual({ address: '93.184.216.34', family: 4 });
  });
});

describe('one delivery, and how its failure is told', () => {
  const requests: string[] = [];
  let status = 200;
  let hang = false;
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    requests.push(request.url ?? '');
    if (hang) return;
    response.writeHead(status).end();
  });
  let url = '';
  const send = (allowPrivate: boolean, timeoutMs = 2_000) =>
    sendWebhook(url, { 'content-type': 'application/json' }, '{}', { allowPrivate, timeoutMs });

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://localhost:${(server.address() as AddressInfo).port}/hook`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('refuses a private receiver at delivery too: unreachable, and nothing is sent', async () => {
    expect(await send(false)).toBe('unreachable');
    expect(requests).toEqual([]);
  });
  it('answers null on 2xx, and only a class otherwise: HTTP 4xx, HTTP 5xx, timeout, unreachable', async () => {
    expect(await send(true)).toBeNull();
    status = 404;
    expect(await send(true)).toBe('HTTP 4xx');
    status = 503;
    expect(await send(true)).toBe('HTTP 5xx');
    hang = true;
    expect(await send(true, 200)).toBe('timeout');
    expect(requests).toEqual(['/hook', '/hook', '/hook', '/hook']);
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect(await sendWebhook(`http://127.0.0.1:${port}/hook`, {}, '{}', { allowPrivate: true, timeoutMs: 2_000 })).toBe(
      'unreachable',
    );
  });
});

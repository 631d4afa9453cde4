import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EventStore } from '#event-store';
import type { Projector } from '#read-models';
import type { ReleaseEntries } from '../processes/release-entries/release-entries.js';
import { HEALTH_LIMITS, healthAnswer, type HealthPost } from './health-answer.js';
import { HealthCheck, type HealthReport } from './health-check.js';
import { HealthReporter } from './health-reporter.js';
import { healthRequests } from './health-requests.js';

const T = Date.parse('2026-11-25T14:00:00Z');

const ok: HealthReport = {
  status: 'ok',
  eventStore: { status: 'up', adapter: 'postgres' },
  projections: [{ name: 'trace', status: 'up', behind: 0, running: true }],
};

/** A store whose pings succeed or fail as the test says; a check finishes once its promises settle. */
function reporterOn(store: { up: boolean }, listening = () => true) {
  const health = new HealthCheck(
    {
      adapter: 'fake',
      ping: async () => {
        if (!store.up) throw new Error('connection refused');
      },
    } as unknown as EventStore,
    { status: async () => [] } as unknown as Projector,
    { status: async () => ({ name: 'release-entries', running: true, behind: 0 }) } as unknown as ReleaseEntries,
  );
  return new HealthReporter(health, listening);
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("the health port as it answers from the main thread's posts", () => {
  it('answers 200 with the report when the main thread posted lately, listens, and its check found all up', () => {
    const post: HealthPost = { at: T - 900, listening: true, latest: { report: ok, at: T - 1500 } };
    const answer = healthAnswer({ ...post, loopDelayMs: { p99: 40, max: 80 } }, T);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      ...ok,
      api: { status: 'up', reportedAt: '2026-11-25T13:59:59.100Z', loopDelayMs: { p99: 40, max: 80 } },
    });
  });

  it('answers 503 when the main thread has been silent past the limit: a stuck loop is not healthy', () => {
    const post: HealthPost = {
      at: T - HEALTH_LIMITS.silentAfterMs - 1,
      listening: true,
      latest: { report: ok, at: T - 5001 },
    };
    const answer = healthAnswer(post, T);
    expect(answer.status).toBe(503);
    expect(answer.body.status).toBe('unavailable');
    expect(answer.body.api).toMatchObject({ status: 'down', detail: expect.stringMatching(/not reported for 5\.0 s/) });
    // Its last report, however good, is not passed off as the present.
    expect(answer.body.eventStore).toBeUndefined();
    // At the limit it is still believed.
    expect(healthAnswer({ ...post, at: T - HEALTH_LIMITS.silentAfterMs }, T).status).toBe(200);
  });

  it('answers 503 before any post, when the api port does not listen, and when checks stop finishing', () => {
    expect(healthAnswer(undefined, T)).toMatchObject({
      status: 503,
      body: { api: { detail: 'the api has not reported yet' } },
    });
    expect(healthAnswer({ at: T, listening: false, latest: { report: ok, at: T } }, T)).toMatchObject({
      status: 503,
      body: { status: 'unavailable', api: { detail: 'the api is not listening on its port' } },
    });
    expect(healthAnswer({ at: T, listening: true }, T).status).toBe(503);
    const old = healthAnswer(
      { at: T, listening: true, latest: { report: ok, at: T - HEALTH_LIMITS.checkOlderThanMs - 1 } },
      T,
    );
    expect(old).toMatchObject({
      status: 503,
      body: { api: { detail: expect.stringMatching(/checks do not finish/) } },
    });
  });

  it('says unavailable, with the reason, once a check of the main thread finds the store down', async () => {
    const store = { up: true };
    const reporter = reporterOn(store);
    // Checks are dated by the clock: the posts are too.
    const now = Date.now();
    // The first post starts a check; none has finished yet.
    expect(healthAnswer(reporter.next(now), now).status).toBe(503);
    await settle();
    expect(healthAnswer(reporter.next(now + 1000), now + 1000)).toMatchObject({ status: 200, body: { status: 'ok' } });

    store.up = false;
    await settle();
    // The post that starts a check carries the one before; the next carries its finding.
    expect(healthAnswer(reporter.next(now + 2000), now + 2000).status).toBe(200);
    await settle();
    const answer = healthAnswer(reporter.next(now + 3000), now + 3000);
    expect(answer.status).toBe(503);
    expect(answer.body).toMatchObject({
      status: 'unavailable',
      eventStore: { status: 'down', detail: 'connection refused' },
      api: { status: 'up' },
    });
  });

  it('starts one check at a time, however often it posts', async () => {
    const pings: (() => void)[] = [];
    const health = new HealthCheck(
      { adapter: 'fake', ping: () => new Promise<void>((resolve) => pings.push(resolve)) } as unknown as EventStore,
      { status: async () => [] } as unknown as Projector,
      { status: async () => ({ name: 'release-entries', running: true, behind: 0 }) } as unknown as ReleaseEntries,
    );
    const reporter = new HealthReporter(health, () => true);
    for (let i = 0; i < 5; i++) reporter.next(T + i * 1000);
    await settle();
    expect(pings).toHaveLength(1);
    pings[0]();
    await settle();
    reporter.next(T + 5000);
    expect(pings).toHaveLength(2);
    pings[1]();
  });
});

describe('the health port over HTTP', () => {
  let server: Server;
  let base: string;
  let post: HealthPost | undefined;
  beforeAll(async () => {
    server = createServer(
      healthRequests(
        () => post,
        () => T,
      ),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('answers GET /health from the last post: 503 before any, 200 once the api reports all up, 503 when it falls silent', async () => {
    post = undefined;
    expect((await fetch(`${base}/health`)).status).toBe(503);
    post = { at: T, listening: true, latest: { report: ok, at: T } };
    const answer = await fetch(`${base}/health?probe=1`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(await answer.json()).toMatchObject({ status: 'ok', eventStore: { status: 'up' }, api: { status: 'up' } });
    post = { ...post, at: T - 6000 };
    const silent = await fetch(`${base}/health`);
    expect(silent.status).toBe(503);
    expect(await silent.json()).toMatchObject({ status: 'unavailable', api: { status: 'down' } });
  });

  it('serves nothing but GET /health', async () => {
    const elsewhere = await fetch(`${base}/v1/organisations`);
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.headers.get('content-type')).toBe('application/problem+json');
    expect(await elsewhere.json()).toMatchObject({ status: 404, rule: 'not_found' });
    const posted = await fetch(`${base}/health`, { method: 'POST', body: '{}' });
    expect(posted.status).toBe(405);
    expect(await posted.json()).toMatchObject({ rule: 'method_not_allowed' });
  });
});

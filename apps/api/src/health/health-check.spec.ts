import { describe, expect, it } from '@jest/globals';
import type { EventStore } from '#event-store';
import type { Projector } from '#read-models';
import type { EventAlerts } from '../processes/alerts/event-alerts.js';
import type { ReleaseEntries } from '../processes/release-entries/release-entries.js';
import { HealthCheck } from './health-check.js';

/** A store whose pings wait until the test lets them answer, up or down. */
function fakes() {
  const pending: ((up: boolean) => void)[] = [];
  const store = {
    adapter: 'fake',
    ping: () =>
      new Promise<void>((resolve, reject) => pending.push((up) => (up ? resolve() : reject(new Error('down'))))),
  } as unknown as EventStore;
  const projector = { status: async () => [] } as unknown as Projector;
  const releaseEntries = {
    status: async () => ({ name: 'release-entries', running: true, behind: 0 }),
  } as unknown as ReleaseEntries;
  const eventAlerts = {
    status: async () => ({ name: 'event-alerts', running: true, behind: 0 }),
  } as unknown as EventAlerts;
  const answer = async (up: boolean) => {
    while (pending.length === 0) await new Promise((resolve) => setImmediate(resolve));
    pending.shift()!(up);
  };
  return { health: new HealthCheck(store, projector, releaseEntries, eventAlerts), answer };
}

describe('health as GET /health answers it', () => {
  it('checks afresh when idle, and answers the last recent report while a check is running', async () => {
    const { health, answer } = fakes();
    const first = health.current();
    await answer(true);
    expect((await first).status).toBe('ok');

    // Idle: the next call checks again, and sees the store down.
    const second = health.current();
    // Meanwhile a second caller gets the recent report at once instead of waiting.
    expect((await health.current()).status).toBe('ok');
    await answer(false);
    expect((await second).status).toBe('unavailable');
    const third = health.current();
    await answer(false);
    expect((await third).eventStore).toMatchObject({ status: 'down', detail: 'down' });
  });
});

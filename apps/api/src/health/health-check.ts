import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../../../../libs/event-store/src/index.js';

export interface DependencyStatus {
  status: 'up' | 'down';
  detail?: string;
}

export interface HealthReport {
  status: 'ok' | 'unavailable';
  eventStore: DependencyStatus & { adapter: string };
}

/** A health check must answer quickly even when a dependency hangs. */
const PING_TIMEOUT_MS = 2000;

@Injectable()
export class HealthCheck {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async check(): Promise<HealthReport> {
    const eventStore = { adapter: this.store.adapter, ...(await probe(() => this.store.ping())) };
    return { status: eventStore.status === 'up' ? 'ok' : 'unavailable', eventStore };
  }
}

async function probe(ping: () => Promise<void>): Promise<DependencyStatus> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      ping(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${PING_TIMEOUT_MS} ms`)), PING_TIMEOUT_MS);
      }),
    ]);
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', detail: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

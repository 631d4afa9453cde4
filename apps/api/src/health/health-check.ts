import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '#event-store';
import { Projector } from '#read-models';
import { ReleaseEntries } from '../processes/release-entries/release-entries.js';

export interface DependencyStatus {
  status: 'up' | 'down';
  detail?: string;
}

export interface HealthReport {
  status: 'ok' | 'unavailable';
  eventStore: DependencyStatus & { adapter: string };
  /** Each read model and each process that follows the store: events still to handle (counted up to 1,000). */
  projections: (DependencyStatus & { name: string; behind?: number; running?: boolean })[];
}

/** A health check must answer quickly even when a dependency hangs. */
const PING_TIMEOUT_MS = 2000;
/** How old a report may be when it is answered while a new check runs. */
const RECENT_MS = 5000;

@Injectable()
export class HealthCheck {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(Projector) private readonly projector: Projector,
    @Inject(ReleaseEntries) private readonly releaseEntries: ReleaseEntries,
  ) {}

  private running?: Promise<HealthReport>;
  private last?: { report: HealthReport; at: number };

  /**
   * The health as `GET /health` answers it: a fresh check, unless one is already running and the last report is
   * recent (under 5 s), which is then answered at once. Under a flood of requests a check takes many turns of the
   * event loop; answering from the running one keeps `/health` to one turn, and an idle api always checks afresh.
   */
  async current(): Promise<HealthReport> {
    if (this.running && this.last && Date.now() - this.last.at < RECENT_MS) return this.last.report;
    if (!this.running) {
      this.running = this.check().then(
        (report) => {
          this.last = { report, at: Date.now() };
          this.running = undefined;
          return report;
        },
        (error: unknown) => {
          this.running = undefined;
          throw error;
        },
      );
    }
    return this.running;
  }

  /** The last check that finished, and when; undefined before the first. */
  latest(): { report: HealthReport; at: number } | undefined {
    return this.last;
  }

  async check(): Promise<HealthReport> {
    const eventStore = { adapter: this.store.adapter, ...(await probe(() => this.store.ping())) };
    let projections: HealthReport['projections'] = [];
    const read = await probe(async () => {
      projections = (await this.projector.status()).map(({ name, behind, running, lastError }) => ({
        name,
        behind,
        running,
        // Not running here is fine: another process (`cli project`) may keep the read models.
        status: lastError === null ? ('up' as const) : ('down' as const),
        ...(lastError ? { detail: lastError } : {}),
      }));
      const entries = await this.releaseEntries.status();
      projections.push({ ...entries, status: entries.running ? 'up' : 'down' });
    });
    const up = eventStore.status === 'up' && read.status === 'up';
    return { status: up ? 'ok' : 'unavailable', eventStore, projections };
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

import type { HealthPost } from './health-answer.js';
import type { HealthCheck } from './health-check.js';

/**
 * What the main thread tells the health listener: each post proves the event loop turned, says whether the api's
 * port listens, and carries the last finished check; a post also starts the next check when none is running, so a
 * post a second keeps the check it carries under a few seconds old.
 */
export class HealthReporter {
  private checking = false;

  constructor(
    private readonly health: HealthCheck,
    private readonly listening: () => boolean,
  ) {}

  next(now = Date.now()): HealthPost {
    if (!this.checking) {
      this.checking = true;
      this.health
        .current()
        .catch(() => undefined)
        .finally(() => (this.checking = false));
    }
    const latest = this.health.latest();
    return { at: now, listening: this.listening(), ...(latest ? { latest } : {}) };
  }
}

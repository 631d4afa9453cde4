import type { DependencyStatus, HealthReport } from './health-check.js';

/** What the api's main thread posts to the health listener about once a second. */
export interface HealthPost {
  /** When the main thread posted it: proof that its event loop still turns. */
  at: number;
  /** Whether the api's own port is listening. */
  listening: boolean;
  /** The last check that finished, and when it finished. */
  latest?: { report: HealthReport; at: number };
  /** The main event loop's delay since the previous post, in milliseconds: how long a request waited its turn. */
  loopDelayMs?: { p99: number; max: number };
}

/** How long the health listener believes a post, and the check it carries. */
export interface HealthLimits {
  /** A main thread silent for longer is stuck, or too slow to serve anyone. */
  silentAfterMs: number;
  /** A check older than this no longer says how the store is (checks time out after 2 s each). */
  checkOlderThanMs: number;
}

export const HEALTH_LIMITS: HealthLimits = { silentAfterMs: 5_000, checkOlderThanMs: 10_000 };

/** The health port's body: `GET /health`'s report and, in every answer, whether the api itself is there. */
export type HealthPortBody = Partial<HealthReport> & {
  status: HealthReport['status'];
  api: DependencyStatus & { reportedAt?: string; loopDelayMs?: { p99: number; max: number } };
};

/**
 * The answer of the health listener, from the last post of the main thread: 200 only when the main thread posted
 * recently, its port listens, and its last check is recent and found every dependency up; 503 otherwise, saying why.
 */
export function healthAnswer(
  post: HealthPost | undefined,
  now: number,
  limits: HealthLimits = HEALTH_LIMITS,
): { status: 200 | 503; body: HealthPortBody } {
  const down = (detail: string, reportedAt?: number) => ({
    status: 503 as const,
    body: {
      status: 'unavailable' as const,
      api: {
        status: 'down' as const,
        detail,
        ...(reportedAt ? { reportedAt: new Date(reportedAt).toISOString() } : {}),
      },
    },
  });
  if (!post) return down('the api has not reported yet');
  const silent = now - post.at;
  if (silent > limits.silentAfterMs)
    return down(`the api has not reported for ${seconds(silent)}: its event loop is stuck or saturated`, post.at);
  if (!post.listening) return down('the api is not listening on its port', post.at);
  if (!post.latest) return down('no health check has finished yet', post.at);
  const age = now - post.latest.at;
  if (age > limits.checkOlderThanMs)
    return down(`the last health check finished ${seconds(age)} ago: checks do not finish`, post.at);
  const { report } = post.latest;
  return {
    status: report.status === 'ok' ? 200 : 503,
    body: {
      ...report,
      api: {
        status: 'up',
        reportedAt: new Date(post.at).toISOString(),
        ...(post.loopDelayMs ? { loopDelayMs: post.loopDelayMs } : {}),
      },
    },
  };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

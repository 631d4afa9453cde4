import type { NextFunction, Request, Response } from 'express';
import type { AuthenticatedRequest } from '../auth/access.decorators.js';
import { sendProblem } from '../problem/problem-details.filter.js';
import { problem } from '../problem/problem.js';
import { closeUnreadBody } from './unread-body.js';

const WINDOW_MS = 60_000;

/**
 * Counts per key in fixed one-minute windows aligned on the clock. A new window replaces the whole table at once:
 * counters expire without a scan, however many callers the last minute saw.
 */
export class RateLimiter {
  private window = -1;
  private counts = new Map<string, number>();

  /** Milliseconds until the caller may retry, or 0 when this request is within the limit. */
  take(key: string, limit: number, now = Date.now()): number {
    const window = Math.floor(now / WINDOW_MS);
    if (window !== this.window) {
      this.window = window;
      this.counts = new Map();
    }
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, count);
    return count <= limit ? 0 : (window + 1) * WINDOW_MS - now;
  }
}

export interface RateLimits {
  /** Per verified subject. */
  authenticated: number;
  /** Per client address, for requests without a valid token. */
  unauthenticated: number;
}

/**
 * Limits requests per minute: a verified token by its subject (however the token is written or re-signed), any
 * other request by its client address. `GET /health` and the web interface's static files are not counted.
 * Counts live in this process: behind a load balancer each process counts its own share.
 */
export function rateLimit(limits: RateLimits, limiter = new RateLimiter()) {
  return (request: Request & AuthenticatedRequest, response: Response, next: NextFunction): void => {
    const principal = request.principal;
    let wait: number;
    if (principal) {
      wait = limiter.take(`subject:${principal.sub}`, limits.authenticated);
    } else if (isUncounted(request)) {
      return next();
    } else {
      wait = limiter.take(`address:${request.ip ?? request.socket.remoteAddress}`, limits.unauthenticated);
    }
    if (wait === 0) return next();
    const limit = principal ? limits.authenticated : limits.unauthenticated;
    const retryAfter = Math.ceil(wait / 1000);
    response.setHeader('Retry-After', String(retryAfter));
    // A body is not read for a caller past its count.
    if (Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined)
      closeUnreadBody(request, response);
    sendProblem(
      response,
      problem(429, 'rate_limited', `More than ${limit} requests in a minute; retry in ${retryAfter} s.`, {
        rule: 'rate_limited',
        instance: request.path,
      }),
    );
  };
}

/** Reads that cost nothing to answer and that monitors and browsers repeat: health and the static web files. */
function isUncounted(request: Request): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  return request.path === '/health' || !(request.path.startsWith('/v1') || request.path.startsWith('/docs'));
}

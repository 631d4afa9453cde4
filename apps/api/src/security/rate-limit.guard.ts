import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { problem, ProblemException } from '../problem/problem.js';

export const REQUESTS_PER_MINUTE = Symbol('REQUESTS_PER_MINUTE');

const WINDOW_MS = 60_000;

/**
 * Counts requests per bearer token (per address without one) in fixed one-minute windows, so that one caller
 * cannot starve the others; past the limit, a 429 problem with Retry-After. Counts live in this process: behind a
 * load balancer each process counts its own share.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly windows = new Map<string, { started: number; count: number }>();

  constructor(@Inject(REQUESTS_PER_MINUTE) private readonly limit: number) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    const now = Date.now();
    const caller = callerOf(request);
    let window = this.windows.get(caller);
    if (!window || now - window.started >= WINDOW_MS) {
      window = { started: now, count: 0 };
      this.windows.set(caller, window);
      if (this.windows.size > 100_000) this.forgetOldWindows(now);
    }
    window.count += 1;
    if (window.count <= this.limit) return true;
    const retryAfter = Math.ceil((window.started + WINDOW_MS - now) / 1000);
    context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(retryAfter));
    throw new ProblemException(
      problem(429, 'rate_limited', `More than ${this.limit} requests in a minute; retry in ${retryAfter} s.`),
    );
  }

  private forgetOldWindows(now: number): void {
    for (const [caller, window] of this.windows) if (now - window.started >= WINDOW_MS) this.windows.delete(caller);
  }
}

function callerOf(request: Request): string {
  const authorization = request.headers.authorization;
  return authorization ? `token:${createHash('sha256').update(authorization).digest('hex')}` : `address:${request.ip}`;
}

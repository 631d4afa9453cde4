import type { NextFunction, Request, Response } from 'express';
import { sendProblem } from '../problem/problem-details.filter.js';
import { problem } from '../problem/problem.js';

/**
 * Refuses a URL whose path or query decodes to a NUL character (PostgreSQL refuses it in text) or does not decode
 * at all (a broken percent escape, a lone surrogate), before any parameter reaches a query.
 */
export function rejectUnreadableUrl(request: Request, response: Response, next: NextFunction): void {
  const url = request.originalUrl;
  let decoded: string | undefined;
  try {
    decoded = decodeURIComponent(url.replace(/\+/g, ' '));
  } catch {
    decoded = undefined;
  }
  if (decoded === undefined || decoded.includes('\u0000')) {
    sendProblem(
      response,
      problem(400, 'unreadable_url', 'The URL holds a NUL character or a percent escape that is not UTF-8.', {
        rule: 'unreadable_url',
        instance: request.path,
      }),
    );
    return;
  }
  next();
}

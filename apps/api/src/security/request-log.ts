import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import type { AuthenticatedRequest } from '../auth/access.decorators.js';
import type { IdentifiedRequest } from './request-id.js';

/**
 * One structured line per request: its id, method, path without its query, status, duration, and the caller's role
 * and organisation. Never a body, a header or a query string, so never a token or a patient's pseudonym.
 */
export function requestLog(logger: Logger) {
  return (
    request: Request & AuthenticatedRequest & IdentifiedRequest,
    response: Response,
    next: NextFunction,
  ): void => {
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      logger.info({
        requestId: request.id,
        method: request.method,
        path: request.path,
        status: response.statusCode,
        ms: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10,
        role: request.principal?.role,
        org: request.principal?.org,
      });
    });
    next();
  };
}

import type { NextFunction, Request, Response } from 'express';
import { pino, type DestinationStream, type Logger } from 'pino';
import type { AuthenticatedRequest } from '../auth/access.decorators.js';

/**
 * One structured line per request: method, path without its query, status, duration, and the caller's role and
 * organisation. Never a body, a header or a query string, so never a token or a patient's pseudonym.
 */
export function requestLog(destination?: DestinationStream) {
  // Written in the background: a synchronous write per request blocks the api whenever the reader of
  // its standard output is slower than its requests (measured: a quarter of the api's time under load).
  const logger: Logger = pino(
    { base: undefined, timestamp: pino.stdTimeFunctions.isoTime },
    destination ?? pino.destination({ dest: 1, sync: false }),
  );
  return (request: Request & AuthenticatedRequest, response: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      logger.info({
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

import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { EventStoreUnavailableError } from '../../../../libs/event-store/src/index.js';
import { PROBLEM_CONTENT_TYPE, type Problem } from './problem.js';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Turns every error into an `application/problem+json` answer; nothing else ever leaves the API on failure. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const problem = this.toProblem(error);
    problem.instance = request.path;
    response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }

  private toProblem(error: unknown): Problem {
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const body = error.getResponse();
      if (typeof body === 'object' && body !== null && 'type' in body && 'title' in body) {
        return { ...(body as Problem), status };
      }
      const message = typeof body === 'string' ? body : (body as { message?: unknown }).message;
      return {
        type: 'about:blank',
        title: TITLES[status] ?? error.name,
        status,
        detail: Array.isArray(message) ? message.join('; ') : String(message ?? error.message),
      };
    }
    if (error instanceof EventStoreUnavailableError) {
      return {
        type: 'about:blank',
        title: TITLES[503],
        status: HttpStatus.SERVICE_UNAVAILABLE,
        detail: 'The event store does not answer; retry later with the same Idempotency-Key.',
      };
    }
    this.logger.error(error instanceof Error ? error.stack : String(error));
    return { type: 'about:blank', title: TITLES[500], status: 500, detail: 'An unexpected error occurred.' };
  }
}

import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ReplayedResponse } from '../idempotency/idempotency.interceptor.js';
import type { IdentifiedRequest } from '../security/request-id.js';
import { INTERNAL_ERROR, PROBLEM_CONTENT_TYPE, toProblem, type Problem } from './problem.js';

/** Turns every error into an `application/problem+json` answer; nothing else ever leaves the API on failure. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request & IdentifiedRequest>();
    const response = http.getResponse<Response>();
    if (error instanceof ReplayedResponse) {
      replay(response, error);
      return;
    }
    let body: Problem | undefined = toProblem(error);
    if (!body) {
      this.logger.error({ requestId: request.id, error: error instanceof Error ? error.stack : String(error) });
      body = INTERNAL_ERROR;
    }
    sendProblem(response, { ...body, instance: request.path });
  }
}

export function sendProblem(response: Response, body: Problem): void {
  if (response.headersSent) return;
  if (body.status === 401) response.setHeader('WWW-Authenticate', 'Bearer');
  response.status(body.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
}

function replay(response: Response, replayed: ReplayedResponse): void {
  response.setHeader('Idempotent-Replayed', 'true');
  response.status(replayed.replayedStatus);
  if (replayed.replayedStatus >= 400) response.type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(replayed.replayedBody));
  else response.json(replayed.replayedBody);
}

import express, { type NextFunction, type Request, type Response } from 'express';
import type { AuthenticatedRequest } from '../auth/access.decorators.js';
import { sendProblem } from '../problem/problem-details.filter.js';
import { problem, type Problem } from '../problem/problem.js';
import { jsonShapeProblem } from './json-shape.js';

/** A receipt of 10,000 scans is about 600 kB. */
export const AUTHENTICATED_BODY_LIMIT = 1024 * 1024;
/** No public endpoint takes a body: a caller without a valid token sends little, refused unread when larger. */
export const UNAUTHENTICATED_BODY_LIMIT = 8 * 1024;

/**
 * Parses JSON bodies after authentication: up to 1 MB for a verified caller, 8 kB otherwise (refused by its
 * Content-Length before a byte is read). Then the body's shape is checked (depth, keys, prototype keys, text
 * PostgreSQL cannot store) before validation sees it.
 */
export function jsonBody() {
  const authenticated = express.json({ limit: AUTHENTICATED_BODY_LIMIT, strict: true });
  const unauthenticated = express.json({ limit: UNAUTHENTICATED_BODY_LIMIT, strict: true });
  return (request: Request & AuthenticatedRequest, response: Response, next: NextFunction): void => {
    const parse = request.principal ? authenticated : unauthenticated;
    parse(request, response, (error?: unknown) => {
      if (error) return refuse(request, response, parserProblem(error, request.principal !== undefined));
      const shape = request.body === undefined ? undefined : jsonShapeProblem(request.body);
      if (!shape) return next();
      refuse(
        request,
        response,
        problem(400, shape.rule, shape.message, {
          rule: shape.rule,
          errors: [{ field: shape.field, message: shape.message }],
        }),
      );
    });
  };
}

function refuse(request: Request, response: Response, body: Problem): void {
  // The rest of a refused body is not read: close the connection rather than drain it.
  if (!request.complete) response.setHeader('Connection', 'close');
  sendProblem(response, { ...body, instance: request.path });
}

function parserProblem(error: unknown, authenticated: boolean): Problem {
  const { type, status } = error as { type?: string; status?: number };
  if (type === 'entity.too.large') {
    const limit = authenticated ? '1 MB' : '8 kB (send a valid token for up to 1 MB)';
    return problem(413, 'body_too_large', `The body is larger than the limit: ${limit}.`, { rule: 'body_too_large' });
  }
  if (type === 'entity.parse.failed')
    return problem(400, 'malformed_json', 'The body is not valid JSON.', { rule: 'malformed_json' });
  if (status === 415)
    return problem(415, 'unsupported_encoding', 'The body uses an encoding or charset this api does not read.', {
      rule: 'unsupported_encoding',
    });
  return problem(400, 'unreadable_body', 'The body could not be read.', { rule: 'unreadable_body' });
}

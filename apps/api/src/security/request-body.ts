import express, { type NextFunction, type Request, type Response } from 'express';
import type { AuthenticatedRequest } from '../auth/access.decorators.js';
import { sendProblem } from '../problem/problem-details.filter.js';
import { problem, type Problem } from '../problem/problem.js';
import { jsonShapeProblem, jsonTextShapeProblem, type ShapeProblem } from './json-shape.js';

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
  const authenticated = express.json({ limit: AUTHENTICATED_BODY_LIMIT, strict: true, verify: checkText });
  const unauthenticated = express.json({ limit: UNAUTHENTICATED_BODY_LIMIT, strict: true, verify: checkText });
  return (request: Request & AuthenticatedRequest, response: Response, next: NextFunction): void => {
    const parse = request.principal ? authenticated : unauthenticated;
    // Larger than allowed by its own Content-Length: refused at once, the connection closed rather than drained.
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > (request.principal ? AUTHENTICATED_BODY_LIMIT : UNAUTHENTICATED_BODY_LIMIT))
      return refuse(request, response, parserProblem({ type: 'entity.too.large' }, request.principal !== undefined));
    parse(request, response, (error?: unknown) => {
      if (error) return refuse(request, response, parserProblem(error, request.principal !== undefined));
      const shape = request.body === undefined ? undefined : jsonShapeProblem(request.body);
      if (!shape) return next();
      refuse(request, response, shapeRefusal(shape));
    });
  };
}

/** A refusal found in the raw text, carried through the parser's error. */
class TextShapeError extends Error {
  readonly status = 400;
  constructor(readonly shape: ShapeProblem) {
    super(shape.message);
  }
}

/** Depth and keys per object on the raw text, before `JSON.parse` spends time on them (json-shape.ts). */
function checkText(_request: unknown, _response: unknown, text: Buffer, encoding: string): void {
  if (encoding.toLowerCase() !== 'utf-8') throw Object.assign(new Error('not UTF-8'), { status: 415 });
  const shape = jsonTextShapeProblem(text);
  if (shape) throw new TextShapeError(shape);
}

function shapeRefusal(shape: ShapeProblem): Problem {
  return problem(400, shape.rule, shape.message, {
    rule: shape.rule,
    errors: [{ field: shape.field, message: shape.message }],
  });
}

function refuse(request: Request, response: Response, body: Problem): void {
  // The rest of a refused body is not read: close the connection rather than drain it.
  if (!request.complete) response.setHeader('Connection', 'close');
  sendProblem(response, { ...body, instance: request.path });
}

function parserProblem(error: unknown, authenticated: boolean): Problem {
  if (error instanceof TextShapeError) return shapeRefusal(error.shape);
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

import type { NextFunction, Request, Response } from 'express';
import type { AuthenticatedRequest } from '../auth/access.decorators.js';
import { sendProblem } from '../problem/problem-details.filter.js';
import { problem, type Problem } from '../problem/problem.js';
import { closeUnreadBody } from './unread-body.js';
import { jsonShapeProblem, JsonTextScanner, type ShapeProblem } from './json-shape.js';

/** A receipt of 10,000 scans is about 600 kB. */
export const AUTHENTICATED_BODY_LIMIT = 1024 * 1024;
/** No public endpoint takes a body: a caller without a valid token sends little. */
export const UNAUTHENTICATED_BODY_LIMIT = 8 * 1024;

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;
const CHARSET = /;\s*charset\s*=\s*"?([^";\s]+)/i;

/**
 * Reads JSON bodies after authentication: up to 1 MB for a verified caller, 8 kB otherwise. A body is refused as
 * soon as it can be: by its Content-Length before a byte is read, by its depth or the keys of one object while it
 * arrives (json-shape.ts); a refused body is not read on, its connection closed. Once whole, the body is parsed and
 * checked (prototype keys, text PostgreSQL cannot store, total size) before validation sees it. Bodies of another
 * content type are left unread (validation then refuses the missing fields); compressed bodies are refused.
 */
export function jsonBody() {
  return (request: Request & AuthenticatedRequest, response: Response, next: NextFunction): void => {
    const type = request.headers['content-type'];
    if (!hasBody(request) || typeof type !== 'string' || !JSON_TYPE.test(type)) return next();
    const authenticated = request.principal !== undefined;
    const limit = authenticated ? AUTHENTICATED_BODY_LIMIT : UNAUTHENTICATED_BODY_LIMIT;
    const charset = CHARSET.exec(type)?.[1].toLowerCase();
    const encoding = (request.headers['content-encoding'] ?? 'identity').toLowerCase();
    if ((charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') || encoding !== 'identity')
      return refuse(request, response, unsupported());
    if (Number(request.headers['content-length'] ?? 0) > limit)
      return refuse(request, response, tooLarge(authenticated));

    const scanner = new JsonTextScanner();
    const chunks: Buffer[] = [];
    let received = 0;
    let done = false;
    const stop = (refusal: Problem) => {
      done = true;
      request.off('data', onData);
      refuse(request, response, refusal);
    };
    const onData = (chunk: Buffer) => {
      if (done) return;
      received += chunk.length;
      if (received > limit) return stop(tooLarge(authenticated));
      const shape = scanner.feed(chunk);
      if (shape) return stop(shapeRefusal(shape));
      chunks.push(chunk);
    };
    request.on('data', onData);
    request.once('error', () => (done = true));
    request.once('end', () => {
      if (done) return;
      done = true;
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks, received).toString('utf8'));
      } catch {
        return refuse(
          request,
          response,
          problem(400, 'malformed_json', 'The body is not valid JSON.', { rule: 'malformed_json' }),
        );
      }
      if (typeof body !== 'object' || body === null)
        return refuse(
          request,
          response,
          problem(400, 'malformed_json', 'The body is not a JSON object or array.', { rule: 'malformed_json' }),
        );
      const shape = jsonShapeProblem(body);
      if (shape) return refuse(request, response, shapeRefusal(shape));
      request.body = body;
      next();
    });
  };
}

function hasBody(request: Request): boolean {
  return request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
}

function shapeRefusal(shape: ShapeProblem): Problem {
  return problem(400, shape.rule, shape.message, {
    rule: shape.rule,
    errors: [{ field: shape.field, message: shape.message }],
  });
}

function tooLarge(authenticated: boolean): Problem {
  const limit = authenticated ? '1 MB' : '8 kB (send a valid token for up to 1 MB)';
  return problem(413, 'body_too_large', `The body is larger than the limit: ${limit}.`, { rule: 'body_too_large' });
}

function unsupported(): Problem {
  return problem(415, 'unsupported_encoding', 'JSON bodies are read as UTF-8, uncompressed.', {
    rule: 'unsupported_encoding',
  });
}

/** Answers the refusal; the rest of a body not read to its end is not read: the connection is closed. */
function refuse(request: Request, response: Response, body: Problem): void {
  closeUnreadBody(request, response);
  sendProblem(response, { ...body, instance: request.path });
}

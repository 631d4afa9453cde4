import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';

/** A caller's own request id is kept when it is short and plain; otherwise one is made. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export interface IdentifiedRequest {
  id?: string;
}

/** Gives every request an id, echoed in `X-Request-Id` and written on every log line about it. */
export function requestId(request: Request & IdentifiedRequest, response: Response, next: NextFunction): void {
  const given = request.headers['x-request-id'];
  request.id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  response.setHeader('X-Request-Id', request.id);
  next();
}

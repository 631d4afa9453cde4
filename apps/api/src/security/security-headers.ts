import type { NextFunction, Request, Response } from 'express';

/**
 * Headers that keep browsers from misusing the api's answers: no sniffing, no framing, no referrer, and for the
 * JSON api a policy that loads nothing at all (the OpenAPI page under /docs needs its scripts and styles).
 */
export function securityHeaders(request: Request, response: Response, next: NextFunction): void {
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('X-Frame-Options', 'DENY');
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  if (!request.path.startsWith('/docs')) {
    response.setHeader('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
    response.setHeader('Cache-Control', 'no-store');
  }
  next();
}

import type { NextFunction, Request, Response } from 'express';

/**
 * Headers that keep browsers from misusing the api's answers: no sniffing, no framing, no referrer, and for the
 * JSON api a policy that loads nothing at all; the web interface loads its own files only (the OpenAPI page under
 * /docs needs its own scripts and styles).
 */
export function securityHeaders(request: Request, response: Response, next: NextFunction): void {
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('X-Frame-Options', 'DENY');
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  if (request.path.startsWith('/v1') || request.path === '/health') {
    response.setHeader('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
    response.setHeader('Cache-Control', 'no-store');
  } else if (!request.path.startsWith('/docs')) {
    // The web interface: its own scripts, styles and data only.
    response.setHeader(
      'Content-Security-Policy',
      "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
    );
  }
  next();
}

import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

const common = { frameguard: { action: 'deny' as const }, referrerPolicy: { policy: 'no-referrer' as const } };

/** The JSON api loads nothing at all. */
const api = helmet({
  ...common,
  contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
});
/** The web interface: its own scripts, styles and data only. */
const web = helmet({
  ...common,
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      styleSrc: ["'self'", "'unsafe-inline'"],
      frameAncestors: ["'none'"],
    },
  },
});
/** The OpenAPI page brings its own inline scripts and styles. */
const docs = helmet({ ...common, contentSecurityPolicy: false });

/**
 * Headers that keep browsers from misusing the api's answers (helmet: no sniffing, no framing, no referrer, a
 * content security policy per kind of page), and no caching of api answers.
 */
export function securityHeaders(request: Request, response: Response, next: NextFunction): void {
  if (request.path.startsWith('/v1') || request.path === '/health') {
    response.setHeader('Cache-Control', 'no-store');
    return api(request, response, next);
  }
  return request.path.startsWith('/docs') ? docs(request, response, next) : web(request, response, next);
}

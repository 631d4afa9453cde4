import type { NextFunction, Request, Response } from 'express';
import { InvalidTokenError, TokenKeysUnavailableError, type TokenVerifier } from '#auth';
import type { AuthenticatedRequest } from './access.decorators.js';

/** A token longer than this is refused unread (a JWT of an OpenID Connect provider is 1 to 3 kB). */
const MAX_TOKEN_LENGTH = 8192;
const BEARER = /^Bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*) *$/i;

/**
 * Verifies the bearer token before anything else reads the request (its body above all), so that the rate limit
 * counts the verified subject and a caller without a valid token gets a small body limit. The guard turns a
 * missing or refused token into a 401 on every endpoint but the public ones.
 */
export function authenticate(verifier: TokenVerifier) {
  return (request: Request & AuthenticatedRequest, _response: Response, next: NextFunction): void => {
    const header = request.headers.authorization;
    if (header === undefined) return next();
    const token = header.length <= MAX_TOKEN_LENGTH + 16 ? BEARER.exec(header)?.[1] : undefined;
    if (token === undefined || token.length > MAX_TOKEN_LENGTH) {
      request.authFailure = 'invalid_token';
      return next();
    }
    verifier.verify(token).then(
      (principal) => {
        request.principal = principal;
        next();
      },
      (error: unknown) => {
        if (error instanceof TokenKeysUnavailableError) request.authFailure = 'keys_unavailable';
        else if (error instanceof InvalidTokenError) request.authFailure = 'invalid_token';
        else return next(error);
        next();
      },
    );
  };
}

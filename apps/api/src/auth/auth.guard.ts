import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Role } from '#auth';
import { problem, ProblemException } from '../problem/problem.js';
import { PUBLIC, ROLES_ALLOWED, type AuthenticatedRequest } from './access.decorators.js';
import { Registrations } from './registrations.js';

export const JWT_SECRET = Symbol('JWT_SECRET');
/** The `iss` and `aud` tokens signed here (the demo sign-in) carry, as the configuration asks. */
export const JWT_CLAIMS = Symbol('JWT_CLAIMS');

/**
 * One guard for the whole API: a token verified before the body was read (401 otherwise, 503 when the keys of
 * its issuer cannot be fetched), a role the endpoint allows (403), and a role and organisation the registry
 * agrees with (403).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(Registrations) private readonly registrations: Registrations,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const principal = request.principal;
    if (!principal) throw new ProblemException(unauthenticated(request));
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_ALLOWED, targets);
    if (allowed && !allowed.includes(principal.role)) {
      throw new ProblemException(
        problem(403, 'role_not_allowed', `The role ${principal.role} may not do this; allowed: ${allowed.join(', ')}.`),
      );
    }
    const refusal = await this.registrations.refusal(principal);
    if (refusal) throw new ProblemException(refusal);
    return true;
  }
}

function unauthenticated(request: AuthenticatedRequest & Request) {
  if (request.authFailure === 'keys_unavailable')
    return problem(503, 'token_keys_unavailable', "The token issuer's keys cannot be fetched; retry later.");
  if (request.authFailure === 'invalid_token' || request.headers.authorization !== undefined)
    return problem(401, 'invalid_token', 'The bearer token is not valid.');
  return problem(401, 'unauthenticated', 'A bearer token is required.');
}

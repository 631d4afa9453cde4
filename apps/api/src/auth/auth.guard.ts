import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { InvalidTokenError, verifyToken, type Role } from '#auth';
import { problem, ProblemException } from '../problem/problem.js';
import { PUBLIC, ROLES_ALLOWED, type AuthenticatedRequest } from './access.decorators.js';

export const JWT_SECRET = Symbol('JWT_SECRET');

/** One guard for the whole API: a valid HS256 token (401 otherwise), and a role the endpoint allows (403). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(JWT_SECRET) private readonly secret: string,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (!token) throw new ProblemException(problem(401, 'unauthenticated', 'A bearer token is required.'));
    try {
      request.principal = verifyToken(this.secret, token);
    } catch (error) {
      if (!(error instanceof InvalidTokenError)) throw error;
      throw new ProblemException(problem(401, 'invalid_token', 'The bearer token is not valid.'));
    }
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_ALLOWED, targets);
    if (allowed && !allowed.includes(request.principal.role)) {
      throw new ProblemException(
        problem(
          403,
          'role_not_allowed',
          `The role ${request.principal.role} may not do this; allowed: ${allowed.join(', ')}.`,
        ),
      );
    }
    return true;
  }
}

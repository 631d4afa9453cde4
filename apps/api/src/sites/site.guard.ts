import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { AuthenticatedRequest } from '../auth/access.decorators.js';
import { problem, ProblemException } from '../problem/problem.js';

/** A site's stock and register: its own people read and write them; ANSM reads them. */
@Injectable()
export class SiteGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const site = request.params.organisationId;
    const principal = request.principal;
    if (principal && (principal.org === site || (principal.role === 'ansm' && request.method === 'GET'))) return true;
    throw new ProblemException(problem(403, 'not_site_member', `Only ${String(site)} (or ANSM, to read) may do this.`));
  }
}

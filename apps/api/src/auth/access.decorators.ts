import { SetMetadata, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Principal, Role } from '#auth';

export const PUBLIC = 'cannatrace:public';
export const ROLES_ALLOWED = 'cannatrace:roles';

/** No token needed (health, docs). */
export const Public = () => SetMetadata(PUBLIC, true);

/** Only these roles may call the endpoint; without it, any authenticated role may. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_ALLOWED, roles);

export interface AuthenticatedRequest {
  /** The verified token's caller (set before the body is read; see authenticate.ts). */
  principal?: Principal;
  /** Why the token given was not accepted: refused, or its issuer's keys could not be fetched. */
  authFailure?: 'invalid_token' | 'keys_unavailable';
}

/** The caller the guard authenticated. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal =>
    context.switchToHttp().getRequest<AuthenticatedRequest>().principal as Principal,
);

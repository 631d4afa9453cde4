import { SetMetadata, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Principal, Role } from '#auth';

export const PUBLIC = 'cannatrace:public';
export const ROLES_ALLOWED = 'cannatrace:roles';

/** No token needed (health, docs). */
export const Public = () => SetMetadata(PUBLIC, true);

/** Only these roles may call the endpoint; without it, any authenticated role may. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_ALLOWED, roles);

export interface AuthenticatedRequest {
  principal?: Principal;
}

/** The caller the guard authenticated. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal =>
    context.switchToHttp().getRequest<AuthenticatedRequest>().principal as Principal,
);

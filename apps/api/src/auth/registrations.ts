import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Principal } from '#auth';
import { DomainError } from '#domain';
import { problem, type Problem } from '../problem/problem.js';
import { GetOrganisation, GetProfessional } from '../registry/registry.queries.js';

/** How long a token's agreement with the registry is trusted before it is read again. */
const CACHE_MS = 30_000;
/** Past this many cached callers the cache starts afresh (no scan). */
const CACHE_SIZE = 10_000;

const ORGANISATION_ROLES = ['supplier', 'exploitant', 'laboratory'] as const;

/**
 * Checks a token's role and organisation against the registry: a pharmacist or a prescriber is a professional of
 * that kind registered at that organisation (the token's `sub` is the RPPS number); a supplier, exploitant or
 * laboratory token names an organisation of that kind. ANSM tokens are not checked: the registry is ANSM's.
 * Agreements are cached for 30 s; refusals are not, so a registration takes effect at once.
 */
@Injectable()
export class Registrations {
  private cache = new Map<string, number>();

  constructor(private readonly queries: QueryBus) {}

  /** The refusal, or undefined when the registry agrees with the token. */
  async refusal(principal: Principal, now = Date.now()): Promise<Problem | undefined> {
    if (principal.role === 'ansm') return undefined;
    const key = `${principal.role}\u0000${principal.org}\u0000${principal.sub}`;
    if ((this.cache.get(key) ?? 0) > now) return undefined;
    const refusal = await this.check(principal);
    if (!refusal) {
      if (this.cache.size >= CACHE_SIZE) this.cache = new Map();
      this.cache.set(key, now + CACHE_MS);
    }
    return refusal;
  }

  private async check({ sub, role, org }: Principal): Promise<Problem | undefined> {
    if ((ORGANISATION_ROLES as readonly string[]).includes(role)) {
      const organisation = await this.find<{ kind: string }>(new GetOrganisation(org));
      if (!organisation)
        return refuse('organisation_not_registered', `The token's organisation ${org} is not registered.`);
      if (organisation.kind !== role)
        return refuse(
          'organisation_kind_mismatch',
          `The token's role is ${role} but its organisation ${org} is registered as ${organisation.kind}.`,
        );
      return undefined;
    }
    const professional = await this.find<{ kind: string; organisationId: string }>(new GetProfessional(sub));
    if (!professional)
      return refuse('professional_not_registered', `The token's subject ${sub} is not a registered ${role}.`);
    if (professional.kind !== role)
      return refuse(
        'professional_role_mismatch',
        `The token's role is ${role} but ${sub} is registered as ${professional.kind}.`,
      );
    if (professional.organisationId !== org)
      return refuse(
        'professional_organisation_mismatch',
        `The token names ${org} but ${sub} is registered at ${professional.organisationId}.`,
      );
    return undefined;
  }

  private async find<T>(query: GetOrganisation | GetProfessional): Promise<T | undefined> {
    try {
      return (await this.queries.execute(query)) as T;
    } catch (error) {
      if (error instanceof DomainError && error.kind === 'not_found') return undefined;
      throw error;
    }
  }
}

function refuse(rule: string, detail: string): Problem {
  return problem(403, rule, detail, { rule });
}

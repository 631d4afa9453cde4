import { Controller, Get, Inject, Req } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { signToken, type Role } from '#auth';
import { isLoopbackHost } from '#config';
import { Public } from '../auth/access.decorators.js';
import { JWT_CLAIMS, JWT_SECRET } from '../auth/auth.guard.js';
import { problem, ProblemException } from '../problem/problem.js';
import { GetOrganisation, GetProfessional } from '../registry/registry.queries.js';

export const DEMO = Symbol('DEMO');

/** Whether the demo sign-in was asked for (`DEMO=on`), and the interface the api listens on. */
export interface DemoOptions {
  enabled: boolean;
  host: string;
}

const DEMO_ORGANISATIONS = ['SUP-DEMO', 'EXP-DEMO', 'PH-CENTRE', 'PH-GARE', 'CHU-DEMO'];

/**
 * The actors `cli seed` creates, as the sign-in page offers them; each is offered only once what it stands for is
 * in the store (its organisation, and its registration when it is a professional). The ANSM auditor stands for
 * the whole demo circuit.
 */
export const DEMO_ACTORS: {
  label: string;
  role: Role;
  org: string;
  sub: string;
  requires: { organisations: string[]; professional?: string };
}[] = [
  {
    label: 'Fournisseur (SUP-DEMO)',
    role: 'supplier',
    org: 'SUP-DEMO',
    sub: 'qp@sup-demo',
    requires: { organisations: ['SUP-DEMO'] },
  },
  {
    label: 'Exploitant (EXP-DEMO)',
    role: 'exploitant',
    org: 'EXP-DEMO',
    sub: 'logistique@exp-demo',
    requires: { organisations: ['EXP-DEMO'] },
  },
  {
    label: 'Pharmacie du Centre (pharmacienne formée)',
    role: 'pharmacist',
    org: 'PH-CENTRE',
    sub: '10000000002',
    requires: { organisations: ['PH-CENTRE'], professional: '10000000002' },
  },
  {
    label: 'Pharmacie de la Gare',
    role: 'pharmacist',
    org: 'PH-GARE',
    sub: '10000000004',
    requires: { organisations: ['PH-GARE'], professional: '10000000004' },
  },
  {
    label: 'Prescripteur, CHU (centre de référence)',
    role: 'prescriber',
    org: 'CHU-DEMO',
    sub: '10000000001',
    requires: { organisations: ['CHU-DEMO'], professional: '10000000001' },
  },
  {
    label: 'ANSM (auditrice)',
    role: 'ansm',
    org: 'ANSM',
    sub: 'auditrice@ansm',
    requires: { organisations: DEMO_ORGANISATIONS },
  },
];

/**
 * Tokens for the demo actors, with no password: only when asked for (`DEMO=on`), only while the api listens on
 * the loopback interface and only to a caller on this machine; refused otherwise as if the path did not exist.
 */
@ApiExcludeController()
@Public()
@Controller('v1/demo')
export class DemoController {
  constructor(
    @Inject(DEMO) private readonly demo: DemoOptions,
    @Inject(JWT_SECRET) private readonly secret: string,
    @Inject(JWT_CLAIMS) private readonly claims: { iss?: string; aud?: string },
    private readonly queries: QueryBus,
  ) {}

  @Get('actors')
  async actors(@Req() request: Request) {
    if (!this.demo.enabled || !isLoopbackHost(this.demo.host) || !isLoopbackHost(request.socket.remoteAddress ?? '')) {
      throw new ProblemException(
        problem(
          404,
          'demo_off',
          'No demo sign-in here: it needs DEMO=on, a loopback HOST and a caller on the same machine.',
        ),
      );
    }
    const existing = await this.existing();
    return DEMO_ACTORS.filter(
      (a) =>
        a.requires.organisations.every((o) => existing.organisations.has(o)) &&
        (!a.requires.professional || existing.professionals.has(a.requires.professional)),
    ).map(({ label, role, org, sub }) => ({
      label,
      role,
      org,
      sub,
      token: signToken(this.secret, { sub, role, org }, 8 * 3600, new Date(), this.claims),
    }));
  }

  /** The demo organisations and professionals the store holds. */
  private async existing(): Promise<{ organisations: Set<string>; professionals: Set<string> }> {
    const found = async (query: GetOrganisation | GetProfessional) =>
      this.queries.execute(query).then(
        () => true,
        () => false,
      );
    const rpps = DEMO_ACTORS.flatMap((a) => (a.requires.professional ? [a.requires.professional] : []));
    const [organisations, professionals] = await Promise.all([
      Promise.all(DEMO_ORGANISATIONS.map(async (id) => ((await found(new GetOrganisation(id))) ? [id] : []))),
      Promise.all(rpps.map(async (id) => ((await found(new GetProfessional(id))) ? [id] : []))),
    ]);
    return { organisations: new Set(organisations.flat()), professionals: new Set(professionals.flat()) };
  }
}
